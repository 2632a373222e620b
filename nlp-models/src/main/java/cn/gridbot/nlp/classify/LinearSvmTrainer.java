package cn.gridbot.nlp.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.ml.model.DataIndexer;
import opennlp.tools.ml.model.MaxentModel;

/**
 * An OpenNLP event trainer (name it in {@code TrainingParameters} "Algorithm") that learns a
 * {@link LinearModel}: TF-IDF weighting (sublinear by default), L2 normalisation, and one linear
 * SVM per outcome (one-vs-rest) solved by dual coordinate descent (Hsieh et al., ICML 2008, the
 * algorithm behind LIBLINEAR). A softmax scale, fitted on a held-out fifth of the data, turns the
 * decision values into probabilities.
 *
 * <p>Parameters: {@code C} (default 0.5), {@code Loss} ({@code squared_hinge} default, or
 * {@code hinge}), {@code SublinearTf} (true), {@code Seed} (1), {@code Calibrate} (true),
 * {@code Epsilon} (0.1, stopping tolerance on the projected gradient), {@code MaxEpochs} (200).
 * Deterministic for a given seed and data order.
 */
public final class LinearSvmTrainer extends AbstractEventTrainer {
  public static final String C_PARAM = "C";
  public static final String LOSS_PARAM = "Loss";
  public static final String SUBLINEAR_PARAM = "SublinearTf";
  public static final String SEED_PARAM = "Seed";
  public static final String CALIBRATE_PARAM = "Calibrate";
  public static final String NB_PARAM = "NbScaling";

  private static final double BIAS = 1.0;

  public LinearSvmTrainer() {}

  @Override
  public boolean isSortAndMerge() {
    return false;
  }

  @Override
  public void validate() {
    super.validate();
    String loss = trainingParameters.getStringParameter(LOSS_PARAM, "squared_hinge");
    if (!loss.equals("squared_hinge") && !loss.equals("hinge")) {
      throw new IllegalArgumentException("Loss must be squared_hinge or hinge, got " + loss);
    }
    if (trainingParameters.getDoubleParameter(C_PARAM, 0.5) <= 0) {
      throw new IllegalArgumentException("C must be > 0");
    }
  }

  @Override
  public MaxentModel doTrain(DataIndexer indexer) {
    double c = trainingParameters.getDoubleParameter(C_PARAM, 0.5);
    boolean hinge = trainingParameters.getStringParameter(LOSS_PARAM, "squared_hinge")
        .equals("hinge");
    boolean sublinear = trainingParameters.getBooleanParameter(SUBLINEAR_PARAM, true);
    long seed = trainingParameters.getIntParameter(SEED_PARAM, 1);
    boolean calibrate = trainingParameters.getBooleanParameter(CALIBRATE_PARAM, true);
    double eps = trainingParameters.getDoubleParameter("Epsilon", 0.1);
    int maxEpochs = trainingParameters.getIntParameter("MaxEpochs", 200);
    double nbAlpha = trainingParameters.getDoubleParameter(NB_PARAM, 0);

    String[] preds = indexer.getPredLabels();
    String[] labels = indexer.getOutcomeLabels();
    int[] y = indexer.getOutcomeList();
    int[] seen = indexer.getNumTimesEventsSeen();
    Data data = Data.of(indexer.getContexts(), preds.length, sublinear);
    Solver solver = new Solver(data, y, seen, labels.length, c, hinge, eps, maxEpochs, seed,
        nbAlpha);

    double scale = 1;
    if (calibrate && labels.length > 1 && y.length >= 50) {
      scale = calibrate(data, y, labels.length, solver, seed);
    }
    double[][] w = solver.train(allDocs(y.length));
    int k = labels.length;
    float[] weights = new float[preds.length * k];
    float[] bias = new float[k];
    for (int cl = 0; cl < k; cl++) {
      for (int p = 0; p < preds.length; p++) {
        weights[p * k + cl] = (float) w[cl][p];
      }
      bias[cl] = (float) (w[cl][preds.length] * BIAS);
    }
    addToReport("softmaxScale", Double.toString(scale));
    return new LinearModel(labels, preds, data.idf, weights, bias, sublinear, scale);
  }

  private static int[] allDocs(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  /**
   * Fits the softmax scale on a stratified held-out fifth: the scale minimising the negative log
   * likelihood of the held-out labels (golden-section search on log scale).
   */
  private static double calibrate(Data data, int[] y, int k, Solver solver, long seed) {
    List<List<Integer>> byLabel = new ArrayList<>();
    for (int cl = 0; cl < k; cl++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < y.length; i++) {
      byLabel.get(y[i]).add(i);
    }
    Random rnd = new Random(seed * 31 + 7);
    List<Integer> train = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (List<Integer> docs : byLabel) {
      java.util.Collections.shuffle(docs, rnd);
      int h = docs.size() / 5;
      held.addAll(docs.subList(0, h));
      train.addAll(docs.subList(h, docs.size()));
    }
    if (held.isEmpty()) {
      return 1;
    }
    double[][] w = solver.train(train.stream().mapToInt(Integer::intValue).toArray());
    double[][] s = new double[held.size()][];
    int[] gold = new int[held.size()];
    for (int h = 0; h < held.size(); h++) {
      int i = held.get(h);
      s[h] = Solver.decision(w, data.idx[i], data.val[i], k, data.numFeatures);
      gold[h] = y[i];
    }
    double lo = Math.log(0.1);
    double hi = Math.log(500);
    double g = (Math.sqrt(5) - 1) / 2;
    for (int it = 0; it < 60; it++) {
      double a = hi - g * (hi - lo);
      double b = lo + g * (hi - lo);
      if (nll(s, gold, Math.exp(a)) < nll(s, gold, Math.exp(b))) {
        hi = b;
      } else {
        lo = a;
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  private static double nll(double[][] s, int[] gold, double scale) {
    double total = 0;
    for (int h = 0; h < s.length; h++) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : s[h]) {
        max = Math.max(max, v);
      }
      double sum = 0;
      for (double v : s[h]) {
        sum += Math.exp(scale * (v - max));
      }
      total += Math.log(sum) - scale * (s[h][gold[h]] - max);
    }
    return total;
  }

  /** Documents as TF-IDF weighted, L2-normalised sparse vectors. */
  static final class Data {
    final int[][] idx;
    final float[][] val;
    final float[] idf;
    final int numFeatures;

    private Data(int[][] idx, float[][] val, float[] idf, int numFeatures) {
      this.idx = idx;
      this.val = val;
      this.idf = idf;
      this.numFeatures = numFeatures;
    }

    static Data of(int[][] contexts, int numFeatures, boolean sublinear) {
      int n = contexts.length;
      int[][] idx = new int[n][];
      int[][] tf = new int[n][];
      int[] df = new int[numFeatures];
      for (int d = 0; d < n; d++) {
        int[] ctx = contexts[d].clone();
        Arrays.sort(ctx);
        int[] ids = new int[ctx.length];
        int[] counts = new int[ctx.length];
        int m = 0;
        for (int i = 0; i < ctx.length; ) {
          int j = i;
          while (j < ctx.length && ctx[j] == ctx[i]) {
            j++;
          }
          ids[m] = ctx[i];
          counts[m] = j - i;
          df[ctx[i]]++;
          m++;
          i = j;
        }
        idx[d] = Arrays.copyOf(ids, m);
        tf[d] = Arrays.copyOf(counts, m);
      }
      float[] idf = new float[numFeatures];
      for (int p = 0; p < numFeatures; p++) {
        // scikit-learn's smoothed idf, so that the baseline matches its TfidfVectorizer.
        idf[p] = (float) (Math.log((1.0 + n) / (1.0 + df[p])) + 1);
      }
      float[][] val = new float[n][];
      for (int d = 0; d < n; d++) {
        float[] v = new float[idx[d].length];
        double norm2 = 0;
        for (int i = 0; i < v.length; i++) {
          int t = tf[d][i];
          // Same float rounding as LinearModel.scores, so training and inference agree exactly.
          v[i] = (float) ((sublinear ? 1 + Math.log(t) : t) * idf[idx[d][i]]);
          norm2 += (double) v[i] * v[i];
        }
        if (norm2 > 0) {
          double inv = 1 / Math.sqrt(norm2);
          for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] * inv);
          }
        }
        val[d] = v;
      }
      return new Data(idx, val, idf, numFeatures);
    }
  }

  /** One-vs-rest dual coordinate descent for L2-regularised (squared) hinge loss. */
  static final class Solver {
    private final Data data;
    private final int[] y;
    private final int[] seen;
    private final int k;
    private final double c;
    private final boolean hinge;
    private final double eps;
    private final int maxEpochs;
    private final long seed;
    private final double nbAlpha;

    Solver(Data data, int[] y, int[] seen, int k, double c, boolean hinge, double eps,
        int maxEpochs, long seed, double nbAlpha) {
      this.nbAlpha = nbAlpha;
      this.data = data;
      this.y = y;
      this.seen = seen;
      this.k = k;
      this.c = c;
      this.hinge = hinge;
      this.eps = eps;
      this.maxEpochs = maxEpochs;
      this.seed = seed;
    }

    /** Weights per outcome over the given documents; the last entry of each row is the bias. */
    double[][] train(int[] docs) {
      double[][] w = new double[k][];
      for (int cl = 0; cl < k; cl++) {
        double[] scale = nbAlpha > 0 ? nbRatios(docs, cl) : null;
        w[cl] = binary(docs, cl, scale, new Random(seed * 1_000_003L + cl));
        if (scale != null) {
          // The model scores x·(w∘r): fold the scaling into the weights, inference is unchanged.
          for (int p = 0; p < scale.length; p++) {
            w[cl][p] *= scale[p];
          }
        }
      }
      return w;
    }

    /**
     * Naive-Bayes log-count ratios of feature presence, class versus rest (Wang and Manning, ACL
     * 2012, "NBSVM"), used to scale each feature for that class's SVM.
     */
    private double[] nbRatios(int[] docs, int positive) {
      int nf = data.numFeatures;
      double[] pos = new double[nf];
      double[] neg = new double[nf];
      java.util.Arrays.fill(pos, nbAlpha);
      java.util.Arrays.fill(neg, nbAlpha);
      for (int d : docs) {
        double[] counts = y[d] == positive ? pos : neg;
        for (int f : data.idx[d]) {
          counts[f] += 1;
        }
      }
      double posSum = 0;
      double negSum = 0;
      for (int f = 0; f < nf; f++) {
        posSum += pos[f];
        negSum += neg[f];
      }
      double[] r = new double[nf];
      for (int f = 0; f < nf; f++) {
        r[f] = Math.log((pos[f] / posSum) / (neg[f] / negSum));
      }
      return r;
    }

    private double[] binary(int[] docs, int positive, double[] scale, Random rnd) {
      int nf = data.numFeatures;
      double[] w = new double[nf + 1];
      int n = docs.length;
      double[] alpha = new double[n];
      double[] qd = new double[n];
      double[] upper = new double[n];
      double[] diag = new double[n];
      for (int j = 0; j < n; j++) {
        int d = docs[j];
        double ci = c * (seen == null ? 1 : seen[d]);
        upper[j] = hinge ? ci : Double.POSITIVE_INFINITY;
        diag[j] = hinge ? 0 : 1 / (2 * ci);
        double sq = BIAS * BIAS;
        int[] ix = data.idx[d];
        float[] vx = data.val[d];
        for (int t = 0; t < ix.length; t++) {
          double v = scale == null ? vx[t] : vx[t] * scale[ix[t]];
          sq += v * v;
        }
        qd[j] = sq + diag[j];
      }
      int[] perm = allDocs(n);
      for (int epoch = 0; epoch < maxEpochs; epoch++) {
        for (int j = n - 1; j > 0; j--) {
          int r = rnd.nextInt(j + 1);
          int t = perm[j];
          perm[j] = perm[r];
          perm[r] = t;
        }
        double pgMax = Double.NEGATIVE_INFINITY;
        double pgMin = Double.POSITIVE_INFINITY;
        for (int j : perm) {
          int d = docs[j];
          int[] ix = data.idx[d];
          float[] vx = data.val[d];
          double yi = y[d] == positive ? 1 : -1;
          double dot = w[nf] * BIAS;
          if (scale == null) {
            for (int t = 0; t < ix.length; t++) {
              dot += w[ix[t]] * vx[t];
            }
          } else {
            for (int t = 0; t < ix.length; t++) {
              dot += w[ix[t]] * vx[t] * scale[ix[t]];
            }
          }
          double g = yi * dot - 1 + diag[j] * alpha[j];
          double pg;
          if (alpha[j] == 0) {
            pg = Math.min(g, 0);
          } else if (alpha[j] == upper[j]) {
            pg = Math.max(g, 0);
          } else {
            pg = g;
          }
          pgMax = Math.max(pgMax, pg);
          pgMin = Math.min(pgMin, pg);
          if (Math.abs(pg) > 1e-12) {
            double old = alpha[j];
            alpha[j] = Math.min(Math.max(old - g / qd[j], 0), upper[j]);
            double delta = (alpha[j] - old) * yi;
            if (scale == null) {
              for (int t = 0; t < ix.length; t++) {
                w[ix[t]] += delta * vx[t];
              }
            } else {
              for (int t = 0; t < ix.length; t++) {
                w[ix[t]] += delta * vx[t] * scale[ix[t]];
              }
            }
            w[nf] += delta * BIAS;
          }
        }
        if (pgMax - pgMin <= eps) {
          break;
        }
      }
      return w;
    }

    static double[] decision(double[][] w, int[] ix, float[] vx, int k, int nf) {
      double[] s = new double[k];
      for (int cl = 0; cl < k; cl++) {
        double dot = w[cl][nf] * BIAS;
        for (int t = 0; t < ix.length; t++) {
          dot += w[cl][ix[t]] * vx[t];
        }
        s[cl] = dot;
      }
      return s;
    }
  }
}
