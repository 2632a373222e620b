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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

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
      analyzer = loadOverlapped(new ConfigFiles(configDir), model, scorer);
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

  /**
   * {@link #load(ConfigFiles, CategoryScorer)} with the start spread over three threads: the
   * category model (the largest part) and the directory are read on two others while this one
   * reads the rules and the emergency model. A directory error is reported before a rules error,
   * and either before a model error.
   */
  private static Analyzer loadOverlapped(ConfigFiles files, Path model, CategoryScorer given)
      throws IOException {
    FutureTask<CategoryScorer> scorer = new FutureTask<>(
        () -> given != null ? given : loadScorer(model));
    FutureTask<Directory> directory = new FutureTask<>(() -> readDirectory(files));
    start(scorer, "load-model");
    start(directory, "load-directory");
    UnderstandingRules rules;
    try {
      rules = readRules(files);
    } catch (IOException | RuntimeException e) {
      await(directory); // the directory's own error, if any, comes first
      throw e;
    }
    CategoryScorer emergencyModel = Scorers.builtInEmergency().orElse(null);
    Directory d = await(directory);
    return Analyzer.of(await(scorer), emergencyModel,
        ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD, rules, d);
  }

  private static void start(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }

  /** The analyzer over the directory and rules of {@code files} (built-in unless overridden). */
  public static Analyzer load(ConfigFiles files, CategoryScorer scorer) throws IOException {
    return load(files, scorer, Scorers.builtInEmergency().orElse(null),
        ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD);
  }

  /** As above with another emergency model (null: the rules alone) and threshold (for measuring). */
  public static Analyzer load(ConfigFiles files, CategoryScorer scorer, CategoryScorer emergencyModel,
      double emergencyThreshold) throws IOException {
    Directory directory = readDirectory(files);
    return Analyzer.of(scorer, emergencyModel, emergencyThreshold, readRules(files), directory);
  }

  private static Directory readDirectory(ConfigFiles files) throws IOException {
    try (InputStream d = files.open("directory.yaml")) {
      return DirectoryLoader.load(d, files.describe("directory.yaml"));
    }
  }

  private static UnderstandingRules readRules(ConfigFiles files) throws IOException {
    try (InputStream r = files.open(UnderstandingRules.FILE)) {
      return RulesLoader.load(r, files.describe(UnderstandingRules.FILE));
    }
  }

  /** Lines per task when {@link #process} runs on several threads. */
  static final int CHUNK = 200;

  static void process(Analyzer analyzer, InputStream in, PrintStream out) throws IOException {
    process(analyzer, in, out, Runtime.getRuntime().availableProcessors());
  }

  /**
   * Reads JSONL from {@code in} and writes one line per non-blank input line, in input order. With
   * more than one thread, chunks of {@link #CHUNK} lines are analysed in parallel (the analyzer is
   * thread-safe) and written in order; at most two chunks per thread are in flight, so memory stays
   * bounded whatever the input's length. When no more input is waiting, what has been read is
   * answered and flushed at once, so a line typed by hand gets its answer without waiting for more.
   */
  static void process(Analyzer analyzer, InputStream in, PrintStream out, int threads)
      throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    if (threads <= 1) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          write(out, analyzeLine(analyzer, line));
        }
      }
      out.flush();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "analyze");
      t.setDaemon(true);
      return t;
    });
    try {
      Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
      List<String> chunk = new ArrayList<>(CHUNK);
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        chunk.add(line);
        // No more input waiting (someone typing, or a slow pipe): answer what has come so far
        // rather than wait for a full chunk or the end of the input.
        boolean idle = !reader.ready();
        if (chunk.size() == CHUNK || idle) {
          List<String> lines = chunk;
          inFlight.add(pool.submit(() -> analyzeChunk(analyzer, lines)));
          chunk = new ArrayList<>(CHUNK);
          while (inFlight.size() >= 2 * threads || idle && !inFlight.isEmpty()) {
            out.write(await(inFlight.poll()));
          }
          if (idle) {
            out.flush();
          }
        }
      }
      if (!chunk.isEmpty()) {
        List<String> lines = chunk;
        inFlight.add(pool.submit(() -> analyzeChunk(analyzer, lines)));
      }
      while (!inFlight.isEmpty()) {
        out.write(await(inFlight.poll()));
      }
      out.flush();
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] analyzeChunk(Analyzer analyzer, List<String> lines) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(lines.size() * 512);
    for (String l : lines) {
      buf.write(JSON.writeValueAsBytes(analyzeLine(analyzer, l)));
      buf.write('\n');
    }
    return buf.toByteArray();
  }

  private static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException(c);
    }
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
