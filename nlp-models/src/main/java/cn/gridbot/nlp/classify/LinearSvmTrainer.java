package cn.gridbot.nlp.classify;

import java.util.ArrayList;
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
 * {@code Epsilon} (0.1, stopping tolerance on the projected gradient), {@code MaxEpochs} (200),
 * {@code NbScaling} (0 = off; else the smoothing of naive-Bayes feature scaling, as in NBSVM),
 * {@code AutoC} (false; true: C is chosen among {@link #C_CANDIDATES} by the macro-F1 of
 * out-of-fold predictions over {@link #AUTO_C_FOLDS} stratified folds of the training data, another
 * C than the first only when it is better by {@link #AUTO_C_MARGIN}; then the scale is fitted on
 * the held-out fifth and the model trained on all data with that C).
 * Deterministic for a given seed and data order.
 */
public final class LinearSvmTrainer extends AbstractEventTrainer {
  public static final String C_PARAM = "C";
  public static final String LOSS_PARAM = "Loss";
  public static final String SUBLINEAR_PARAM = "SublinearTf";
  public static final String SEED_PARAM = "Seed";
  public static final String CALIBRATE_PARAM = "Calibrate";
  public static final String NB_PARAM = "NbScaling";
  public static final String AUTO_C_PARAM = "AutoC";
  /** The values tried for C when {@code AutoC} is set; the first is the default. */
  public static final double[] C_CANDIDATES = {1, 0.5, 2, 4, 0.25};
  /**
   * How much better than the default C (out-of-fold macro-F1) another C must be to be chosen:
   * small differences there do not carry over.
   */
  static final double AUTO_C_MARGIN = 0.002;
  /** How many folds judge the candidates of {@code AutoC}. */
  static final int AUTO_C_FOLDS = 3;

  private static final double BIAS = OneVsRestSvm.BIAS;

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
    long seed = Long.parseLong(trainingParameters.getStringParameter(SEED_PARAM, "1"));
    boolean calibrate = trainingParameters.getBooleanParameter(CALIBRATE_PARAM, true);
    double eps = trainingParameters.getDoubleParameter("Epsilon", 0.1);
    int maxEpochs = trainingParameters.getIntParameter("MaxEpochs", 200);
    double nbAlpha = trainingParameters.getDoubleParameter(NB_PARAM, 0);
    boolean autoC = trainingParameters.getBooleanParameter(AUTO_C_PARAM, false);

    String[] preds = indexer.getPredLabels();
    String[] labels = indexer.getOutcomeLabels();
    int[] y = indexer.getOutcomeList();
    int[] seen = indexer.getNumTimesEventsSeen();
    TfIdfVectors data = TfIdfVectors.of(indexer.getContexts(), preds.length, sublinear);
    int k = labels.length;
    double scale = 1;
    boolean held = k > 1 && y.length >= 50;
    Split split = held ? split(y, k, seed) : null;
    if (autoC && held && split.held().length > 0) {
      // Each candidate is judged on every document, each predicted by a model that did not see it
      // (AUTO_C_FOLDS stratified folds): one held-out fifth alone is too noisy a judge.
      int[][] folds = folds(y, k, AUTO_C_FOLDS, seed);
      int[] all = allDocs(y.length);
      double[] f1 = new double[C_CANDIDATES.length];
      for (int i = 0; i < C_CANDIDATES.length; i++) {
        OneVsRestSvm s =
            new OneVsRestSvm(data, y, seen, k, C_CANDIDATES[i], hinge, eps, maxEpochs, seed, nbAlpha);
        double[][] outOfFold = new double[y.length][];
        for (int f = 0; f < folds.length; f++) {
          double[][] fw = s.train(others(folds, f));
          double[][] d = heldOutDecisions(data, y, k, fw, folds[f]);
          for (int h = 0; h < folds[f].length; h++) {
            outOfFold[folds[f][h]] = d[h];
          }
        }
        f1[i] = macroF1(outOfFold, y, all, k);
      }
      c = C_CANDIDATES[chooseC(f1)];
      addToReport("chosenC", Double.toString(c));
    }
    if (calibrate && held && split.held().length > 0) {
      OneVsRestSvm s = new OneVsRestSvm(data, y, seen, k, c, hinge, eps, maxEpochs, seed, nbAlpha);
      scale = fitScale(heldOutDecisions(data, y, k, s.train(split.train()), split.held()), y, split.held());
    }
    OneVsRestSvm solver = new OneVsRestSvm(data, y, seen, k, c, hinge, eps, maxEpochs, seed, nbAlpha);
    double[][] w = solver.train(allDocs(y.length));
    float[] weights = new float[preds.length * k];
    float[] bias = new float[k];
    for (int cl = 0; cl < k; cl++) {
      for (int p = 0; p < preds.length; p++) {
        weights[p * k + cl] = (float) w[cl][p];
      }
      bias[cl] = (float) (w[cl][preds.length] * BIAS);
    }
    addToReport("softmaxScale", Double.toString(scale));
    return new LinearModel(labels, preds, data.idf, weights, bias, sublinear, scale, c);
  }

  static int[] allDocs(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }

  /** The documents of each label, in order. */
  private static List<List<Integer>> byLabel(int[] y, int k) {
    List<List<Integer>> byLabel = new ArrayList<>();
    for (int cl = 0; cl < k; cl++) {
      byLabel.add(new ArrayList<>());
    }
    for (int i = 0; i < y.length; i++) {
      byLabel.get(y[i]).add(i);
    }
    return byLabel;
  }

  /** Stratified folds of the documents (each label dealt round-robin after a seeded shuffle). */
  private static int[][] folds(int[] y, int k, int n, long seed) {
    List<List<Integer>> byLabel = byLabel(y, k);
    Random rnd = new Random(seed * 31 + 11);
    List<List<Integer>> folds = new ArrayList<>();
    for (int f = 0; f < n; f++) {
      folds.add(new ArrayList<>());
    }
    int next = 0;
    for (List<Integer> docs : byLabel) {
      java.util.Collections.shuffle(docs, rnd);
      for (int doc : docs) {
        folds.get(next).add(doc);
        next = (next + 1) % n;
      }
    }
    int[][] out = new int[n][];
    for (int f = 0; f < n; f++) {
      out[f] = folds.get(f).stream().mapToInt(Integer::intValue).toArray();
    }
    return out;
  }

  /** Every document not in fold {@code f}. */
  private static int[] others(int[][] folds, int f) {
    int size = 0;
    for (int g = 0; g < folds.length; g++) {
      size += g == f ? 0 : folds[g].length;
    }
    int[] out = new int[size];
    int at = 0;
    for (int g = 0; g < folds.length; g++) {
      if (g != f) {
        System.arraycopy(folds[g], 0, out, at, folds[g].length);
        at += folds[g].length;
      }
    }
    return out;
  }

  /** A stratified split of the training documents: four fifths to train, one fifth held out. */
  private record Split(int[] train, int[] held) {}

  private static Split split(int[] y, int k, long seed) {
    List<List<Integer>> byLabel = byLabel(y, k);
    Random rnd = new Random(seed * 31 + 7);
    List<Integer> train = new ArrayList<>();
    List<Integer> held = new ArrayList<>();
    for (List<Integer> docs : byLabel) {
      java.util.Collections.shuffle(docs, rnd);
      int h = docs.size() / 5;
      held.addAll(docs.subList(0, h));
      train.addAll(docs.subList(h, docs.size()));
    }
    return new Split(train.stream().mapToInt(Integer::intValue).toArray(),
        held.stream().mapToInt(Integer::intValue).toArray());
  }

  private static double[][] heldOutDecisions(TfIdfVectors data, int[] y, int k, double[][] w, int[] held) {
    double[][] s = new double[held.length][];
    for (int h = 0; h < held.length; h++) {
      int i = held[h];
      s[h] = OneVsRestSvm.decision(w, data.idx[i], data.val[i], k, data.numFeatures);
    }
    return s;
  }

  /**
   * The index of the C to use given each candidate's out-of-fold macro-F1: the best, but the first
   * (default) candidate unless another beats it by at least {@link #AUTO_C_MARGIN}.
   */
  static int chooseC(double[] f1) {
    int best = 0;
    for (int i = 1; i < f1.length; i++) {
      if (f1[i] - AUTO_C_MARGIN > f1[0] && f1[i] > f1[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Macro-F1 over the labels present in the documents {@code held}, predicting the top decision. */
  static double macroF1(double[][] s, int[] y, int[] held, int k) {
    int[] tp = new int[k];
    int[] predicted = new int[k];
    int[] actual = new int[k];
    for (int h = 0; h < held.length; h++) {
      int best = 0;
      for (int cl = 1; cl < k; cl++) {
        if (s[h][cl] > s[h][best]) {
          best = cl;
        }
      }
      int gold = y[held[h]];
      predicted[best]++;
      actual[gold]++;
      if (best == gold) {
        tp[best]++;
      }
    }
    double sum = 0;
    int labels = 0;
    for (int cl = 0; cl < k; cl++) {
      if (actual[cl] == 0) {
        continue;
      }
      labels++;
      double denom = predicted[cl] + actual[cl];
      sum += denom == 0 ? 0 : 2.0 * tp[cl] / denom;
    }
    return labels == 0 ? 0 : sum / labels;
  }

  /**
   * The softmax scale minimising the negative log likelihood of the held-out labels given their
   * decision values (golden-section search on log scale).
   */
  private static double fitScale(double[][] s, int[] y, int[] held) {
    int[] gold = new int[held.length];
    for (int h = 0; h < held.length; h++) {
      gold[h] = y[held[h]];
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

}
