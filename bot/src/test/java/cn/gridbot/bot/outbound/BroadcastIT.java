package cn.gridbot.bot.outbound;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.bot.testing.MutableClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Coordinators' notices end to end on the sandbox, quiet hours, and a crash in the middle. */
@Timeout(180)
class BroadcastIT {
  @TempDir Path dir;
  int seq;

  static final String SECRETARY = "13900000011"; // 孙丽, 和平社区
  static final String WORKER = "13800000102"; // 张伟

  JsonArray coordinator(BotHarness h, String mobile, String text) throws Exception {
    String conv = "community:heping";
    int before = h.sent(conv).size();
    JsonObject body = new JsonObject().put("from", "c-" + mobile).put("id", "b-" + (++seq)).put("text", text)
        .put("mobile", mobile).put("group", conv);
    assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", body.encode()).statusCode());
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked(conv).size() > before), text);
    JsonArray all = h.sent(conv);
    return new JsonArray(all.getList().subList(before, all.size()));
  }

  static String last(JsonArray a) {
    return a.getJsonObject(a.size() - 1).getString("text");
  }

  /** Building groups that received a notice containing {@code text}, with counts. */
  static Map<String, Long> received(BotHarness h, String text) {
    Map<String, Long> out = new HashMap<>();
    h.sentUnchecked(null).stream().map(o -> (JsonObject) o)
        .filter(m -> m.getString("group", "").startsWith("building:") && m.getString("text").contains(text))
        .forEach(m -> out.merge(m.getString("group"), 1L, Long::sum));
    return out;
  }

  @Test
  void verifiesANoticeWithPreviewAndConfirmationReachesEveryBuildingGroupOfTheTarget() throws Exception {
    try (BotHarness h = BotHarness.start(dir, null, Map.of())) {
      assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
      JsonArray refused = coordinator(h, WORKER, "通知 和平小区 明天停水");
      assertTrue(last(refused).contains("只能由社区书记或街道指挥中心"), last(refused));
      JsonArray outside = coordinator(h, SECRETARY, "通知 阳光家园 明天停水");
      assertTrue(last(outside).contains("不在您的管辖范围内"), last(outside));

      JsonArray preview = coordinator(h, SECRETARY, "通知 和平小区 明天上午9点到12点停水 请提前储水");
      assertTrue(last(preview).contains("共 12 个楼栋群") && last(preview).contains("回复「确认」"), last(preview));
      assertTrue(received(h, "停水").isEmpty(), "nothing is sent before 确认");
      JsonArray ok = coordinator(h, SECRETARY, "确认");
      assertTrue(last(ok).contains("已开始发送通知 #N"), last(ok));
      String id = last(ok).replaceAll("(?s).*#(N\\d+).*", "$1");
      assertTrue(eventually(Duration.ofSeconds(10), () -> received(h, "停水").size() == 12));
      assertEquals(Set.of(1L), Set.copyOf(received(h, "停水").values()), "once each");
      assertTrue(eventually(Duration.ofSeconds(5), () -> {
        try {
          return last(coordinator(h, SECRETARY, "通知状态 #" + id)).contains("已发送 12，待发送 0，失败 0");
        } catch (Exception e) {
          return false;
        }
      }));

      coordinator(h, SECRETARY, "通知 和平小区3、5号楼 今晚电梯检修");
      JsonArray dropped = coordinator(h, SECRETARY, "取消");
      assertTrue(last(dropped).contains("已取消"));
      Thread.sleep(300);
      assertTrue(received(h, "电梯检修").isEmpty());
    }
  }

  @Test
  void verifiesQuietHoursHoldBackNoticesButNotEmergenciesAndAScheduledNoticeGoesOutOnce() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2027-03-01T15:00:00Z")); // 23:00 in Jinchang
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    try (BotHarness h = BotHarness.start(dir.resolve("a"), redis.url(),
        Map.of("GRIDBOT_DELIVERY_QUIET_HOURS", "22:00-07:00"), clock, null)) {
      assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
      coordinator(h, SECRETARY, "通知 金都花园 明早8点清洗水箱");
      coordinator(h, SECRETARY, "确认");
      JsonObject report = new JsonObject().put("from", "r-night").put("id", "b-em").put("text", "金都花园2号楼着火了 好大的烟");
      h.post("/webhooks/sandbox/demo", "application/json", report.encode());
      assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("r-night").size() >= 1), "emergencies are not held");
      Thread.sleep(500);
      assertTrue(received(h, "清洗水箱").isEmpty(), "bulk waits for 07:00");
      clock.set(Instant.parse("2027-03-01T23:01:00Z")); // 07:01
      assertTrue(eventually(Duration.ofSeconds(10), () -> received(h, "清洗水箱").size() == 8));

      coordinator(h, SECRETARY, "通知 heping-01 定时 明天08:00 楼道消防检查");
      JsonArray scheduled = coordinator(h, SECRETARY, "确认");
      assertTrue(last(scheduled).contains("已安排"), last(scheduled));
      h.bot.schedules().sweepDeadlines().await();
      assertTrue(received(h, "消防检查").isEmpty());
      coordinator(h, SECRETARY, "通知 heping-01 定时 明天08:00 撤回测试");
      String withdrawn = last(coordinator(h, SECRETARY, "确认")).replaceAll("(?s).*#(N\\d+).*", "$1");
      assertTrue(last(coordinator(h, SECRETARY, "撤回通知 #" + withdrawn)).contains("已撤回定时通知"));
      assertTrue(last(coordinator(h, SECRETARY, "撤回通知 #" + withdrawn)).contains("已撤回"));
      assertTrue(last(coordinator(h, SECRETARY, "通知状态 #" + withdrawn)).contains("已撤回，未发送"));
      clock.set(Instant.parse("2027-03-03T00:00:30Z")); // 08:00:30 on the day after (asked at 07:01 on 3 March)
      h.bot.schedules().sweepDeadlines().await();
      h.bot.schedules().sweepDeadlines().await();
      assertTrue(eventually(Duration.ofSeconds(10), () -> received(h, "消防检查").size() == 6));
      Thread.sleep(300);
      assertEquals(Set.of(1L), Set.copyOf(received(h, "消防检查").values()));
      assertTrue(received(h, "撤回测试").isEmpty(), "a withdrawn notice is never sent");
    } finally {
      redis.close();
    }
  }

  @Test
  void verifiesABroadcastInterruptedBySigkillCompletesAfterRestartWithAtMostOneDuplicate() throws Exception {
    Path jar = Path.of("target", "gridbot.jar").toAbsolutePath();
    assertTrue(jar.toFile().isFile(), "the shaded jar is built before integration tests");
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    try {
      Process first = startJar(jar, redis.url());
      try (BotHarness client = BotHarness.client(18095)) {
        assertTrue(eventually(Duration.ofSeconds(30), () -> client.status("/health") == 200));
        coordinator(client, "13900000001", "通知 桂林路街道 周六上午社区义诊");
        coordinator(client, "13900000001", "确认");
        assertTrue(eventually(Duration.ofSeconds(10), () -> received(client, "社区义诊").size() >= 3));
        int before = received(client, "社区义诊").size();
        first.destroyForcibly().waitFor();
        assertTrue(before < 37, "killed in the middle: " + before);
        Process second = startJar(jar, redis.url());
        try {
          assertTrue(eventually(Duration.ofSeconds(60), () -> received(client, "社区义诊").size() == 37),
              "every building group of the street (12+8+15+2) gets the notice");
          Thread.sleep(500);
          long duplicates = received(client, "社区义诊").values().stream().mapToLong(n -> n - 1).sum();
          assertTrue(duplicates <= 1, "at most one duplicate in total, got " + duplicates);
        } finally {
          second.destroy();
          second.waitFor();
        }
      }
    } finally {
      redis.close();
    }
  }

  private Process startJar(Path jar, String redisUrl) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString());
    pb.environment().put("GRIDBOT_HTTP_PORT", "18095");
    pb.environment().put("GRIDBOT_HTTP_HOST", "127.0.0.1");
    pb.environment().put("GRIDBOT_REDIS_URL", redisUrl);
    pb.environment().put("GRIDBOT_INSTANCE_ID", "kill-test");
    pb.environment().put("GRIDBOT_DELIVERY_QUIET_HOURS", "");
    pb.environment().put("GRIDBOT_DELIVERY_BATCH", "1");
    pb.environment().put("GRIDBOT_SANDBOX_SEND_DELAY_MS", "60");
    pb.environment().put("GRIDBOT_INBOX_CLAIM_IDLE_MS", "1000");
    java.nio.file.Path logs = java.nio.file.Files.createDirectories(Path.of("target", "it-logs"));
    pb.redirectErrorStream(true).redirectOutput(logs.resolve(getClass().getSimpleName() + "-" + System.nanoTime() + ".log").toFile());
    return pb.start();
  }

}
