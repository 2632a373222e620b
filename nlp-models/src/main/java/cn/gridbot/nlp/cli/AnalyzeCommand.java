package cn.gridbot.nlp.cli;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.DirectoryLoader;
import cn.gridbot.nlp.rules.RulesLoader;
import cn.gridbot.nlp.rules.UnderstandingRules;
import cn.gridbot.nlp.understanding.Analyzer;
import cn.gridbot.nlp.understanding.CategoryScorer;
import cn.gridbot.nlp.understanding.ClassifierUnderstanding;
import cn.gridbot.nlp.understanding.Scorers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code analyze [--config DIR] [--model FILE]}: JSONL in, one JSONL line out per input line, in
 * order (shared/spec/cli.md). A line that cannot be analysed yields {@code {"id", "error"}} and
 * processing continues. No Redis, no network. Exit codes: 0 done, 2 bad arguments or
 * configuration, 1 anything else (e.g. no model).
 */
public final class AnalyzeCommand {
  static final String USAGE = "usage: analyze [--config DIR] [--model FILE] < in.jsonl > out.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AnalyzeCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, null);
  }

  /**
   * As {@link #run(String[], InputStream, PrintStream, PrintStream)}, with a scorer standing in
   * for the model (tests, or a caller that loaded one already); null loads the model.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      CategoryScorer scorer) {
    Path configDir = null;
    Path model = null;
    int i = args.length > 0 && args[0].equals("analyze") ? 1 : 0;
    for (; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("--config") || a.equals("--model")) && i + 1 < args.length) {
        Path p = Path.of(args[++i]);
        if (a.equals("--config")) {
          if (!Files.isDirectory(p)) {
            err.println("analyze: --config " + p + ": not a directory");
            return 2;
          }
          configDir = p;
        } else {
          if (!Files.isRegularFile(p)) {
            err.println("analyze: --model " + p + ": no such file");
            return 2;
          }
          model = p;
        }
      } else {
        err.println("analyze: unexpected argument '" + a + "'\n" + USAGE);
        return 2;
      }
    }
    Analyzer analyzer;
    try {
      CategoryScorer s = scorer != null ? scorer : loadScorer(model);
      analyzer = load(new ConfigFiles(configDir), s);
    } catch (ConfigException e) {
      err.println("analyze: bad configuration: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("analyze: " + e.getMessage());
      return 1;
    }
    try {
      process(analyzer, in, out);
    } catch (IOException e) {
      err.println("analyze: cannot read input: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private static CategoryScorer loadScorer(Path model) throws IOException {
    return model != null ? Scorers.fromFile(model) : Scorers.builtIn();
  }

  /** The analyzer over the directory and rules of {@code files} (built-in unless overridden). */
  public static Analyzer load(ConfigFiles files, CategoryScorer scorer) throws IOException {
    return load(files, scorer, Scorers.builtInEmergency().orElse(null),
        ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD);
  }

  /** As above with another emergency model (null: the rules alone) and threshold (for measuring). */
  public static Analyzer load(ConfigFiles files, CategoryScorer scorer, CategoryScorer emergencyModel,
      double emergencyThreshold) throws IOException {
    Directory directory;
    try (InputStream d = files.open("directory.yaml")) {
      directory = DirectoryLoader.load(d, files.describe("directory.yaml"));
    }
    UnderstandingRules rules;
    try (InputStream r = files.open(UnderstandingRules.FILE)) {
      rules = RulesLoader.load(r, files.describe(UnderstandingRules.FILE));
    }
    return Analyzer.of(scorer, emergencyModel, emergencyThreshold, rules, directory);
  }

  static void process(Analyzer analyzer, InputStream in, PrintStream out) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      write(out, analyzeLine(analyzer, line));
    }
    out.flush();
  }

  static ObjectNode analyzeLine(Analyzer analyzer, String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return error(null, "not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return error(null, "expected a JSON object");
    }
    JsonNode id = node.has("id") ? node.get("id") : null;
    JsonNode text = node.get("text");
    if (text == null || !text.isTextual()) {
      return error(id, "missing \"text\" (a string)");
    }
    try {
      return analyzer.toJson(id, text.asText());
    } catch (RuntimeException e) {
      return error(id, "cannot analyze: " + e);
    }
  }

  private static ObjectNode error(JsonNode id, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.set("id", id == null ? JSON.nullNode() : id);
    o.put("error", message);
    return o;
  }

  private static void write(PrintStream out, ObjectNode node) throws IOException {
    // Bytes, not chars: the output is UTF-8 whatever the platform's default encoding.
    out.write(JSON.writeValueAsBytes(node));
    out.write('\n');
  }
}
