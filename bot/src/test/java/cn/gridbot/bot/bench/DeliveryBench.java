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

/**
 * Delivery figures: planning a notice to 10,000 groups (building and writing its queue entries in
 * one atomic step), and how fast the delivery consumer drains 20,000 messages with no rate limit
 * to the sandbox platform (a Redis-backed stub). Prints figures; not a test.
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
    try (BotHarness h = BotHarness.start(work.resolve("bot"), server.url(), Map.of("GRIDBOT_SANDBOX_OUTBOX_KEEP", "10",
        "GRIDBOT_DELIVERY_BATCH", "256", "GRIDBOT_INSTANCE_ID", "delivery-bench"))) {
      BotHarness.eventually(Duration.ofSeconds(30), () -> h.status("/health") == 200);
      DecisionWriter writer = new DecisionWriter(h.bot.redis(), t -> Optional.empty());
      int total = 20_000;
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        groups.add("building:drain:" + i);
      }
      Decision.Builder d = Decision.by("bench");
      for (String g : groups) {
        d.send(new Outgoing.GroupPush(g, "通知 " + g, List.of(), Outgoing.Lane.INTERACTIVE));
      }
      long t0 = System.nanoTime();
      writer.commit(d.build(), null, null, null, null).await();
      while (h.bot.redis().<Long>call(c -> c.xlen("gb:outbox:interactive")).await() > 0) {
        Thread.sleep(20);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("delivery consumer, no rate limit, sandbox platform: %d messages in %.2f s = %.0f messages/s%n",
          total, secs, total / secs);
    } finally {
      server.close();
    }
    System.exit(0);
  }
}
