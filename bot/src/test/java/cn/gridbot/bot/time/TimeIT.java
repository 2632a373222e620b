package cn.gridbot.bot.time;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.bot.testing.MutableClock;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders, visits, deadlines and escalation against a real Redis, with a clock the test moves
 * (no real minutes pass) and schedules that Quartz will not fire on its own during the test.
 */
@Timeout(180)
class TimeIT {
  @TempDir Path dir;
  EmbeddedRedis redis;
  Path config;
  /** 2027-01-01 00:35 UTC = 08:35 in Jinchang, five minutes after the (test) patrol time. */
  static final Instant NEW_YEAR_0835 = Instant.parse("2027-01-01T00:35:00Z");
  final MutableClock clock = new MutableClock(NEW_YEAR_0835);
  int seq;

  @BeforeEach
  void setUp() throws Exception {
    redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    config = Files.createDirectories(dir.resolve("config"));
    // Patrol on 1 January at 08:30 only, deadline sweeps by hand: nothing fires by itself in a test.
    Files.writeString(config.resolve("schedules.yaml"), """
        timezone: Asia/Shanghai
        misfire_grace_minutes: 120
        patrol: { cron: "0 30 8 1 1 ?", focus: [消防通道, 电动车充电] }
        visits: { check_cron: "0 0 9 1 1 ?", chief_after_days: 1, secretary_after_days: 3 }
        deadlines: { sweep_seconds: 3600, remind_at: 0.8, department_report_minutes: 60 }
        """);
  }

  @AfterEach
  void tearDown() {
    redis.close();
  }

  BotHarness bot(String instance) throws Exception {
    BotHarness h = BotHarness.start(dir.resolve(instance), redis.url(), Map.of("GRIDBOT_INSTANCE_ID", instance),
        clock, config);
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
    return h;
  }

  String report(BotHarness h, String who, String text) throws Exception {
    JsonObject body = new JsonObject().put("from", who).put("id", "t-" + (++seq)).put("text", text);
    assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", body.encode()).statusCode());
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked(who).size() >= 1));
    Matcher m = Pattern.compile("#([A-Z]\\d{4})").matcher(h.sent(who).getJsonObject(0).getString("text"));
    assertTrue(m.find());
    return m.group(1);
  }

  void staff(BotHarness h, String mobile, String group, String text) throws Exception {
    int before = h.sent(group).size();
    JsonObject body = new JsonObject().put("from", "s-" + mobile).put("id", "t-" + (++seq)).put("text", text)
        .put("mobile", mobile).put("group", group);
    assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", body.encode()).statusCode());
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked(group).size() > before));
  }

  static long count(JsonArray messages, String needle) {
    return messages.stream().filter(o -> ((JsonObject) o).getString("text").contains(needle)).count();
  }

  @Test
  void verifiesThePatrolReminderShowsOpenTicketsAndVisitsDueAndThatAVisitResetsItsDueDate() throws Exception {
    try (BotHarness h = bot("a")) {
      String id = report(h, "r1", "和平小区3号楼2单元楼道灯坏了好几天了");
      h.bot.schedules().trigger("patrol:heping-01").await();
      assertTrue(eventually(Duration.ofSeconds(5), () -> count(h.sentUnchecked("grid:heping-01"), "每日巡查") == 1));
      String patrol = h.sent("grid:heping-01").stream().map(o -> ((JsonObject) o).getString("text"))
          .filter(t -> t.contains("每日巡查")).findFirst().orElseThrow();
      assertTrue(patrol.contains("#" + id) && patrol.contains("待办工单（1）"), patrol);
      assertTrue(patrol.contains("今日走访（1）") && patrol.contains("王桂英"), patrol);
      assertTrue(patrol.contains("消防通道"), patrol);

      staff(h, "13800000102", "grid:heping-01", "走访 王桂英 情况良好 血压正常");
      String logged = h.get("/sandbox/messages?limit=1").body();
      assertTrue(logged.contains("已记录走访"), logged);
      h.bot.schedules().trigger("patrol:heping-01").await();
      assertTrue(eventually(Duration.ofSeconds(5), () -> count(h.sentUnchecked("grid:heping-01"), "每日巡查") == 2));
      JsonArray all = h.sent("grid:heping-01");
      String second = all.stream().map(o -> ((JsonObject) o).getString("text")).filter(t -> t.contains("每日巡查"))
          .reduce((a, b) -> b).orElseThrow();
      assertTrue(second.contains("今日走访（0）"), second);
      clock.advance(Duration.ofDays(7));
      staff(h, "13800000102", "grid:heping-01", "今日走访");
      assertTrue(h.sent("grid:heping-01").getJsonObject(h.sent("grid:heping-01").size() - 1).getString("text")
          .contains("王桂英"), "due again after its 7-day cadence");
    }
  }

  @Test
  void verifiesAnUnacceptedP1TicketEscalatesToCommunityThenStreetWhichWhistlesEachStepOnce() throws Exception {
    try (BotHarness h = bot("a")) {
      String id = report(h, "r2", "龙首路步行街有个井盖没了 很危险"); // municipal_facility, P1: accept in 30 min
      assertEquals("P1", h.bot.tickets().get(id).await().orElseThrow().priority().name());
      ScheduleRunner runner = h.bot.schedules();

      clock.advance(Duration.ofMinutes(25)); // past 80% of the window: one reminder
      runner.sweepDeadlines().await();
      runner.sweepDeadlines().await();
      assertTrue(eventually(Duration.ofSeconds(5), () -> count(h.sentUnchecked("grid:yangguang-02"), "⏰ 工单 #" + id) == 1));

      clock.advance(Duration.ofMinutes(6)); // accept deadline passed → community
      runner.sweepDeadlines().await();
      runner.sweepDeadlines().await();
      assertTrue(eventually(Duration.ofSeconds(5), () -> count(h.sentUnchecked("community:yangguang"), "超时督办·社区") == 1));
      assertEquals(1, h.bot.tickets().get(id).await().orElseThrow().level());

      clock.advance(Duration.ofMinutes(31)); // another window → street, which pulls in urban management
      runner.sweepDeadlines().await();
      runner.sweepDeadlines().await();
      assertTrue(eventually(Duration.ofSeconds(5), () -> count(h.sentUnchecked("street:guilinlu"), "超时督办·街道") == 1));
      assertTrue(eventually(Duration.ofSeconds(5), () -> count(h.sentUnchecked("dept:urban_mgmt"), "街长吹哨 #" + id) == 1));

      JsonObject report = new JsonObject().put("from", "dept-1").put("id", "t-dept").put("text", "报到 #" + id)
          .put("group", "dept:urban_mgmt");
      h.post("/webhooks/sandbox/demo", "application/json", report.encode());
      assertTrue(eventually(Duration.ofSeconds(5), () -> h.bot.tickets().get(id).await().orElseThrow().departmentReported()));
      clock.advance(Duration.ofHours(3));
      runner.sweepDeadlines().await();
      assertEquals(0, count(h.sent("street:guilinlu"), "部门未报到"), "the department reported in time");
      assertEquals(1, count(h.sent("community:yangguang"), "超时督办·社区"), "each level once");
      var actions = h.bot.tickets().history(id).await().stream().map(e -> e.action()).toList();
      assertEquals(java.util.List.of("report", "升级到社区", "升级到街道并吹哨", "部门报到"), actions);
    }
  }

  @Test
  void verifiesEscalationStopsOnceTheTicketIsAccepted() throws Exception {
    try (BotHarness h = bot("a")) {
      String id = report(h, "r3", "金都花园3号楼楼道里有人充电动车 怕着火"); // safety_hazard P1
      clock.advance(Duration.ofMinutes(31));
      h.bot.schedules().sweepDeadlines().await();
      assertEquals(1, h.bot.tickets().get(id).await().orElseThrow().level());
      staff(h, "13800000302", "grid:heping-03", "接单 #" + id);
      clock.advance(Duration.ofHours(2));
      h.bot.schedules().sweepDeadlines().await();
      Ticket t = h.bot.tickets().get(id).await().orElseThrow();
      assertEquals(TicketStatus.ACCEPTED, t.status());
      assertEquals(1, t.level(), "accepted: the accept chain stopped (the resolve deadline is 24 h away)");
    }
  }

  @Test
  void verifiesTwoInstancesSendEachReminderAndEscalationOnce() throws Exception {
    try (BotHarness a = bot("a"); BotHarness b = bot("b")) {
      long fireTime = Instant.parse("2027-01-01T00:30:00Z").toEpochMilli();
      a.bot.schedules().fire("patrol:zijin-01", fireTime).await();
      b.bot.schedules().fire("patrol:zijin-01", fireTime).await();
      String id = report(a, "r4", "紫金苑3号楼楼道里堆满了纸箱子 怕着火");
      clock.advance(Duration.ofMinutes(31));
      io.vertx.core.Future.all(a.bot.schedules().sweepDeadlines(), b.bot.schedules().sweepDeadlines()).await();
      io.vertx.core.Future.all(a.bot.schedules().sweepDeadlines(), b.bot.schedules().sweepDeadlines()).await();
      assertTrue(eventually(Duration.ofSeconds(5), () -> count(a.sentUnchecked("community:zijin"), "#" + id) >= 1));
      Thread.sleep(500);
      assertEquals(1, count(a.sent("grid:zijin-01"), "每日巡查"));
      assertEquals(1, count(a.sent("community:zijin"), "超时督办·社区 " .strip() ), "escalated once");
    }
  }

  @Test
  void verifiesARestartKeepsDeadlinesAndMakesUpAMissedReminderOnceWithinGrace() throws Exception {
    String id;
    clock.set(Instant.parse("2027-01-01T00:20:00Z")); // 08:20: running, then going down before 08:30
    try (BotHarness h = bot("a")) {
      id = report(h, "r5", "新华东里3号楼楼道里有人充电动车 怕着火");
      h.bot.schedules().sweepDeadlines().await(); // heartbeat at 08:20
    }
    clock.set(NEW_YEAR_0835); // back at 08:35: the 08:30 patrol was missed, within the 2 h grace
    try (BotHarness h = bot("a")) {
      assertTrue(eventually(Duration.ofSeconds(10), () -> count(h.sentUnchecked("grid:zijin-02"), "每日巡查") == 1));
      clock.advance(Duration.ofMinutes(20)); // the ticket's accept deadline (08:50) lives in Redis
      h.bot.schedules().sweepDeadlines().await();
      assertEquals(1, h.bot.tickets().get(id).await().orElseThrow().level());
    }
    try (BotHarness h = bot("a")) { // a second restart does not send it again
      Thread.sleep(1000);
      assertEquals(1, count(h.sent("grid:zijin-02"), "每日巡查"));
    }
  }

  @Test
  void verifiesAStaleMissedReminderIsNotSent() throws Exception {
    clock.set(Instant.parse("2027-01-01T00:20:00Z"));
    try (BotHarness h = bot("a")) {
      h.bot.schedules().sweepDeadlines().await();
    }
    clock.set(Instant.parse("2027-01-01T04:00:00Z")); // 12:00, three and a half hours after the patrol time
    try (BotHarness h = bot("a")) {
      Thread.sleep(1000);
      assertEquals(0, count(h.sent("grid:zijin-02"), "每日巡查"));
    }
  }
}
