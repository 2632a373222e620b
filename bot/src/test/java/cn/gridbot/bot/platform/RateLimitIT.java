package cn.gridbot.bot.platform;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.outbound.Outbox;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DingTalk robot stub that enforces 20 messages per minute the way DingTalk does (a sliding
 * window; every refused send counted): the bot never goes over it, with two instances sending, and
 * a broadcast in the bulk lane leaves room for an emergency to the same robot.
 */
@Timeout(120)
class RateLimitIT {
  static final String SECRET = "SECrobot-limit";
  @TempDir Path dir;
  Vertx stubs;
  StubPlatform ding;
  EmbeddedRedis redis;
  Path config;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    stubs = Vertx.vertx();
    ding = StubPlatform.dingTalk(stubs, "LIMIT", SECRET);
    ding.perMinute = 20;
    redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    config = Files.createDirectories(dir.resolve("config"));
    StringBuilder groups = new StringBuilder("channels: {}\ngroups:\n");
    for (int i = 1; i <= 10; i++) {
      groups.append("  \"building:heping-xiaoqu:").append(i).append("\": {platform: dingtalk, webhook_env: LIM_HOOK, secret_env: LIM_SECRET}\n");
    }
    Files.writeString(config.resolve("channels.yaml"), groups.toString());
    env.put("LIM_HOOK", ding.base() + "/robot/send?access_token=LIMIT");
    env.put("LIM_SECRET", SECRET);
    env.put("GRIDBOT_DELIVERY_BACKOFF_BASE_MS", "100");
  }

  @AfterEach
  void tearDown() {
    redis.close();
    stubs.close().await();
  }

  BotHarness bot(String id) throws Exception {
    Map<String, String> e = new HashMap<>(env);
    e.put("GRIDBOT_INSTANCE_ID", id);
    BotHarness h = BotHarness.start(dir.resolve(id), redis.url(), e, config);
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
    return h;
  }

  static void push(BotHarness h, String group, String text, Outgoing.Lane lane) {
    String[] f = Outbox.fields(new Outgoing.GroupPush(group, text, List.of(), lane), null);
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < f.length; i += 2) {
      fields.put(f[i], f[i + 1]);
    }
    h.bot.redis().<String>call(c -> c.xadd("gb:outbox:" + lane.name().toLowerCase(), fields)).await();
  }

  @Test
  void verifiesTwoInstancesTogetherNeverExceedTheRobotsLimit() throws Exception {
    try (BotHarness a = bot("a"); BotHarness b = bot("b")) {
      for (int i = 0; i < 40; i++) {
        push(i % 2 == 0 ? a : b, "building:heping-xiaoqu:" + (1 + i % 10), "通知 " + i, Outgoing.Lane.INTERACTIVE);
      }
      assertTrue(eventually(Duration.ofSeconds(10), () -> ding.calls("robot").size() == 20));
      Thread.sleep(2000);
      assertEquals(20, ding.calls("robot").size(), "the rest wait for the window");
      assertEquals(0, ding.limitViolations.get(), "the robot never refused a send");
      long waiting = a.bot.redis().<Long>call(c -> c.zcard("gb:outbox:delayed")).await();
      assertEquals(20, waiting, "the other 20 wait durably in outbox:delayed");
    }
  }

  @Test
  void verifiesTwoInstancesCrossingWindowsDeliverEverythingWithoutEverExceedingTheLimit() throws Exception {
    // A 2 s window on both sides, so that the test crosses windows; waiting for the limiter's
    // window is not a failed attempt, so two attempts allowed are enough for three windows.
    ding.windowMs = 2000;
    env.put("GRIDBOT_DELIVERY_RATE_WINDOW_MS", "2000");
    env.put("GRIDBOT_DELIVERY_MAX_ATTEMPTS", "2");
    try (BotHarness a = bot("a"); BotHarness b = bot("b")) {
      long t0 = System.currentTimeMillis();
      for (int i = 0; i < 60; i++) {
        push(i % 2 == 0 ? a : b, "building:heping-xiaoqu:" + (1 + i % 10), "通知 " + i, Outgoing.Lane.INTERACTIVE);
      }
      assertTrue(eventually(Duration.ofSeconds(30), () -> ding.calls("robot").size() == 60),
          "all 60 delivered: " + ding.calls("robot").size());
      assertTrue(System.currentTimeMillis() - t0 >= 4000, "60 at 20 per window need two more windows");
      assertEquals(0, ding.limitViolations.get(), "the robot never refused a send");
      assertEquals(0L, a.bot.redis().<Long>call(c -> c.llen("gb:outbox:dead")).await(), "no dead letters");
    }
  }

  @Test
  void verifiesABroadcastLeavesRoomForAnEmergencyToTheSameRobot() throws Exception {
    try (BotHarness a = bot("a")) {
      for (int i = 0; i < 30; i++) {
        push(a, "building:heping-xiaoqu:" + (1 + i % 10), "停水通知 " + i, Outgoing.Lane.BULK);
      }
      assertTrue(eventually(Duration.ofSeconds(10), () -> ding.calls("robot").size() == 15), "bulk uses 75% of 20");
      push(a, "building:heping-xiaoqu:1", "紧急：3号楼着火", Outgoing.Lane.EMERGENCY);
      assertTrue(eventually(Duration.ofSeconds(5), () -> ding.calls("robot").stream()
          .anyMatch(c -> c.body().getJsonObject("text").getString("content").contains("着火"))),
          "the emergency is not held behind the broadcast");
      assertEquals(0, ding.limitViolations.get());
    }
  }
}
