package cn.gridbot.nlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.nlp.classify.LabelledText;
import cn.gridbot.nlp.classify.TextClassifier;
import cn.gridbot.nlp.classify.TinyCorpus;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {
    String lastLine() {
      String[] lines = out.split("\n");
      return lines[lines.length - 1];
    }
  }

  private interface Command {
    int run(String[] args, InputStream in, PrintStream out, PrintStream err);
  }

  private static Result run(Command command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = command.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  private Path corpus(List<String> extraLines) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    List<LabelledText> examples = TinyCorpus.generate(new String[] {"甲", "乙", "丙"},
        new String[][] {{"停水", "停电"}, {"小偷", "诈骗"}, {"垃圾", "老鼠"}}, 12, 5);
    for (LabelledText e : examples) {
      ObjectNode node = json.createObjectNode();
      node.put("id", lines.size()).put("text", e.text()).put("label", e.label());
      lines.add(json.writeValueAsString(node));
    }
    lines.addAll(extraLines);
    Path file = dir.resolve("corpus.jsonl");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  /** Verifies that eval's last line is exactly "accuracy=0.dddd macro_f1=0.dddd". */
  @Test
  void evalLastLineHasTheContractFormat() throws IOException {
    Result r = run(EvalCommand::run, "--corpus", corpus(List.of()).toString(), "--folds", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.lastLine().matches("accuracy=[01]\\.\\d{4} macro_f1=[01]\\.\\d{4}"), r.lastLine());
    assertTrue(r.out().contains("confusion matrix"), r.out());
    assertTrue(r.out().contains("precision"), r.out());
  }

  /** Verifies that both baselines run on the same folds and keep the last-line format. */
  @Test
  void baselinesRun() throws IOException {
    Path file = corpus(List.of());
    for (String baseline : new String[] {"tfidf-svm", "opennlp-default", "opennlp-maxent",
        "opennlp-perceptron", "opennlp-naivebayes"}) {
      Result r = run(EvalCommand::run, "--corpus", file.toString(), "--folds", "3",
          "--baseline", baseline);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.lastLine().matches("accuracy=[01]\\.\\d{4} macro_f1=[01]\\.\\d{4}"));
    }
  }

  /** Verifies that bad lines are reported with their line number and skipped. */
  @Test
  void badLinesAreReportedAndSkipped() throws IOException {
    Path file = corpus(List.of("{not json", "{\"text\": \"只有文字\"}", "[1,2]", ""));
    Result r = run(EvalCommand::run, "--corpus", file.toString(), "--folds", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains(":37: skipped: not valid JSON"), r.err());
    assertTrue(r.err().contains(":38: skipped: no string \"label\""), r.err());
    assertTrue(r.err().contains(":39: skipped: not a JSON object"), r.err());
    assertTrue(r.out().contains("docs=36 "), r.out());
    assertTrue(r.out().contains("skipped_lines=3 "), r.out());
  }

  /** Verifies that bad arguments exit with 2 and a one-line message. */
  @Test
  void badArgumentsExitWithTwo() throws IOException {
    String file = corpus(List.of()).toString();
    String[][] bad = {
      {},
      {"--corpus"},
      {"--corpus", file, "--folds", "1"},
      {"--corpus", file, "--folds", "x"},
      {"--corpus", file, "--bogus", "1"},
      {"--corpus", dir.resolve("missing.jsonl").toString()},
      {"--corpus", file, "--baseline", "bert"},
      {"--corpus", file, "--param", "c"},
    };
    for (String[] args : bad) {
      Result r = run(EvalCommand::run, args);
      assertEquals(2, r.code(), String.join(" ", args));
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("eval: "), r.err());
    }
    assertEquals(2, run(TrainCommand::run, "--corpus", file).code());
    assertEquals(2, run(TrainCommand::run, "--out", dir.resolve("m.bin").toString()).code());
  }

  /** Verifies that a corpus with a single label is refused with exit code 2. */
  @Test
  void singleLabelCorpusIsRefused() throws IOException {
    Path file = dir.resolve("one.jsonl");
    Files.writeString(file, "{\"text\":\"停水\",\"label\":\"a\"}\n{\"text\":\"停电\",\"label\":\"a\"}\n");
    assertEquals(2, run(EvalCommand::run, "--corpus", file.toString()).code());
    assertEquals(2, run(TrainCommand::run, "--corpus", file.toString(), "--out",
        dir.resolve("m.bin").toString()).code());
  }

  /** Verifies that train writes a model that loads and classifies. */
  @Test
  void trainWritesALoadableModel() throws IOException {
    Path model = dir.resolve("out/model.bin");
    Result r = run(TrainCommand::run, "--corpus", corpus(List.of()).toString(), "--out",
        model.toString(), "--seed", "3");
    assertEquals(0, r.code(), r.err());
    try (InputStream in = Files.newInputStream(model)) {
      TextClassifier classifier = TextClassifier.load(in);
      assertEquals(List.of("丙", "乙", "甲"), classifier.labels().stream().sorted().toList());
      assertEquals("乙", classifier.best("家里进小偷了").label());
    }
  }
}
