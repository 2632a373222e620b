package cn.gridbot.nlp.classify;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Ranks the labels of a trained model for a message. Thread-safe and CPU-only: {@link #rank} does
 * no I/O, takes microseconds and may run on an event loop. Loading does I/O and belongs off the
 * event loop.
 *
 * <p>A model file holds the feature spec (with {@link FeatureSpec#CODE_VERSION}) and the linear
 * model, so inference always extracts exactly the features the model was trained on.
 */
public final class TextClassifier {
  /** Classpath location of the model the build trains from nlp-models/corpus/train.jsonl. */
  public static final String PACKAGED_MODEL = "/cn/gridbot/nlp/model/category.bin";

  private static final int MAGIC = 0x47425443; // "GBTC"
  private static final int FORMAT = 1;

  private final FeatureSpec spec;
  private final LinearModel model;
  private final List<String> labels;

  TextClassifier(FeatureSpec spec, LinearModel model) {
    this.spec = spec;
    this.model = model;
    String[] names = new String[model.getNumOutcomes()];
    for (int i = 0; i < names.length; i++) {
      names[i] = model.getOutcome(i);
    }
    this.labels = List.of(names);
  }

  /**
   * All labels, best first, with probabilities summing to 1. Never fails on odd text: empty text
   * gets the model's prior (bias) ranking.
   */
  public List<Scored> rank(String text) {
    return rankFeatures(features(text));
  }

  /** The features of {@code text}: extract once to rank with several models of the same spec. */
  public List<String> features(String text) {
    List<String> features = new ArrayList<>(96);
    spec.extract(text, features);
    return features;
  }

  /** As {@link #rank(String)}, for features from {@link #features} of a model with an equal spec. */
  public List<Scored> rankFeatures(List<String> features) {
    return ranked(model.probabilities(features));
  }

  /**
   * The model's rows for {@code features}: looked up once, they rank with this classifier and any
   * it {@link #sharesRowsWith}.
   */
  public int[] rows(List<String> features) {
    return model.rows(features.toArray(), features.size());
  }

  /** As {@link #rankFeatures}, from {@link #rows} of this classifier or one it shares rows with. */
  public List<Scored> rankRows(int[] rows) {
    return ranked(model.probabilitiesOfRows(rows));
  }

  /** Whether {@code other} extracts the same features and numbers them the same way. */
  public boolean sharesRowsWith(TextClassifier other) {
    return spec.equals(other.spec) && model.sameRows(other.model);
  }

  private List<Scored> ranked(double[] p) {
    // Insertion sort of a handful of labels: stable, no boxing, no comparator allocation.
    int[] order = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      int x = i;
      int j = i - 1;
      while (j >= 0 && p[order[j]] < p[x]) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
    Scored[] out = new Scored[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = new Scored(labels.get(order[i]), p[order[i]]);
    }
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  /** The best label for {@code text}. */
  public Scored best(String text) {
    List<String> features = new ArrayList<>(96);
    spec.extract(text, features);
    double[] p = model.probabilities(features);
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return new Scored(labels.get(best), p[best]);
  }

  /** The model's labels, in its internal order. */
  public List<String> labels() {
    return labels;
  }

  public FeatureSpec featureSpec() {
    return spec;
  }

  /** Number of features the model kept. */
  public int numFeatures() {
    return model.numFeatures();
  }

  /**
   * The SVM's C this classifier was trained with (chosen when the recipe says c=auto); NaN once
   * saved and loaded.
   */
  public double trainedC() {
    return model.trainedC();
  }

  /** The model as OpenNLP's {@code MaxentModel}, e.g. for {@code DocumentCategorizerME}. */
  public LinearModel maxentModel() {
    return model;
  }

  /** Writes the model (gzip-compressed); does not close {@code out}. */
  public void save(OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(new NonClosing(out), 1 << 16);
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    data.writeInt(MAGIC);
    data.writeInt(FORMAT);
    data.writeInt(FeatureSpec.CODE_VERSION);
    data.writeUTF(spec.kind().name());
    data.writeInt(spec.minN());
    data.writeInt(spec.maxN());
    data.writeBoolean(spec.skipBigrams());
    data.writeBoolean(spec.edges());
    model.write(data);
    data.flush();
    gz.finish();
    gz.flush();
  }

  /**
   * Reads a model written by {@link #save}; does not close {@code in}.
   *
   * @throws IOException when the stream is not a model, or was written for other feature code
   */
  public static TextClassifier load(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(
        new BufferedInputStream(new GZIPInputStream(new NonClosingIn(in), 1 << 16), 1 << 16));
    if (data.readInt() != MAGIC) {
      throw new IOException("not a GridBot classifier model");
    }
    int format = data.readInt();
    if (format != FORMAT) {
      throw new IOException("unsupported model format " + format + " (this build reads " + FORMAT
          + ")");
    }
    int codeVersion = data.readInt();
    if (codeVersion != FeatureSpec.CODE_VERSION) {
      throw new IOException("model was trained with feature code v" + codeVersion
          + ", this build extracts v" + FeatureSpec.CODE_VERSION + ": retrain it");
    }
    FeatureSpec.Kind kind;
    try {
      kind = FeatureSpec.Kind.valueOf(data.readUTF());
    } catch (IllegalArgumentException e) {
      throw new IOException("unknown feature kind in model", e);
    }
    FeatureSpec spec = new FeatureSpec(kind, data.readInt(), data.readInt(), data.readBoolean(),
        data.readBoolean());
    return new TextClassifier(spec, LinearModel.read(data));
  }

  /** Whether the build packaged a model (it does when the training corpus was present). */
  public static boolean isPackaged() {
    return TextClassifier.class.getResource(PACKAGED_MODEL) != null;
  }

  /**
   * Loads the model packaged at {@link #PACKAGED_MODEL}.
   *
   * @throws IllegalStateException when the build packaged no model (no training corpus)
   * @throws IOException when the packaged model cannot be read
   */
  public static TextClassifier loadPackaged() throws IOException {
    try (InputStream in = TextClassifier.class.getResourceAsStream(PACKAGED_MODEL)) {
      if (in == null) {
        throw new IllegalStateException("no classifier model is packaged at " + PACKAGED_MODEL
            + ": nlp-models/corpus/train.jsonl was absent when this jar was built;"
            + " add the corpus and rebuild, or pass a model file (--model FILE)");
      }
      return load(in);
    }
  }

  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  private static final class NonClosingIn extends java.io.FilterInputStream {
    NonClosingIn(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
