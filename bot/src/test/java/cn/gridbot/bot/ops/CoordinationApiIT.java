package cn.gridbot.bot.ops;

import static cn.gridbot.bot.ops.Http.HEPING;
import static cn.gridbot.bot.ops.Http.STREET;
import static cn.gridbot.bot.ops.Http.ZIJIN;
import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.testing.BotHarness;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Notices, schedules and visits through the admin API, against a real bot on a real Redis. */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CoordinationApiIT {
  @TempDir static Path dir;
  static BotHarness h;
  static Http http;

  @BeforeAll
  static void start() throws Exception {
    h = BotHarness.start(dir, null, Map.of());
    http = new Http(h);
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static JsonObject ok(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static HttpResponse<String> draft(String token, String json) throws Exception {
    return http.post("/api/v1/broadcasts", token, json);
  }

  /** Building groups of the sandbox that received a message containing {@code text}, with counts. */
  static Map<String, Long> received(String text) {
    Map<String, Long> out = new java.util.HashMap<>();
    h.sentUnchecked(null).stream().map(o -> (JsonObject) o)
        .filter(m -> m.getString("group", "").startsWith("building:") && m.getString("text").contains(text))
        .forEach(m -> out.merge(m.getString("group"), 1L, Long::sum));
    return out;
  }

  @Test
  @Order(1)
  void refusesWithoutTokenOutsideScopeAndInvalidRequests() throws Exception {
    String body = new JsonObject().put("targets", "和平小区3号楼").put("text", "明天停水").encode();
    assertEquals(401, draft(null, body).statusCode());
    assertEquals(401, draft("nope", body).statusCode());
    assertEquals(401, http.get("/api/v1/broadcasts", null).statusCode());
    assertEquals(401, http.get("/api/v1/schedules", null).statusCode());
    assertEquals(401, http.post("/api/v1/schedules/patrol:heping-01/trigger", null, null).statusCode());
    assertEquals(401, http.get("/api/v1/visits", null).statusCode());

    HttpResponse<String> outside = draft(HEPING, new JsonObject().put("targets", "阳光家园").put("text", "停水").encode());
    assertEquals(403, outside.statusCode(), outside.body());
    assertEquals(403, draft(ZIJIN, body).statusCode(), "another street's community");
    assertEquals(403, draft(HEPING, new JsonObject().put("targets", "桂林路街道").put("text", "停水").encode()).statusCode());
    assertEquals(403, http.post("/api/v1/schedules/patrol:heping-01/trigger", ZIJIN, null).statusCode());
    assertEquals(403, http.post("/api/v1/schedules/visits/trigger", HEPING, null).statusCode(), "district-wide: street");
    assertEquals(403, http.get("/api/v1/visits?grid=heping-01", ZIJIN).statusCode());
    assertEquals(403, http.get("/api/v1/visits/ct-001", ZIJIN).statusCode());

    HttpResponse<String> empty = draft(HEPING, new JsonObject().put("targets", "和平小区").put("text", "").encode());
    assertEquals(400, empty.statusCode(), empty.body());
    assertEquals("text", new JsonObject(empty.body()).getString("field"), empty.body());
    HttpResponse<String> blank = draft(HEPING, new JsonObject().put("targets", "和平小区").put("text", "  ").encode());
    assertEquals(400, blank.statusCode(), blank.body());
    HttpResponse<String> past = draft(HEPING, new JsonObject().put("targets", "和平小区").put("text", "x")
        .put("sendAt", "2020-01-01T08:00:00+08:00").encode());
    assertEquals(400, past.statusCode(), past.body());
    assertEquals("sendAt", new JsonObject(past.body()).getString("field"), past.body());
    HttpResponse<String> extra = draft(HEPING, new JsonObject().put("targets", "和平小区").put("text", "x").put("to", "y").encode());
    assertEquals(400, extra.statusCode(), extra.body());
    HttpResponse<String> when = draft(HEPING, new JsonObject().put("targets", "和平小区").put("text", "x")
        .put("sendAt", "tomorrow").encode());
    assertEquals(400, when.statusCode(), when.body());
    assertEquals("sendAt", new JsonObject(when.body()).getString("field"), when.body());
    HttpResponse<String> unknown = draft(HEPING, new JsonObject().put("targets", "不存在小区").put("text", "x").encode());
    assertEquals(400, unknown.statusCode(), unknown.body());
    assertEquals("targets", new JsonObject(unknown.body()).getString("field"));
    assertEquals(400, http.get("/api/v1/broadcasts/X1", HEPING).statusCode());
    assertEquals(400, http.get("/api/v1/visits?due=someday", HEPING).statusCode());
    assertEquals(404, http.post("/api/v1/broadcasts/draft/confirm", HEPING, null).statusCode(), "no draft yet");
    assertEquals(404, http.post("/api/v1/schedules/patrol:nowhere/trigger", STREET, null).statusCode());
    assertEquals(404, http.get("/api/v1/broadcasts/N9999", HEPING).statusCode());
  }

  @Test
  @Order(2)
  void aConfirmedNoticeReachesEveryBuildingGroupAndReportsPerGroup() throws Exception {
    JsonObject preview = ok(draft(HEPING, new JsonObject().put("targets", "heping-01")
        .put("text", "API通知：明天上午9点到12点停水").encode()));
    assertTrue(preview.getBoolean("draft"));
    assertEquals(6, preview.getInteger("total"), preview.encode());
    assertEquals(6, preview.getJsonObject("byPlatform").getInteger("sandbox"), preview.encode());
    assertNotNull(preview.getLong("estimatedSeconds"));
    assertEquals("和平小区1号楼", preview.getJsonArray("groups").getJsonObject(0).getString("name"));
    assertTrue(preview.getString("message").contains("【通知预览】"), preview.getString("message"));
    assertEquals(6, ok(http.get("/api/v1/broadcasts/draft", HEPING)).getInteger("total"));
    assertTrue(received("API通知").isEmpty(), "nothing is sent before confirm");

    JsonObject sent = ok(http.post("/api/v1/broadcasts/draft/confirm", HEPING, null));
    String id = sent.getString("id");
    assertTrue(id.matches("N\\d+"), sent.encode());
    assertEquals("sent", sent.getString("state"));
    assertEquals(404, http.get("/api/v1/broadcasts/draft", HEPING).statusCode(), "the draft is gone");
    assertTrue(eventually(Duration.ofSeconds(10), () -> received("API通知").size() == 6));
    Set<String> expected = new HashSet<>();
    for (int b = 1; b <= 6; b++) {
      expected.add("building:heping-xiaoqu:" + b);
    }
    assertEquals(expected, received("API通知").keySet());
    assertEquals(Set.of(1L), Set.copyOf(received("API通知").values()), "once each");

    assertTrue(eventually(Duration.ofSeconds(10), () -> {
      try {
        return ok(http.get("/api/v1/broadcasts/" + id, HEPING)).getInteger("sent") == 6;
      } catch (Exception e) {
        return false;
      }
    }));
    JsonObject report = ok(http.get("/api/v1/broadcasts/" + id, STREET));
    assertEquals(0, report.getInteger("pending"));
    assertEquals("sent", report.getJsonArray("groups").getJsonObject(3).getString("status"));
    assertEquals(403, http.get("/api/v1/broadcasts/" + id, ZIJIN).statusCode());
    JsonArray list = new JsonArray(http.get("/api/v1/broadcasts", HEPING).body());
    assertEquals(id, list.getJsonObject(0).getString("id"));
    assertEquals(0, new JsonArray(http.get("/api/v1/broadcasts", ZIJIN).body()).size());

    JsonArray audit = new JsonArray(http.get("/api/v1/audit", STREET).body());
    assertEquals("broadcast.confirm", audit.getJsonObject(0).getString("action"), audit.encode());
    assertEquals(id, audit.getJsonObject(0).getString("target"));
    assertEquals("demo-heping", audit.getJsonObject(0).getString("who"));
    assertEquals("broadcast.draft", audit.getJsonObject(1).getString("action"));
    HttpResponse<String> tooLate = http.call("DELETE", "/api/v1/broadcasts/" + id, HEPING, null, null);
    assertEquals(409, tooLate.statusCode(), tooLate.body());
    assertTrue(tooLate.body().contains("已发送"), tooLate.body());
  }

  @Test
  @Order(3)
  void aScheduledNoticeWaitsAndADraftCanBeCancelled() throws Exception {
    String later = Instant.now().plus(Duration.ofDays(1)).toString();
    JsonObject preview = ok(draft(STREET, new JsonObject().put("targets", "和平小区5号楼").put("text", "API定时通知")
        .put("sendAt", later).encode()));
    assertNotNull(preview.getString("sendAt"));
    JsonObject scheduled = ok(http.post("/api/v1/broadcasts/draft/confirm", STREET, null));
    assertEquals("scheduled", scheduled.getString("state"));
    JsonObject report = ok(http.get("/api/v1/broadcasts/" + scheduled.getString("id"), HEPING));
    assertEquals("scheduled", report.getString("state"));
    assertEquals(1, report.getInteger("pending"));
    String later1 = scheduled.getString("id");
    assertEquals(403, http.call("DELETE", "/api/v1/broadcasts/" + later1, ZIJIN, null, null).statusCode());
    HttpResponse<String> withdrawn = http.call("DELETE", "/api/v1/broadcasts/" + later1, HEPING, null, null);
    assertEquals(200, withdrawn.statusCode(), withdrawn.body());
    assertEquals("withdrawn", new JsonObject(withdrawn.body()).getString("state"));
    assertEquals(409, http.call("DELETE", "/api/v1/broadcasts/" + later1, HEPING, null, null).statusCode(), "once");
    assertEquals("withdrawn", ok(http.get("/api/v1/broadcasts/" + later1, HEPING)).getString("state"));

    ok(draft(HEPING, new JsonObject().put("targets", "和平小区2号楼").put("text", "API取消的通知").encode()));
    assertEquals(204, http.call("DELETE", "/api/v1/broadcasts/draft", HEPING, null, null).statusCode());
    assertEquals(404, http.post("/api/v1/broadcasts/draft/confirm", HEPING, null).statusCode());
    assertEquals(404, http.call("DELETE", "/api/v1/broadcasts/draft", HEPING, null, null).statusCode());
    Thread.sleep(500);
    assertTrue(received("API定时通知").isEmpty() && received("API取消的通知").isEmpty());
  }

  @Test
  @Order(4)
  void triggeringAPatrolPutsAReminderInTheGridsGroup() throws Exception {
    JsonArray mine = new JsonArray(http.get("/api/v1/schedules", HEPING).body());
    assertTrue(mine.stream().map(o -> ((JsonObject) o).getString("id")).anyMatch("patrol:heping-01"::equals), mine.encode());
    assertTrue(mine.stream().map(o -> ((JsonObject) o).getString("id")).allMatch(s -> s.startsWith("patrol:heping")),
        mine.encode());
    JsonArray all = new JsonArray(http.get("/api/v1/schedules", STREET).body());
    assertTrue(all.stream().map(o -> ((JsonObject) o).getString("id")).anyMatch("visits"::equals), all.encode());

    HttpResponse<String> r = http.post("/api/v1/schedules/patrol:heping-01/trigger", HEPING, null);
    assertEquals(202, r.statusCode(), r.body());
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked(null).stream().map(o -> (JsonObject) o)
        .anyMatch(m -> "grid:heping-01".equals(m.getString("group")) && m.getString("text").contains("巡查"))),
        "the patrol reminder in grid:heping-01");
    JsonObject entry = new JsonArray(http.get("/api/v1/audit", STREET).body()).getJsonObject(0);
    assertEquals("schedule.trigger", entry.getString("action"));
    assertEquals("patrol:heping-01", entry.getString("target"));
    assertTrue(eventually(Duration.ofSeconds(5), () -> {
      try {
        return new JsonArray(http.get("/api/v1/schedules", HEPING).body()).stream().map(o -> (JsonObject) o)
            .anyMatch(s -> s.getString("id").equals("patrol:heping-01") && s.getString("lastRun") != null);
      } catch (Exception e) {
        return false;
      }
    }));
  }

  @Test
  @Order(5)
  void listsCareTargetsWithLastVisitAndDueDate() throws Exception {
    JsonObject visit = new JsonObject().put("from", "zhang").put("id", "v-1").put("text", "走访 王桂英 情况良好")
        .put("mobile", "13800000102").put("group", "grid:heping-01");
    assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", visit.encode()).statusCode());
    assertTrue(eventually(Duration.ofSeconds(10), () -> {
      try {
        return new JsonArray(http.get("/api/v1/visits?grid=heping-01", HEPING).body()).getJsonObject(0)
            .getString("lastVisit") != null;
      } catch (Exception e) {
        return false;
      }
    }));
    JsonArray heping = new JsonArray(http.get("/api/v1/visits", HEPING).body());
    assertEquals(Set.of("ct-001", "ct-002"), Set.copyOf(heping.stream().map(o -> ((JsonObject) o).getString("id")).toList()));
    JsonObject wang = heping.stream().map(o -> (JsonObject) o).filter(o -> o.getString("id").equals("ct-001")).findFirst().orElseThrow();
    assertFalse(wang.getBoolean("overdue"));
    assertEquals(Instant.parse(wang.getString("lastVisit")).plus(Duration.ofDays(7)), Instant.parse(wang.getString("due")));
    JsonArray dueToday = new JsonArray(http.get("/api/v1/visits?due=today", HEPING).body());
    assertEquals(1, dueToday.size(), dueToday.encode());
    assertEquals("ct-002", dueToday.getJsonObject(0).getString("id"), "never visited: due now");
    JsonObject file = ok(http.get("/api/v1/visits/ct-001", HEPING));
    assertEquals("情况良好", file.getJsonArray("history").getJsonObject(0).getString("note"), file.encode());
    assertEquals(5, new JsonArray(http.get("/api/v1/visits", STREET).body()).size() + 1, "zijin is another street");
  }
}
