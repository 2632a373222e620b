package cn.gridbot.nlp.cli;

import cn.gridbot.nlp.classify.Recipe;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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
    Path corpus = include.size() == 1 && exclude.isEmpty() ? include.get(0) : merge(include, exclude);
    try {
      TrainCommand.train(corpus, model, 1, Recipe.DEFAULT, System.out, System.err);
      if (args.length == 3) {
        Corpus.Loaded flags = Corpus.readEmergencies(corpus, System.err);
        if (flags.examples().stream().anyMatch(e -> e.label().equals("emergency"))) {
          // C stays 1 here: the model is read at a probability threshold behind the rules, chosen for
          // C=1 (RULES.md, The emergency model), not by the macro-F1 that c=auto maximises.
          TrainCommand.train(corpus, flags, Path.of(args[2]), 1, EMERGENCY_RECIPE, System.out);
        } else {
          System.out.println("[gridbot] no emergency flags in " + args[0] + ": no emergency model is packaged");
          Files.deleteIfExists(Path.of(args[2]));
        }
      }
    } finally {
      if (!corpus.equals(include.get(0))) {
        Files.deleteIfExists(corpus);
      }
    }
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

  /**
   * Writes the included files' examples, each text once and none of the excluded files' texts,
   * into a temporary JSONL file of {@code text}, {@code label} and {@code emergency}.
   */
  static Path merge(List<Path> include, List<Path> exclude) throws IOException {
    Set<String> held = new HashSet<>();
    for (Path p : exclude) {
      if (Files.isRegularFile(p)) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          JsonNode n = parse(line);
          if (n != null) {
            held.add(n.path("text").asText());
          }
        }
      }
    }
    Set<String> seen = new HashSet<>();
    int written = 0;
    int heldOut = 0;
    int bad = 0;
    Path out = Files.createTempFile("gridbot-corpus", ".jsonl");
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Path p : include) {
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = parse(line);
          if (n == null || !n.path("text").isTextual() || !n.path("label").isTextual()) {
            bad++;
            continue;
          }
          String text = n.get("text").asText();
          if (held.contains(text)) {
            heldOut++;
            continue;
          }
          if (!seen.add(text)) {
            continue;
          }
          ObjectNode o = JSON.createObjectNode();
          o.put("text", text);
          o.put("label", n.get("label").asText());
          if (n.has("emergency")) {
            o.put("emergency", n.get("emergency").asBoolean());
          }
          w.write(JSON.writeValueAsString(o));
          w.newLine();
          written++;
        }
      }
    }
    System.out.println("[gridbot] training corpus: " + include.size() + " files, " + written
        + " distinct texts, " + heldOut + " left out as held-out test texts, " + bad + " unreadable lines");
    return out;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }
}
