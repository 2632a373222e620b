package cn.gridbot.nlp.cli;

import cn.gridbot.nlp.classify.Recipe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (exec-maven-plugin, process-classes): trains the product model from the corpus into
 * the classes directory. When the corpus is absent the build goes on without a packaged model, and
 * {@code TextClassifier.loadPackaged()} says so clearly at run time.
 *
 * <p>Arguments: {@code CORPUS MODEL [EMERGENCY_MODEL]}; the optional third is the emergency model,
 * trained from the same corpus's {@code emergency} flags. Runs inside Maven's JVM, so it never
 * calls System.exit.
 */
public final class PackageModel {
  /** The emergency model's recipe: the product recipe with C fixed at 1. */
  static final Recipe EMERGENCY_RECIPE = Recipe.DEFAULT.with("c", "1");

  private PackageModel() {}

  public static void main(String[] args) throws IOException, Args.BadArguments {
    if (args.length != 2 && args.length != 3) {
      throw new IllegalArgumentException("usage: PackageModel CORPUS MODEL [EMERGENCY_MODEL]");
    }
    Path corpus = Path.of(args[0]);
    Path model = Path.of(args[1]);
    if (!Files.isRegularFile(corpus)) {
      System.out.println("[gridbot] no training corpus at " + corpus
          + ": no classifier model is packaged");
      Files.deleteIfExists(model);
      if (args.length == 3) {
        Files.deleteIfExists(Path.of(args[2]));
      }
      return;
    }
    TrainCommand.train(corpus, model, 1, Recipe.DEFAULT, System.out, System.err);
    if (args.length == 3) {
      Corpus.Loaded flags = Corpus.readEmergencies(corpus, System.err);
      if (flags.examples().stream().anyMatch(e -> e.label().equals("emergency"))) {
        // C stays 1 here: the model is read at a probability threshold behind the rules, chosen for
        // C=1 (RULES.md, The emergency model), not by the macro-F1 that c=auto maximises.
        TrainCommand.train(corpus, flags, Path.of(args[2]), 1, EMERGENCY_RECIPE, System.out);
      } else {
        System.out.println("[gridbot] no emergency flags in " + corpus + ": no emergency model is packaged");
        Files.deleteIfExists(Path.of(args[2]));
      }
    }
  }
}
