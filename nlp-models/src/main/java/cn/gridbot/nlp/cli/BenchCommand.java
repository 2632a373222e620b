package cn.gridbot.nlp.cli;

import cn.gridbot.nlp.classify.LabelledText;
import cn.gridbot.nlp.classify.TextClassifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code bench --corpus FILE.jsonl [--model MODEL.bin]}: prints model load time and single-thread
 * {@code rank()} throughput over the corpus texts. A measurement, not a test; not part of the
 * command-line contract. Without {@code --model} it uses the packaged model.
 */
public final class BenchCommand {
  private BenchCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    try {
      Args a = Args.parse(args, Set.of("corpus", "model"));
      Path corpus = Path.of(a.required("corpus"));
      EvalCommand.requireReadable(corpus);
      List<String> texts = Corpus.read(corpus, err).examples().stream()
          .map(LabelledText::text).toList();
      if (texts.isEmpty()) {
        throw new Args.BadArguments(corpus + ": no usable lines");
      }
      TextClassifier model = null;
      long first = 0;
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        model = load(a.get("model"));
        long took = System.nanoTime() - t0;
        first = i == 0 ? took : first;
        best = Math.min(best, took);
      }
      out.printf("model_load_ms first=%.1f (cold JVM, includes class loading) best_of_5=%.1f"
          + " features=%d labels=%d%n", first / 1e6, best / 1e6, model.numFeatures(),
          model.labels().size());
      double sink = 0;
      java.lang.management.ThreadMXBean threads =
          java.lang.management.ManagementFactory.getThreadMXBean();
      for (int round = 0; round < 5; round++) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long n = 0;
        while (System.nanoTime() - t0 < 2_000_000_000L) {
          for (String t : texts) {
            sink += model.rank(t).get(0).probability();
          }
          n += texts.size();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        // CPU time is what the thread really used; wall time also counts waiting for a core.
        out.printf("round %d: %.0f messages/s per core (%.2f us CPU per rank()), wall %.2f us%n",
            round + 1, n / cpuSecs, cpuSecs * 1e6 / n, secs * 1e6 / n);
      }
      err.println("checksum " + sink);
      return 0;
    } catch (Args.BadArguments e) {
      err.println("bench: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("bench: " + e.getMessage());
      return 1;
    }
  }

  private static TextClassifier load(String file) throws IOException {
    if (file == null) {
      return TextClassifier.loadPackaged();
    }
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return TextClassifier.load(in);
    }
  }
}
