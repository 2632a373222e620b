package cn.gridbot.bot.bench;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.broadcast.BroadcastCommands;
import cn.gridbot.handlers.broadcast.Notice;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A broadcast against robots that enforce DingTalk's limit: a stub answers like DingTalk's custom
 * robot webhook, allows 20 messages per robot in any sliding window and answers errcode 130101
 * (counted as a violation) beyond that. A notice to G groups on 5 robots is planned by the real
 * code ({@link BroadcastCommands#messages}, one atomic {@link DecisionWriter} write) and delivered
 * by the real bulk lane, DingTalk sender and {@code RobotRateLimiter}; the time until the stub has
 * accepted the last message is compared with the minimum the limits allow.
 *
 * <p>The window is the platform's minute divided by {@code -Dgridbot.bench.rateScale} (default
 * 10: 20 per 6 s), applied to both the stub and the bot's limiter
 * ({@code delivery.rate_window_ms}); 1 runs the real minute. Prints figures; not a test.
 */
public final class BroadcastRateBench {
  static final int ROBOTS = 5;
  static final int LIMIT = 20;

  public static void main(String[] args) throws Exception {
    int scale = Integer.getInteger("gridbot.bench.rateScale", 10);
    long window = 60_000L / scale;
    Path work = Files.createTempDirectory("gridbot-rate-bench");
    System.out.println("# GridBot broadcast under robot rate limits");
    System.out.printf("window: %d ms (the platforms' minute / %d, -Dgridbot.bench.rateScale=%d), %d messages per "
        + "robot per window at the stub%n", window, scale, scale, LIMIT);
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(work.resolve("redis"), true, 256));
    Vertx stubVertx = Vertx.vertx();
    Robots robots = new Robots(window);
    HttpServer stub = stubVertx.createHttpServer().requestHandler(req -> req.body().onComplete(b -> {
      String token = req.getParam("access_token");
      boolean ok = token != null && robots.accept(token);
      req.response().putHeader("Content-Type", "application/json").end(ok
          ? "{\"errcode\":0,\"errmsg\":\"ok\"}"
          : "{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}");
    })).listen(0, "127.0.0.1").await();
    String base = "http://127.0.0.1:" + stub.actualPort() + "/robot/send?access_token=";
    try {
      int[] sizes = {50, 200};
      Path config = Files.createDirectories(work.resolve("config"));
      StringBuilder yaml = new StringBuilder("channels: {}\ngroups:\n");
      Map<String, String> env = new HashMap<>();
      for (int c = 0; c < sizes.length; c++) {
        for (int i = 0; i < sizes[c]; i++) {
          yaml.append("  \"building:rate-").append(c).append(':').append(i).append("\": {platform: dingtalk, ")
              .append("webhook_env: ROBOT_").append(c).append('_').append(i % ROBOTS)
              .append(", secret_env: ROBOT_SECRET}\n");
        }
        for (int r = 0; r < ROBOTS; r++) {
          env.put("ROBOT_" + c + "_" + r, base + "case" + c + "-robot" + r);
        }
      }
      Files.writeString(config.resolve("channels.yaml"), yaml);
      env.put("ROBOT_SECRET", "SECbench-rate-limit");
      env.put("GRIDBOT_DELIVERY_RATE_WINDOW_MS", Long.toString(window));
      env.put("GRIDBOT_INSTANCE_ID", "rate-bench");
      double bulkShare = 0.75; // the default, stated
      env.put("GRIDBOT_DELIVERY_BULK_SHARE", Double.toString(bulkShare));
      try (BotHarness h = BotHarness.start(work.resolve("bot"), redis.url(), env, config)) {
        BotHarness.eventually(Duration.ofSeconds(30), () -> h.status("/health") == 200);
        int bucket = Math.max(1, (int) Math.floor(LIMIT * bulkShare));
        System.out.printf("the bot's limiter: a sliding-window log per robot in Redis; bulk notices may use %d of the "
            + "%d per window (delivery.bulk_share %.2f), starting empty%n", bucket, LIMIT, bulkShare);
        DecisionWriter writer = new DecisionWriter(h.bot.redis(), t -> Optional.empty());
        for (int c = 0; c < sizes.length; c++) {
          int groups = sizes[c];
          int perRobot = (groups + ROBOTS - 1) / ROBOTS;
          long minimum = (long) ((perRobot + bucket - 1) / bucket - 1) * window;
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < groups; i++) {
            ids.add("building:rate-" + c + ":" + i);
          }
          int violationsBefore = robots.violations.get();
          Notice n = new Notice("NR" + c, "社区党委书记孙丽", "全体", ids, "周六上午社区义诊，请相互转告。", null, Instant.now());
          Decision.Builder d = Decision.by("broadcast").tag(n.id());
          BroadcastCommands.messages(n).forEach(d::send);
          long t0 = System.currentTimeMillis();
          writer.commit(d.build(), null, null, null, null).await();
          String prefix = "case" + c + "-";
          long deadline = t0 + minimum + 60_000 + 5 * window;
          while (robots.accepted(prefix) < groups && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
          }
          long last = robots.lastAccepted(prefix);
          double measured = (last - t0) / 1000.0;
          long sent = 0;
          while (System.currentTimeMillis() < deadline) { // the report is written with the acknowledgements
            Map<String, String> status = h.bot.redis().<Map<String, String>>call(x -> x.hgetall(
                "gb:broadcast:" + n.id() + ":status")).await();
            sent = status.values().stream().filter("sent"::equals).count();
            if (sent >= groups) {
              break;
            }
            Thread.sleep(10);
          }
          long dead = h.bot.redis().<Long>call(x -> x.llen("gb:outbox:dead")).await();
          System.out.printf("broadcast to %d groups on %d robots (%d per robot): minimum the limits allow %.1f s "
                  + "(ceil(%d / %d) - 1 = %d full windows of %.1f s%s); measured %.2f s (entries written → the stub "
                  + "accepted the last one)%s; %d of %d accepted, report %d sent, %d dead letters; rate-limit errors "
                  + "(130101) at the stub: %d%n",
              groups, ROBOTS, perRobot, minimum / 1000.0, perRobot, bucket, minimum / window, window / 1000.0,
              minimum == 0 ? ": every robot's share fits its first window, so the limits impose no wait" : "",
              measured, minimum == 0 ? "" : String.format(", ratio %.3f", measured * 1000 / minimum),
              robots.accepted(prefix), groups, sent, dead, robots.violations.get() - violationsBefore);
        }
      }
    } finally {
      stub.close().await();
      stubVertx.close().await();
      redis.close();
    }
    System.exit(0);
  }

  /** The robots of the stub: a sliding window of accepted sends each, and the refusals. */
  static final class Robots {
    final long window;
    final Map<String, Deque<Long>> sends = new ConcurrentHashMap<>();
    final Map<String, List<Long>> accepted = new ConcurrentHashMap<>();
    final AtomicInteger violations = new AtomicInteger();

    Robots(long window) {
      this.window = window;
    }

    synchronized boolean accept(String robot) {
      long now = System.currentTimeMillis();
      Deque<Long> w = sends.computeIfAbsent(robot, r -> new ArrayDeque<>());
      while (!w.isEmpty() && w.peekFirst() <= now - window) {
        w.pollFirst();
      }
      if (w.size() >= LIMIT) {
        violations.incrementAndGet();
        return false;
      }
      w.addLast(now);
      accepted.computeIfAbsent(robot, r -> new ArrayList<>()).add(now);
      return true;
    }

    synchronized int accepted(String prefix) {
      return accepted.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .mapToInt(e -> e.getValue().size()).sum();
    }

    synchronized long lastAccepted(String prefix) {
      return accepted.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .flatMap(e -> e.getValue().stream()).mapToLong(Long::longValue).max().orElse(0);
    }
  }
}
