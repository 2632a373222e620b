package cn.gridbot.bot.bench;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.broadcast.BroadcastCommands;
import cn.gridbot.handlers.broadcast.Notice;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Delivery figures: planning a notice to 10,000 groups (building and writing its queue entries in
 * one atomic step), and how fast the delivery consumer drains 20,000 messages with no rate limit,
 * to the sandbox platform (a Redis-backed stub) and over HTTP to a local stub platform. Prints
 * figures and the Redis commands each message cost; not a test.
 */
public final class DeliveryBench {
  public static void main(String[] args) throws Exception {
    Path work = Files.createTempDirectory("gridbot-delivery-bench");
    System.out.println("# GridBot delivery benchmark");
    EmbeddedRedis server = EmbeddedRedis.start(new BotConfig.Embedded(work.resolve("redis"), true, 2048));
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = new Redis(vertx, server.url(), new BotConfig.Redis(server.url(), Duration.ofSeconds(10), "plan:", null));
      redis.connect().await();
      DecisionWriter writer = new DecisionWriter(redis, t -> Optional.empty());
      for (int round = 0; round < 3; round++) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
          groups.add("building:bench-" + round + ":" + i);
        }
        long t0 = System.nanoTime();
        Notice n = new Notice("N" + round, "社区党委书记孙丽", "全体", groups, "明天上午9点到12点停水，请提前储水。", null, Instant.now());
        Decision.Builder d = Decision.by("broadcast").tag(n.id());
        BroadcastCommands.messages(n).forEach(d::send);
        writer.commit(d.build(), null, null, null, null).await();
        System.out.printf("planning a notice to 10,000 groups (queue entries written atomically): %.0f ms%n",
            (System.nanoTime() - t0) / 1e6);
      }
      redis.close();
    } finally {
      vertx.close().await();
    }
    int total = 20_000;
    try {
      drainSandbox(work, server.url(), total);
      drainHttpStub(work, server.url(), total);
    } finally {
      server.close();
    }
    System.exit(0);
  }

  /** Messages drained first, unmeasured, so that the measured run finds the code compiled. */
  static final int WARM_UP = 5_000;

  /** Drains {@code total} group pushes to the sandbox platform (every send is a Redis write). */
  static void drainSandbox(Path work, String redisUrl, int total) throws Exception {
    try (BotHarness h = BotHarness.start(work.resolve("bot"), redisUrl, Map.of("GRIDBOT_SANDBOX_OUTBOX_KEEP", "10",
        "GRIDBOT_DELIVERY_BATCH", "256", "GRIDBOT_INSTANCE_ID", "delivery-bench"))) {
      BotHarness.eventually(Duration.ofSeconds(30), () -> h.status("/health") == 200);
      Drained r = warmThenDrain(h, total, (round, i) -> {
        String g = "building:drain-" + round + ":" + i;
        return new Outgoing.GroupPush(g, "通知 " + g, List.of(), Outgoing.Lane.INTERACTIVE);
      }, () -> { });
      System.out.printf("delivery consumer, no rate limit, sandbox platform (Redis-backed stub): %d messages in %.2f s = "
          + "%.0f messages/s (%.0f/s counting the %.2f s of writing them)%n", total, r.seconds, total / r.seconds,
          total / (r.seconds + r.written), r.written);
      System.out.println("  Redis commands per message (scripts' inner commands included): " + r.commands(total));
      System.out.println("  " + r.cpu(total));
    }
  }

  /**
   * Drains {@code total} replies over HTTP to a local stub platform that answers every POST like a
   * robot webhook ({@code {"errcode":0,"errmsg":"ok"}}), through the real generic-protocol sender
   * (signed POST, no platform rate limit).
   */
  static void drainHttpStub(Path work, String redisUrl, int total) throws Exception {
    Vertx stubVertx = Vertx.vertx();
    java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
    java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.atomic.AtomicLong connections = new java.util.concurrent.atomic.AtomicLong();
    io.vertx.core.http.HttpServer stub = stubVertx.createHttpServer()
        .connectionHandler(c -> connections.incrementAndGet()).requestHandler(req -> req.body().onComplete(b -> {
      received.incrementAndGet();
      if (b.succeeded()) {
        String body = b.result().toString();
        int at = body.indexOf("\"id\":\"");
        keys.add(at < 0 ? "" : body.substring(at + 6, body.indexOf('"', at + 6)));
      }
      req.response().putHeader("Content-Type", "application/json").end("{\"errcode\":0,\"errmsg\":\"ok\"}");
    })).listen(0, "127.0.0.1").await();
    Path config = Files.createDirectories(work.resolve("http-config"));
    Files.writeString(config.resolve("channels.yaml"), """
        channels:
          generic:
            bench: { secret_env: BENCH_GENERIC_SECRET, reply_url_env: BENCH_REPLY_URL }
        groups: {}
        """);
    Map<String, String> env = Map.of("GRIDBOT_DELIVERY_BATCH", "256", "GRIDBOT_INSTANCE_ID", "delivery-bench-http",
        "BENCH_GENERIC_SECRET", "bench-generic-secret-0123456789abcdef0123456789",
        "BENCH_REPLY_URL", "http://127.0.0.1:" + stub.actualPort() + "/reply");
    try (BotHarness h = BotHarness.start(work.resolve("bot-http"), redisUrl, env, config)) {
      BotHarness.eventually(Duration.ofSeconds(30), () -> h.status("/health") == 200);
      Drained r = warmThenDrain(h, total, (round, i) -> new Outgoing.Reply("generic", "bench",
          "conv-" + round + "-" + i, "回复 " + i, Outgoing.Lane.INTERACTIVE), () -> {
            received.set(0);
            keys.clear();
            connections.set(0);
          });
      System.out.printf("delivery consumer, no rate limit, local stub HTTP platform (generic sender, signed POST, "
          + "answer {\"errcode\":0}): %d messages in %.2f s = %.0f messages/s (%.0f/s counting the %.2f s of writing "
          + "them); the stub received %d posts of %d distinct messages on %d new connections%n", total, r.seconds,
          total / r.seconds, total / (r.seconds + r.written), r.written, received.get(), keys.size(), connections.get());
      System.out.println("  Redis commands per message (scripts' inner commands included): " + r.commands(total));
      System.out.println("  " + r.cpu(total));
    } finally {
      stub.close().await();
      stubVertx.close().await();
    }
  }

  /**
   * @param written how long writing the entries took (one script; the consumer sees them at its end)
   * @param seconds from the end of that write until the lane was empty (every entry acknowledged)
   */
  record Drained(double written, double seconds, Map<String, Long> commands, double jvmCpu, double redisCpu) {
    String cpu(int total) {
      return String.format("CPU per message: %.0f µs in the JVM (bot and stub), %.0f µs in Redis; load average %s",
          jvmCpu * 1e6 / total, redisCpu * 1e6 / total, load());
    }

    String commands(int total) {
      StringBuilder sb = new StringBuilder();
      long sum = commands.values().stream().mapToLong(Long::longValue).sum();
      sb.append(String.format("%.2f", (double) sum / total));
      commands.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .filter(e -> e.getValue() * 100 >= total)
          .forEach(e -> sb.append(String.format(", %s %.2f", e.getKey(), (double) e.getValue() / total)));
      return sb.toString();
    }
  }

  /** Writes the messages in one step and waits until the interactive lane is empty. */
  /**
   * Drains {@link #WARM_UP} messages unmeasured, then {@code total} measured; {@code message} builds
   * message {@code i} of round 0 (warm-up) or 1, {@code beforeDrain} runs before each drain.
   */
  static Drained warmThenDrain(BotHarness h, int total,
      BiFunction<Integer, Integer, Outgoing> message, Runnable beforeDrain) throws Exception {
    Drained r = null;
    for (int round = 0; round < 2; round++) {
      int n = round == 0 ? WARM_UP : total;
      Decision.Builder d = Decision.by("bench");
      for (int i = 0; i < n; i++) {
        d.send(message.apply(round, i));
      }
      beforeDrain.run();
      r = drain(h, d.build());
    }
    return r;
  }

  static Drained drain(BotHarness h, Decision decision) throws Exception {
    DecisionWriter writer = new DecisionWriter(h.bot.redis(), t -> Optional.empty());
    h.bot.redis().<String>call(c -> c.configResetstat()).await();
    long w0 = System.nanoTime();
    writer.commit(decision, null, null, null, null).await();
    long t0 = System.nanoTime();
    long cpu0 = processCpuNanos();
    double redis0 = redisCpuSeconds(h);
    while (h.bot.redis().<Long>call(c -> c.xlen("gb:outbox:interactive")).await() > 0) {
      Thread.sleep(5);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double written = (t0 - w0) / 1e9;
    double jvmCpu = (processCpuNanos() - cpu0) / 1e9;
    double redisCpu = redisCpuSeconds(h) - redis0;
    String info = h.bot.redis().<String>call(c -> c.info("commandstats")).await();
    Map<String, Long> stats = new java.util.TreeMap<>();
    for (String line : info.split("\r?\n")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(line);
      if (m.find() && !m.group(1).equals("xlen") && !m.group(1).equals("info")) {
        stats.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return new Drained(written, secs, stats, jvmCpu, redisCpu);
  }

  /** CPU time of this JVM (the bot, and the stub platform when there is one). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** CPU time the Redis server has used (user + system), from INFO cpu. */
  static double redisCpuSeconds(BotHarness h) {
    String info = h.bot.redis().<String>call(c -> c.info("cpu")).await();
    double sum = 0;
    for (String line : info.split("\\r?\\n")) {
      if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
        sum += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return sum;
  }

  /** The machine's load average over the last minute (other processes share these cores). */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
