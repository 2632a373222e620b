package cn.gridbot.nlp.cli;

import cn.gridbot.nlp.classify.LabelledText;
import cn.gridbot.nlp.classify.Recipe;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Build step (exec-maven-plugin, process-classes): trains the product model from the corpus into
 * the classes directory. When the corpus is absent the build goes on without a packaged model, and
 * {@code TextClassifier.loadPackaged()} says so clearly at run time.
 *
 * <p>Arguments: {@code CORPUS MODEL [EMERGENCY_MODEL]}; the optional third is the emergency model,
 * trained from the same corpus's {@code emergency} flags. CORPUS is one JSONL file or a
 * comma-separated list of them; a list element's file name may hold {@code *} (every file of its
 * folder that matches), and an element starting with {@code !} names a file whose texts are left
 * out of training (the held-out test split). The first file decides whether there is a corpus at
 * all; the files are read in order and a text met twice is trained on once (its first label).
 * Runs inside Maven's JVM, so it never calls System.exit.
 */
public final class PackageModel {
  /** The emergency model's recipe: the product recipe with C fixed at 1. */
  static final Recipe EMERGENCY_RECIPE = Recipe.DEFAULT.with("c", "1");

  private PackageModel() {}

  public static void main(String[] args) throws IOException, Args.BadArguments {
    if (args.length != 2 && args.length != 3) {
      throw new IllegalArgumentException("usage: PackageModel CORPUS[,CORPUS...] MODEL [EMERGENCY_MODEL]");
    }
    List<Path> include = new ArrayList<>();
    List<Path> exclude = new ArrayList<>();
    for (String element : args[0].split(",")) {
      String e = element.trim();
      if (e.isEmpty()) {
        continue;
      }
      if (e.startsWith("!")) {
        exclude.addAll(expand(e.substring(1)));
      } else {
        include.addAll(expand(e));
      }
    }
    Path model = Path.of(args[1]);
    if (include.isEmpty() || !Files.isRegularFile(include.get(0))) {
      System.out.println("[gridbot] no training corpus at " + args[0].split(",")[0]
          + ": no classifier model is packaged");
      Files.deleteIfExists(model);
      if (args.length == 3) {
        Files.deleteIfExists(Path.of(args[2]));
      }
      return;
    }
    Path first = include.get(0);
    boolean single = include.size() == 1 && exclude.isEmpty();
    Set<String> heldOut = new HashSet<>();
    for (Path p : exclude) {
      if (Files.isRegularFile(p)) {
        Corpus.read(p, System.err).examples().forEach(e -> heldOut.add(e.text()));
      }
    }
    Corpus.Loaded data = single ? Corpus.read(first, System.err) : gather(include, heldOut, Corpus::read, System.err);
    if (!single) {
      System.out.println("[gridbot] training corpus: " + include.size() + " files, " + data.examples().size()
          + " distinct texts, none of the " + heldOut.size() + " held-out test texts");
    }
    TrainCommand.train(first, data, model, 1, categoryRecipe(), System.out);
    if (args.length == 3) {
      Corpus.Loaded flags = single ? Corpus.readEmergencies(first, System.err)
          : gather(include, heldOut, Corpus::readEmergencies, System.err);
      if (flags.examples().stream().anyMatch(e -> e.label().equals("emergency"))) {
        // C stays 1 here: the model is read at a probability threshold behind the rules, chosen for
        // C=1 (RULES.md, The emergency model), not by the macro-F1 that c=auto maximises.
        TrainCommand.train(first, flags, Path.of(args[2]), 1, EMERGENCY_RECIPE, System.out);
      } else {
        System.out.println("[gridbot] no emergency flags in " + args[0] + ": no emergency model is packaged");
        Files.deleteIfExists(Path.of(args[2]));
      }
    }
  }

  /**
   * The packaged category model's recipe: the product recipe with C from {@code -Dgridbot.modelC}
   * (default 1). The product recipe's {@code c=auto} search trains 15 models to pick C and has picked
   * 1 for our corpus at every build (MODEL_CARD.md); packaging with C fixed at 1 gives the same model
   * bytes in a fraction of the build time. {@code -Dgridbot.modelC=auto} runs the search again.
   */
  static Recipe categoryRecipe() {
    return Recipe.DEFAULT.with("c", System.getProperty("gridbot.modelC", "1"));
  }

  /** One list element: a file, or the files of a folder whose names match a {@code *} pattern. */
  static List<Path> expand(String element) throws IOException {
    Path p = Path.of(element);
    String name = p.getFileName().toString();
    if (!name.contains("*")) {
      return List.of(p);
    }
    Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
    List<Path> found = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name)) {
        files.forEach(found::add);
      }
    }
    found.sort(null);
    return found;
  }

  /** Reads one corpus file as {@link Corpus} does (bad lines reported on {@code err} and skipped). */
  @FunctionalInterface
  interface CorpusReader {
    Corpus.Loaded read(Path file, PrintStream err) throws IOException;
  }

  /**
   * The examples of the included files in order, each text once (its first label) and none of the
   * held-out texts; the skipped-line counts add up.
   */
  static Corpus.Loaded gather(List<Path> include, Set<String> heldOut, CorpusReader reader, PrintStream err)
      throws IOException {
    Set<String> seen = new HashSet<>();
    List<LabelledText> examples = new ArrayList<>();
    int skipped = 0;
    for (Path p : include) {
      Corpus.Loaded loaded = reader.read(p, err);
      skipped += loaded.skipped();
      for (LabelledText e : loaded.examples()) {
        if (!heldOut.contains(e.text()) && seen.add(e.text())) {
          examples.add(e);
        }
      }
    }
    return new Corpus.Loaded(examples, skipped);
  }
}
