package cn.gridbot.nlp.cli;

import cn.gridbot.nlp.classify.LabelledText;
import cn.gridbot.nlp.classify.Recipe;
import cn.gridbot.nlp.classify.TextClassifier;
import cn.gridbot.nlp.classify.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code train --corpus FILE.jsonl --out MODEL.bin [--seed N] [--baseline tfidf-svm]
 * [--param key=value]...}: trains the classifier on a labelled JSONL corpus and writes the model
 * (via a temporary file, so a failed run never leaves half a model).
 */
public final class TrainCommand {
  private static final Set<String> OPTIONS = Set.of("corpus", "out", "seed", "baseline", "param");

  private TrainCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Returns 0 on success, 2 for bad arguments or an unusable corpus, 1 for I/O failures. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    try {
      Args a = Args.parse(args, OPTIONS);
      Path corpus = Path.of(a.required("corpus"));
      Path model = Path.of(a.required("out"));
      long seed = a.longValue("seed", 1);
      Recipe recipe = Recipes.choose(a.get("baseline"), a.params());
      if (recipe == null) {
        throw new Args.BadArguments("train cannot save the OpenNLP baselines; they exist for eval"
            + " only");
      }
      EvalCommand.requireReadable(corpus);
      train(corpus, model, seed, recipe, out, err);
      return 0;
    } catch (Args.BadArguments e) {
      err.println("train: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("train: failed: " + e);
      return 1;
    }
  }

  static void train(Path corpus, Path model, long seed, Recipe recipe, PrintStream out,
      PrintStream err) throws IOException, Args.BadArguments {
    train(corpus, Corpus.read(corpus, err), model, seed, recipe, out);
  }

  static void train(Path corpus, Corpus.Loaded data, Path model, long seed, Recipe recipe, PrintStream out)
      throws IOException, Args.BadArguments {
    List<LabelledText> examples = data.examples();
    Set<String> labels = new HashSet<>();
    examples.forEach(e -> labels.add(e.label()));
    if (labels.size() < 2) {
      throw new Args.BadArguments(corpus + ": needs at least 2 labels, found " + labels.size()
          + " in " + examples.size() + " usable lines");
    }
    long t0 = System.nanoTime();
    TextClassifier classifier = Trainer.train(examples, seed, recipe);
    long trainMs = (System.nanoTime() - t0) / 1_000_000;
    Path dir = model.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".model", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(tmp)) {
        classifier.save(os);
      }
      Files.move(tmp, model, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    out.printf("trained %s on %d texts (%d lines skipped), %d labels, %d features%s in %d ms -> %s"
        + " (%d bytes)%n", Recipes.describe(recipe), examples.size(), data.skipped(),
        labels.size(), classifier.numFeatures(), recipe.autoC() ? ", chose c=" + classifier.trainedC() : "",
        trainMs, model, Files.size(model));
  }
}
