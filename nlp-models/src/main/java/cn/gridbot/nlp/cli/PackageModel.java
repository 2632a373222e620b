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
 * <p>Arguments: {@code CORPUS MODEL}. Runs inside Maven's JVM, so it never calls System.exit.
 */
public final class PackageModel {
  private PackageModel() {}

  public static void main(String[] args) throws IOException, Args.BadArguments {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: PackageModel CORPUS MODEL");
    }
    Path corpus = Path.of(args[0]);
    Path model = Path.of(args[1]);
    if (!Files.isRegularFile(corpus)) {
      System.out.println("[gridbot] no training corpus at " + corpus
          + ": no classifier model is packaged");
      Files.deleteIfExists(model);
      return;
    }
    TrainCommand.train(corpus, model, 1, Recipe.DEFAULT, System.out, System.err);
  }
}
