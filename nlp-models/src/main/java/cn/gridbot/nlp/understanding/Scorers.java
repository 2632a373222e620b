package cn.gridbot.nlp.understanding;

import cn.gridbot.nlp.classify.Scored;
import cn.gridbot.nlp.classify.TextClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the {@link CategoryScorer} comes from: the packaged model or a model file. */
public final class Scorers {
  /** The packaged category model (built by the classifier module). */
  public static final String MODEL_RESOURCE = "/cn/gridbot/nlp/model/category.bin";

  private Scorers() {}

  /**
   * The scorer of the packaged model.
   *
   * @throws IllegalStateException when no model is packaged or none can be wired in
   */
  public static CategoryScorer builtIn() {
    InputStream in = Scorers.class.getResourceAsStream(MODEL_RESOURCE);
    if (in == null) {
      throw new IllegalStateException("no category model: " + MODEL_RESOURCE
          + " is not on the classpath (train one, or pass --model FILE)");
    }
    try (in) {
      return fromModel(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MODEL_RESOURCE, e);
    }
  }

  /** The packaged emergency model (labels {@code emergency}, {@code normal}), when the build made one. */
  public static final String EMERGENCY_RESOURCE = "/cn/gridbot/nlp/model/emergency.bin";

  /** The emergency model packaged with the jar, or empty when the corpus had no emergency flags. */
  public static java.util.Optional<CategoryScorer> builtInEmergency() {
    InputStream in = Scorers.class.getResourceAsStream(EMERGENCY_RESOURCE);
    if (in == null) {
      return java.util.Optional.empty();
    }
    try (in) {
      return java.util.Optional.of(fromModel(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + EMERGENCY_RESOURCE, e);
    }
  }

  /** The scorer of a model file. */
  public static CategoryScorer fromFile(Path model) throws IOException {
    try (InputStream in = Files.newInputStream(model)) {
      return fromModel(in);
    }
  }

  /** The scorer of a serialized {@link TextClassifier} (the classifier's labels are category ids). */
  public static CategoryScorer fromModel(InputStream in) throws IOException {
    return new ModelScorer(TextClassifier.load(in));
  }

  /**
   * The scorer of a trained {@link TextClassifier}. Two of them with the same feature spec can share
   * one feature extraction per message ({@link #sharesFeaturesWith}).
   */
  public static final class ModelScorer implements CategoryScorer {
    private final TextClassifier classifier;

    ModelScorer(TextClassifier classifier) {
      this.classifier = classifier;
    }

    @Override
    public List<LabelScore> rank(String text) {
      return rankFeatures(features(text));
    }

    /** The features this scorer's model reads from {@code text}. */
    public List<String> features(String text) {
      return classifier.features(text);
    }

    /** Ranks features extracted by this scorer or one it {@link #sharesFeaturesWith}. */
    public List<LabelScore> rankFeatures(List<String> features) {
      return labelScores(classifier.rankFeatures(features));
    }

    /** The model's rows of {@code features}, to rank with this scorer or one it shares rows with. */
    public int[] rows(List<String> features) {
      return classifier.rows(features);
    }

    /** Ranks rows looked up by this scorer or one it {@link #sharesRowsWith}. */
    public List<LabelScore> rankRows(int[] rows) {
      return labelScores(classifier.rankRows(rows));
    }

    /** Whether {@code other} reads the same features and numbers them alike, so rows serve both. */
    public boolean sharesRowsWith(CategoryScorer other) {
      return other instanceof ModelScorer m && m.classifier.sharesRowsWith(classifier);
    }

    private static List<LabelScore> labelScores(List<Scored> scored) {
      LabelScore[] out = new LabelScore[scored.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = new LabelScore(scored.get(i).label(), scored.get(i).probability());
      }
      return List.of(out);
    }

    /** Whether {@code other} reads exactly the same features from a text. */
    public boolean sharesFeaturesWith(CategoryScorer other) {
      return other instanceof ModelScorer m && m.classifier.featureSpec().equals(classifier.featureSpec());
    }
  }
}
