package cn.gridbot.nlp.understanding;

import cn.gridbot.nlp.classify.TextClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    TextClassifier c = TextClassifier.load(in);
    return text -> c.rank(text).stream()
        .map(s -> new CategoryScorer.LabelScore(s.label(), s.probability())).toList();
  }
}
