package cn.gridbot.bot.bench;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue #9's figure: process start → {@code /health} 200 of the shaded jar ({@code java -jar
 * gridbot.jar serve}, built-in configuration), against a Redis server that is already running (an
 * external Redis, as in production; the embedded server's own start is not counted). The clock
 * starts just before the process is spawned and stops at the first 200 of a poll every 10 ms.
 * Redis is emptied before each run, so every run starts like a first start. Prints every run, the
 * median, and the bot's own per-phase line ("ready in X ms (...)") of the median run. Not a test.
 *
 * <p>Run: {@code mvn -q -o -Pbench -DskipTests -Dgridbot.bench.ready-only=true verify} (or the
 * whole bench profile).
 */
public final class ReadyBench {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "bot/target/gridbot.jar").toAbsolutePath();
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the jar first: " + jar);
    }
    Path work = Files.createTempDirectory("gridbot-ready-bench");
    System.out.println("# GridBot ready benchmark (process start -> /health 200, external Redis)");
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", load average " + loadAverage() + ", " + java.time.ZonedDateTime.now());
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(work.resolve("redis"), false, 256));
    RedisClient client = RedisClient.create(redis.url());
    List<long[]> results = new ArrayList<>(); // {ms, run}
    List<String> phases = new ArrayList<>();
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      for (int run = 1; run <= runs; run++) {
        c.sync().flushall();
        Path log = work.resolve("bot-" + run + ".log");
        long t0 = System.nanoTime();
        Process p = start(jar, redis.url(), log);
        try {
          waitHealthy(18189, p);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          results.add(new long[] {ms, run});
          String line = readyLine(log);
          phases.add(line);
          System.out.printf("run %d: %d ms (load average %s)%n", run, ms, loadAverage());
        } finally {
          p.destroy();
          p.waitFor();
        }
      }
    } finally {
      client.shutdown();
      redis.close();
    }
    List<long[]> sorted = new ArrayList<>(results);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    long[] median = sorted.get(sorted.size() / 2);
    System.out.printf("ready: median %.2f s over %d runs (min %.2f s, max %.2f s), process start to /health 200, "
        + "external Redis%n", median[0] / 1e3, runs, sorted.get(0)[0] / 1e3, sorted.get(sorted.size() - 1)[0] / 1e3);
    System.out.println("  median run, as the bot logged it: " + phases.get((int) median[1] - 1));
    System.exit(0);
  }

  static Process start(Path jar, String redisUrl, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "serve");
    Map<String, String> env = pb.environment();
    env.put("GRIDBOT_HTTP_PORT", "18189");
    env.put("GRIDBOT_HTTP_HOST", "127.0.0.1");
    env.put("GRIDBOT_REDIS_URL", redisUrl);
    env.put("GRIDBOT_INSTANCE_ID", "ready-bench");
    env.put("GRIDBOT_LOG_LEVEL", "INFO");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  static void waitHealthy(int port, Process p) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
    long end = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the bot exited with " + p.exitValue());
      }
      try {
        if (HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("bot on " + port + " did not become healthy");
  }

  /** The bot's "ready in ..." line; it is logged as the last component comes up, so it may trail 200. */
  static String readyLine(Path log) throws Exception {
    for (int i = 0; i < 100; i++) {
      for (String line : Files.readAllLines(log)) {
        int at = line.indexOf("ready in ");
        if (at >= 0) {
          return line.substring(at);
        }
      }
      Thread.sleep(20);
    }
    return "(no ready line)";
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private ReadyBench() {}
}
