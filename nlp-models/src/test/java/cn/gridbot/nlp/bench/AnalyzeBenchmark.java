package cn.gridbot.nlp.bench;

import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.nlp.cli.AnalyzeCommand;
import cn.gridbot.nlp.understanding.Analyzer;
import cn.gridbot.nlp.understanding.Scorers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: throughput of the whole {@code analyze} step (classifier, keyword overrides, emergency
 * rules, place extraction, routing) on one thread, over the held-out test split's texts. Run with
 * {@code mvn -q -Pbench -DskipTests verify -pl nlp-models -am}; not part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AnalyzeBenchmark {
  private Analyzer analyzer;
  private List<String> texts;
  private int next;

  @Setup
  public void setUp() throws Exception {
    analyzer = AnalyzeCommand.load(ConfigFiles.builtIn(), Scorers.builtIn());
    texts = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    Path corpus = Path.of(System.getProperty("gridbot.corpus", "nlp-models/corpus/test.jsonl"));
    for (String line : Files.readAllLines(corpus)) {
      texts.add(json.readTree(line).get("text").asText());
    }
  }

  /** One message through the whole understanding step. */
  @Benchmark
  public Object analyze() {
    String t = texts.get(next);
    next = next + 1 == texts.size() ? 0 : next + 1;
    return analyzer.analyze(t);
  }
}
