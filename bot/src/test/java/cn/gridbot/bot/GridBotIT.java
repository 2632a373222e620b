package cn.gridbot.bot;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.inbound.Inbox;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The running service against a real Redis (the embedded-redis binary), end to end over HTTP. */
@Timeout(120)
class GridBotIT {
  @TempDir Path dir;

  static final BotConfig.Redis REDIS_CONFIG =
      new BotConfig.Redis("x", Duration.ofSeconds(2), "gb:", null);

  @Test
  void verifiesHealthAndThatASandboxMessageGetsTheHelpReply() throws Exception {
    try (BotHarness h = BotHarness.start(dir, null, Map.of())) {
      assertTrue(eventually(Duration.ofSeconds(15), () -> h.status("/health") == 200));
      assertEquals(200, h.status("/health/live"));
      var resp = h.say("resident-1", "m-1", "你好");
      assertEquals(200, resp.statusCode());
      assertEquals("accepted", new JsonObject(resp.body()).getString("status"));
      assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("resident-1").size() == 1));
      JsonObject reply = h.sent("resident-1").getJsonObject(0);
      assertEquals("reply", reply.getString("kind"));
      assertTrue(reply.getString("text").contains("反映问题"));
    }
  }

  @Test
  void verifiesThatAMessageDeliveredThreeTimesIsHandledOnce() throws Exception {
    try (BotHarness h = BotHarness.start(dir, null, Map.of())) {
      assertTrue(eventually(Duration.ofSeconds(15), () -> h.status("/health") == 200));
      assertEquals("accepted", new JsonObject(h.say("r-2", "dup-1", "在吗").body()).getString("status"));
      assertEquals("duplicate", new JsonObject(h.say("r-2", "dup-1", "在吗").body()).getString("status"));
      assertEquals("duplicate", new JsonObject(h.say("r-2", "dup-1", "在吗").body()).getString("status"));
      assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("r-2").size() == 1));
      Thread.sleep(300);
      assertEquals(1, h.sent("r-2").size());
    }
  }

  @Test
  void verifiesThatMalformedWebhooksGet4xxAndLeaveNoTrace() throws Exception {
    try (BotHarness h = BotHarness.start(dir, null, Map.of())) {
      assertTrue(eventually(Duration.ofSeconds(15), () -> h.status("/health") == 200));
      assertEquals(400, h.post("/webhooks/sandbox/demo", "application/json", "{\"from\":\"r\",\"te").statusCode());
      assertEquals(400, h.post("/webhooks/sandbox/demo", "application/json", "{}").statusCode());
      assertEquals(415, h.post("/webhooks/sandbox/demo", "text/xml", "<xml/>").statusCode());
      assertEquals(404, h.post("/webhooks/nosuch/demo", "application/json", "{}").statusCode());
      assertEquals(404, h.post("/webhooks/sandbox/bad%20channel", "application/json", "{}").statusCode());
      String big = "{\"from\":\"r\",\"text\":\"" + "x".repeat(70_000) + "\"}";
      assertEquals(413, h.post("/webhooks/sandbox/demo", "application/json", big).statusCode());
      assertEquals(404, h.get("/nothing-here").statusCode());
      long recorded = h.bot.redis().<Long>call(c -> c.xlen("gb:inbox")).await();
      assertEquals(0, recorded);
      assertEquals(0, h.sent("r").size());
    }
  }

  @Test
  void verifiesThatARecordedButUnprocessedMessageIsHandledAfterARestart() throws Exception {
    // A message the edge acknowledged just before the process died: it is in the inbox stream,
    // nothing has processed it. The next start must pick it up.
    EmbeddedRedis server = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = new Redis(vertx, server.url(), REDIS_CONFIG);
      redis.connect().await();
      Inbox inbox = new Inbox(redis, new BotConfig.Inbox(Duration.ofHours(1), Duration.ofSeconds(1), 3));
      InboundMessage m = new InboundMessage("sandbox", "demo", "crash-1", "r-crash", "r-crash", null,
          null, null, "你好", Instant.now());
      assertNotNull(inbox.record(m).await());
      redis.close();
      try (BotHarness h = BotHarness.start(dir, server.url(), Map.of())) {
        assertTrue(eventually(Duration.ofSeconds(15), () -> h.sentUnchecked("r-crash").size() == 1));
      }
    } finally {
      vertx.close().await();
      server.close();
    }
  }

  @Test
  void verifiesThatDataSurvivesARestartOfTheEmbeddedRedis() throws Exception {
    try (BotHarness h = BotHarness.start(dir, null, Map.of())) {
      assertTrue(eventually(Duration.ofSeconds(15), () -> h.status("/health") == 200));
      h.say("r-3", "keep-1", "你好");
      assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("r-3").size() == 1));
    }
    try (BotHarness h = BotHarness.start(dir, null, Map.of())) {
      assertTrue(eventually(Duration.ofSeconds(15), () -> h.status("/health") == 200));
      assertEquals(1, h.sent("r-3").size(), "the AOF was replayed");
      assertEquals("duplicate", new JsonObject(h.say("r-3", "keep-1", "你好").body()).getString("status"),
          "dedupe keys survive too");
    }
  }

  @Test
  void verifiesThatLosingRedisMeans503AndThatTheServiceRecoversByItself() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    BotConfig.Embedded cfg = new BotConfig.Embedded(dir.resolve("redis"), true, 64);
    EmbeddedRedis server = EmbeddedRedis.start(cfg, port);
    try (BotHarness h = BotHarness.start(dir, server.url(), Map.of())) {
      assertTrue(eventually(Duration.ofSeconds(15), () -> h.status("/health") == 200));
      server.close();
      assertTrue(eventually(Duration.ofSeconds(10), () -> h.status("/health") == 503));
      assertTrue(h.get("/health").body().contains("redis"));
      long start = System.nanoTime();
      assertEquals(503, h.say("r-4", "lost-1", "你好").statusCode(), "not acknowledged, so the platform retries");
      assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000, "fails fast");
      server = EmbeddedRedis.start(cfg, port);
      assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
      assertEquals(200, h.say("r-4", "lost-1", "你好").statusCode());
      assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("r-4").size() == 1));
    } finally {
      server.close();
    }
  }

  @Test
  void verifiesThatAnUnreachableRedisAtStartKeepsTheServiceUpWith503() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (BotHarness h = BotHarness.start(dir, "redis://127.0.0.1:" + port, Map.of())) {
      assertEquals(200, h.status("/health/live"));
      var health = h.get("/health");
      assertEquals(503, health.statusCode());
      assertTrue(health.body().contains("unreachable"), health.body());
      assertEquals(503, h.say("r-5", "x-1", "你好").statusCode());
    }
  }
}
