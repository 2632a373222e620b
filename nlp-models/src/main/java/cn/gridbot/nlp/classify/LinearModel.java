package cn.gridbot.nlp.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;

/**
 * A one-vs-rest linear model over TF-IDF weighted, L2-normalised sparse features, with a softmax
 * over the decision values for probabilities. Implements OpenNLP's {@link MaxentModel} so that
 * {@code DocumentCategorizerME} and OpenNLP's evaluators can drive it.
 *
 * <p>It extends {@link AbstractModel} only because {@code DoccatModel} insists on one; it keeps its
 * own data structures (the inherited OpenNLP parameter map stays empty), so it cannot be written
 * by OpenNLP's model writers: {@code TextClassifier.save} writes it instead.
 *
 * <p>Immutable and thread-safe; {@link #eval(String[])} allocates only small per-call arrays.
 */
public final class LinearModel extends AbstractModel {
  private final String[] outcomes;
  /** Open-addressing table from predicate to its row: no boxing, no node chasing per lookup. */
  private final String[] slotKeys;
  private final int[] slotHashes;
  private final int[] slotIds;
  private final int slotMask;
  private final String[] predicates;
  private final float[] idf;
  /** Row-major by predicate: {@code weights[p * k + c]}, so one feature touches one cache line. */
  private final float[] weights;
  private final float[] bias;
  private final boolean sublinearTf;
  private final double softmaxScale;
  /** The C it was trained with; not stored in model files (NaN for a loaded model). */
  private final double trainedC;

  LinearModel(String[] outcomes, String[] predicates, float[] idf, float[] weights, float[] bias,
      boolean sublinearTf, double softmaxScale) {
    this(outcomes, predicates, idf, weights, bias, sublinearTf, softmaxScale, Double.NaN);
  }

  LinearModel(String[] outcomes, String[] predicates, float[] idf, float[] weights, float[] bias,
      boolean sublinearTf, double softmaxScale, double trainedC) {
    super(new Context[0], new String[0], outcomes.clone());
    int k = outcomes.length;
    if (idf.length != predicates.length || weights.length != predicates.length * k
        || bias.length != k) {
      throw new IllegalArgumentException("inconsistent model dimensions");
    }
    this.outcomes = outcomes.clone();
    this.predicates = predicates;
    this.idf = idf;
    this.weights = weights;
    this.bias = bias;
    this.sublinearTf = sublinearTf;
    this.softmaxScale = softmaxScale;
    this.trainedC = trainedC;
    int size = Integer.highestOneBit(Math.max(4, predicates.length * 2 + 1)) << 1;
    this.slotKeys = new String[size];
    this.slotIds = new int[size];
    this.slotHashes = new int[size];
    this.slotMask = size - 1;
    for (int i = 0; i < predicates.length; i++) {
      int hash = spread(predicates[i].hashCode());
      int h = hash & slotMask;
      while (slotKeys[h] != null && !slotKeys[h].equals(predicates[i])) {
        h = (h + 1) & slotMask;
      }
      slotKeys[h] = predicates[i];
      slotHashes[h] = hash;
      slotIds[h] = i;
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** The row of a predicate, or -1 when the model does not know it. */
  private int indexOf(Object feature) {
    int hash = spread(feature.hashCode());
    int h = hash & slotMask;
    for (String k = slotKeys[h]; k != null; k = slotKeys[h]) {
      // The stored hash spares reading the key of every slot the probe passes.
      if (slotHashes[h] == hash && k.equals(feature)) {
        return slotIds[h];
      }
      h = (h + 1) & slotMask;
    }
    return -1;
  }

  /** Decision values (before the softmax), one per outcome. */
  public double[] scores(String[] features) {
    return scores(features, features.length);
  }

  double[] scores(Object[] features, int count) {
    return scoresOfRows(rows(features, count));
  }

  /** The rows of the features this model knows, sorted, one per occurrence (repeats kept). */
  int[] rows(Object[] features, int count) {
    int[] ids = new int[count];
    int m = 0;
    for (int i = 0; i < count; i++) {
      int id = indexOf(features[i]);
      if (id >= 0) {
        ids[m++] = id;
      }
    }
    Arrays.sort(ids, 0, m);
    return m == count ? ids : Arrays.copyOf(ids, m);
  }

  /**
   * Whether {@code other} numbers its features exactly as this model does, so that {@link #rows}
   * of one serve the other (two models trained on the same texts with the same spec and cut-off).
   */
  boolean sameRows(LinearModel other) {
    return other == this || Arrays.equals(predicates, other.predicates);
  }

  /** Decision values from {@link #rows} (of this model or one with {@link #sameRows}). */
  double[] scoresOfRows(int[] sortedRows) {
    int[] ids = sortedRows.clone();
    int m = ids.length;
    // Distinct features with their weights, computed once and reused for all outcomes.
    int distinct = 0;
    double norm2 = 0;
    float[] values = new float[m];
    for (int i = 0; i < m; ) {
      int j = i;
      while (j < m && ids[j] == ids[i]) {
        j++;
      }
      int tf = j - i;
      double v = (sublinearTf ? 1 + Math.log(tf) : tf) * idf[ids[i]];
      ids[distinct] = ids[i];
      values[distinct] = (float) v;
      norm2 += v * v;
      distinct++;
      i = j;
    }
    int k = outcomes.length;
    double[] s = new double[k];
    for (int c = 0; c < k; c++) {
      s[c] = bias[c];
    }
    if (norm2 > 0) {
      double inv = 1 / Math.sqrt(norm2);
      for (int i = 0; i < distinct; i++) {
        double v = values[i] * inv;
        int base = ids[i] * k;
        for (int c = 0; c < k; c++) {
          s[c] += v * weights[base + c];
        }
      }
    }
    return s;
  }

  /** Turns decision values into probabilities in place and returns them. */
  double[] softmax(double[] s) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : s) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int c = 0; c < s.length; c++) {
      s[c] = Math.exp(softmaxScale * (s[c] - max));
      sum += s[c];
    }
    for (int c = 0; c < s.length; c++) {
      s[c] /= sum;
    }
    return s;
  }

  double[] probabilities(List<String> features) {
    return softmax(scores(features.toArray(), features.size()));
  }

  double[] probabilitiesOfRows(int[] sortedRows) {
    return softmax(scoresOfRows(sortedRows));
  }

  @Override
  public double[] eval(String[] context) {
    return softmax(scores(context));
  }

  @Override
  public double[] eval(String[] context, double[] probs) {
    double[] p = eval(context);
    if (probs != null && probs.length == p.length) {
      System.arraycopy(p, 0, probs, 0, p.length);
      return probs;
    }
    return p;
  }

  /** Real feature values are not used: term frequency comes from repeated features. */
  @Override
  public double[] eval(String[] context, float[] values) {
    return eval(context);
  }

  @Override
  public int getIndex(String outcome) {
    for (int i = 0; i < outcomes.length; i++) {
      if (outcomes[i].equals(outcome)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public int getNumOutcomes() {
    return outcomes.length;
  }

  public int numFeatures() {
    return predicates.length;
  }

  double trainedC() {
    return trainedC;
  }

  double softmaxScale() {
    return softmaxScale;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeBoolean(sublinearTf);
    out.writeDouble(softmaxScale);
    out.writeInt(outcomes.length);
    for (int c = 0; c < outcomes.length; c++) {
      out.writeUTF(outcomes[c]);
      out.writeFloat(bias[c]);
    }
    out.writeInt(predicates.length);
    int k = outcomes.length;
    for (int p = 0; p < predicates.length; p++) {
      out.writeUTF(predicates[p]);
      out.writeFloat(idf[p]);
      for (int c = 0; c < k; c++) {
        out.writeFloat(weights[p * k + c]);
      }
    }
  }

  static LinearModel read(DataInputStream in) throws IOException {
    boolean sublinear = in.readBoolean();
    double scale = in.readDouble();
    int k = in.readInt();
    if (k < 1 || k > 100_000) {
      throw new IOException("corrupt model: " + k + " outcomes");
    }
    String[] outcomes = new String[k];
    float[] bias = new float[k];
    for (int c = 0; c < k; c++) {
      outcomes[c] = in.readUTF();
      bias[c] = in.readFloat();
    }
    int n = in.readInt();
    if (n < 0 || n > 50_000_000 / k) {
      throw new IOException("corrupt model: " + n + " features");
    }
    String[] preds = new String[n];
    float[] idf = new float[n];
    float[] weights = new float[n * k];
    for (int p = 0; p < n; p++) {
      preds[p] = in.readUTF();
      idf[p] = in.readFloat();
      for (int c = 0; c < k; c++) {
        weights[p * k + c] = in.readFloat();
      }
    }
    return new LinearModel(outcomes, preds, idf, weights, bias, sublinear, scale);
  }
}
