package cn.gridbot.nlp.classify;

import java.util.Random;

/** One-vs-rest dual coordinate descent for L2-regularised (squared) hinge loss. */
final class OneVsRestSvm {
  /** The bias is an extra feature of this constant value, regularised like the others. */
  static final double BIAS = 1.0;

  private final TfIdfVectors data;
  private final int[] y;
  private final int[] seen;
  private final int k;
  private final double c;
  private final boolean hinge;
  private final double eps;
  private final int maxEpochs;
  private final long seed;
  private final double nbAlpha;

  OneVsRestSvm(TfIdfVectors data, int[] y, int[] seen, int k, double c, boolean hinge, double eps,
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
    int[] perm = LinearSvmTrainer.allDocs(n);
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
