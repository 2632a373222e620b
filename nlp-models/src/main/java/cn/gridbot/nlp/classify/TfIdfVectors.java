package cn.gridbot.nlp.classify;

import java.util.Arrays;

/** Documents as TF-IDF weighted, L2-normalised sparse vectors. */
final class TfIdfVectors {
  final int[][] idx;
  final float[][] val;
  final float[] idf;
  final int numFeatures;

  private TfIdfVectors(int[][] idx, float[][] val, float[] idf, int numFeatures) {
    this.idx = idx;
    this.val = val;
    this.idf = idf;
    this.numFeatures = numFeatures;
  }

  static TfIdfVectors of(int[][] contexts, int numFeatures, boolean sublinear) {
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
    return new TfIdfVectors(idx, val, idf, numFeatures);
  }
}
