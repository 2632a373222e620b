package cn.gridbot.bot.ops;

import static cn.gridbot.bot.ops.Http.HEPING;
import static cn.gridbot.bot.ops.Http.STREET;
import static cn.gridbot.bot.ops.Http.ZIJIN;
import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.outbound.OutgoingCodec;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin API against a real bot on a real Redis: auth, scope, validation, every endpoint. */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpsApiIT {
  @TempDir static Path dir;
  static BotHarness h;
  static Http http;
  static String first;
  static String second;

  @BeforeAll
  static void start() throws Exception {
    h = BotHarness.start(dir, null, Map.of());
    http = new Http(h);
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
    first = report("ops-r1", "和平小区3号楼2单元楼道灯坏了，晚上看不见");
    second = report("ops-r2", "和平小区5号楼门口的路灯不亮了好几天");
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  /** Reports as a resident and returns the new ticket id once the API lists it. */
  static String report(String from, String text) throws Exception {
    int before = list(STREET, "").getInteger("total");
    assertEquals(200, h.say(from, from + "-1", text).statusCode());
    assertTrue(eventually(Duration.ofSeconds(20), () -> {
      try {
        return list(STREET, "").getInteger("total") > before;
      } catch (Exception e) {
        return false;
      }
    }), "ticket for " + text);
    return list(STREET, "").getJsonArray("items").getJsonObject(0).getString("id");
  }

  static JsonObject list(String token, String query) throws Exception {
    HttpResponse<String> r = http.get("/api/v1/tickets" + query, token);
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  static JsonObject ok(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return new JsonObject(r.body());
  }

  @Test
  @Order(1)
  void servesTheOpenApiDocument() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/openapi.yaml", null);
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("openapi: 3.1.0"));
    assertTrue(r.body().contains("operationId: listTickets"));
  }

  @Test
  @Order(2)
  void refusesRequestsWithoutAValidToken() throws Exception {
    HttpResponse<String> none = http.get("/api/v1/tickets", null);
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    assertEquals(401, http.get("/api/v1/tickets", "not-a-token").statusCode());
    assertEquals(401, http.post("/api/v1/tickets/" + first + "/close", "gridbot-demo-hepin", "{}").statusCode());
  }

  @Test
  @Order(3)
  void scopesTicketsToTheCoordinatorsCommunityOrStreet() throws Exception {
    JsonObject me = ok(http.get("/api/v1/me", HEPING));
    assertEquals("community", me.getString("scope"));
    assertEquals("heping", me.getString("place"));
    assertEquals(2, list(HEPING, "").getInteger("total"));
    assertEquals(0, list(ZIJIN, "").getInteger("total"));
    HttpResponse<String> other = http.get("/api/v1/tickets/" + first, ZIJIN);
    assertEquals(403, other.statusCode());
    assertTrue(new JsonObject(other.body()).getString("error").contains("outside"));
    assertEquals(403, http.post("/api/v1/tickets/" + first + "/escalate", ZIJIN, "{}").statusCode());
    assertEquals(403, http.get("/api/v1/ledgers/grids/heping-01", ZIJIN).statusCode());
    assertEquals(403, http.get("/api/v1/deadletters/outbox", HEPING).statusCode(), "dead letters: street only");
    assertEquals(403, http.get("/api/v1/audit", HEPING).statusCode());
    assertEquals(404, http.get("/api/v1/tickets/Z9999", STREET).statusCode());
  }

  @Test
  @Order(4)
  void rejectsInvalidRequestsNamingTheFieldAndTheReason() throws Exception {
    HttpResponse<String> page = http.get("/api/v1/tickets?page=0", STREET);
    assertEquals(400, page.statusCode(), page.body());
    JsonObject b = new JsonObject(page.body());
    assertEquals("page", b.getString("field"), page.body());
    assertNotNull(b.getString("reason"));

    HttpResponse<String> prio = http.get("/api/v1/tickets?priority=P9", STREET);
    assertEquals(400, prio.statusCode());
    assertEquals("priority", new JsonObject(prio.body()).getString("field"), prio.body());

    HttpResponse<String> type = http.post("/api/v1/tickets/" + first + "/assign", STREET, "{\"target\":5}");
    assertEquals(400, type.statusCode());
    assertEquals("target", new JsonObject(type.body()).getString("field"), type.body());

    HttpResponse<String> missing = http.post("/api/v1/tickets/" + first + "/assign", STREET, "{}");
    assertEquals(400, missing.statusCode());
    assertTrue(missing.body().contains("target"), missing.body());

    HttpResponse<String> extra = http.post("/api/v1/tickets/" + first + "/close", STREET, "{\"nope\":1}");
    assertEquals(400, extra.statusCode(), extra.body());

    HttpResponse<String> dept = http.post("/api/v1/tickets/" + first + "/whistle", STREET, "{\"department\":\"fire\"}");
    assertEquals(400, dept.statusCode());
    assertEquals("department", new JsonObject(dept.body()).getString("field"), dept.body());

    assertEquals(400, http.get("/api/v1/tickets/not-an-id", STREET).statusCode());

    HttpResponse<String> empty = http.post("/api/v1/analyze", STREET, "{\"text\":\"\"}");
    assertEquals(400, empty.statusCode());
    JsonObject e = new JsonObject(empty.body());
    assertEquals("text", e.getString("field"), empty.body());
    assertTrue(e.getString("reason").contains("\"minLength\":1"), "the reason shows the rule: " + empty.body());

    HttpResponse<String> notJson = http.call("POST", "/api/v1/analyze", STREET, "application/json", "not json");
    assertEquals(400, notJson.statusCode());
    assertEquals("body", new JsonObject(notJson.body()).getString("field"));
  }

  @Test
  @Order(5)
  void listsFiltersAndPages() throws Exception {
    JsonObject all = list(STREET, "?status=open&community=heping&grid=heping-01");
    assertEquals(2, all.getInteger("total"));
    JsonObject t = all.getJsonArray("items").getJsonObject(0);
    assertEquals(second, t.getString("id"), "newest first");
    assertTrue(t.getJsonArray("assignees").getJsonObject(0).getString("mobile").contains("****"));
    assertNotNull(t.getString("due"));
    assertEquals(1, list(STREET, "?size=1&page=2").getJsonArray("items").size());
    assertEquals(0, list(STREET, "?category=sanitation").getInteger("total"));
    assertEquals(0, list(STREET, "?overdue=true").getInteger("total"));
    assertEquals(0, list(STREET, "?status=CLOSED").getInteger("total"));
    assertEquals(2, list(STREET, "?from=2020-01-01&to=2099-12-31").getInteger("total"));
    assertEquals(0, list(STREET, "?to=2020-01-01").getInteger("total"));
  }

  @Test
  @Order(6)
  void showsATicketWithItsHistory() throws Exception {
    JsonObject d = ok(http.get("/api/v1/tickets/" + first, HEPING));
    assertEquals(first, d.getJsonObject("ticket").getString("id"));
    assertEquals("heping-01", d.getJsonObject("ticket").getString("grid"));
    assertEquals("report", d.getJsonArray("history").getJsonObject(0).getString("action"));
  }

  @Test
  @Order(7)
  void reassignsEscalatesAndWhistlesThroughTheChatRules() throws Exception {
    JsonObject a = ok(http.post("/api/v1/tickets/" + first + "/assign", HEPING, "{\"target\":\"刘洋\"}"));
    assertEquals("刘洋", a.getJsonObject("ticket").getJsonArray("assignees").getJsonObject(0).getString("name"));
    assertTrue(a.getString("message").contains("转派"));
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("grid:heping-01").stream()
        .anyMatch(m -> ((JsonObject) m).getString("text").contains("转派工单 #" + first))));

    JsonObject e = ok(http.post("/api/v1/tickets/" + first + "/escalate", HEPING, "{\"reason\":\"三天未修\"}"));
    assertEquals(1, e.getJsonObject("ticket").getInteger("level"));
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("community:heping").stream()
        .anyMatch(m -> ((JsonObject) m).getString("text").contains("升级督办 #" + first))));

    JsonObject w = ok(http.post("/api/v1/tickets/" + first + "/whistle", STREET, "{\"department\":\"urban_mgmt\"}"));
    assertEquals(2, w.getJsonObject("ticket").getInteger("level"));
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("dept:urban_mgmt").stream()
        .anyMatch(m -> ((JsonObject) m).getString("text").contains("#" + first))));

    JsonArray history = ok(http.get("/api/v1/tickets/" + first, STREET)).getJsonArray("history");
    assertEquals(4, history.size());
    assertEquals("api", history.getJsonObject(3).getString("channel"));
  }

  @Test
  @Order(8)
  void mergesAndCloses() throws Exception {
    JsonObject m = ok(http.post("/api/v1/tickets/" + second + "/merge", HEPING, "{\"into\":\"" + first + "\"}"));
    assertEquals("MERGED", m.getJsonObject("ticket").getString("status"));
    assertEquals(first, m.getJsonObject("ticket").getString("mergedInto"));
    assertEquals(1, ok(http.get("/api/v1/tickets/" + first, HEPING)).getJsonObject("ticket").getInteger("followers"));
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("ops-r2").stream()
        .anyMatch(x -> ((JsonObject) x).getString("text").contains("已合并"))));
    assertEquals(409, http.post("/api/v1/tickets/" + second + "/merge", HEPING, "{\"into\":\"" + first + "\"}").statusCode());

    JsonObject c = ok(http.post("/api/v1/tickets/" + first + "/close", HEPING, "{\"note\":\"已修复\"}"));
    assertEquals("CLOSED", c.getJsonObject("ticket").getString("status"));
    HttpResponse<String> again = http.post("/api/v1/tickets/" + first + "/close", HEPING, null);
    assertEquals(409, again.statusCode());
    assertTrue(new JsonObject(again.body()).getString("error").contains("已关闭"), again.body());
  }

  @Test
  @Order(9)
  void auditsEveryWrite() throws Exception {
    HttpResponse<String> r = http.get("/api/v1/audit?limit=50", STREET);
    JsonArray log = new JsonArray(ok2(r));
    assertTrue(log.size() >= 6, log.encode());
    JsonObject close = log.stream().map(o -> (JsonObject) o).filter(o -> o.getString("action").equals("ticket.close"))
        .filter(o -> o.getString("outcome").equals("applied")).findFirst().orElseThrow();
    assertEquals("demo-heping", close.getString("who"));
    assertEquals(first, close.getString("target"));
    assertEquals("127.0.0.1", close.getString("from"));
    assertNotNull(close.getString("at"));
    assertFalse(r.body().contains("gridbot-demo"), "no secrets in the audit log");
  }

  static String ok2(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  @Test
  @Order(10)
  void readsDirectoryAnalysisLedgersAndStats() throws Exception {
    HttpResponse<String> d = http.get("/api/v1/directory", HEPING);
    JsonObject dir = ok(d);
    assertEquals(7, dir.getJsonArray("grids").size());
    assertFalse(d.body().contains("13900000011"), "mobiles are masked");
    assertTrue(d.body().contains("139****0011"));

    JsonObject a = ok(http.post("/api/v1/analyze", HEPING, "{\"text\":\"阳光家园十二号楼一单元暖气片冰凉\"}"));
    assertEquals("utilities", a.getString("category"));
    assertEquals("yangguang-02", a.getString("grid"));
    assertTrue(a.containsKey("needs_location"));

    JsonObject g = ok(http.get("/api/v1/ledgers/grids/heping-01", HEPING));
    assertEquals(2, g.getInteger("total"));
    JsonObject b = ok(http.get("/api/v1/ledgers/buildings/heping-xiaoqu/3", HEPING));
    assertEquals(first, b.getJsonArray("items").getJsonObject(0).getString("id"));
    assertEquals(404, http.get("/api/v1/ledgers/buildings/heping-xiaoqu/99", HEPING).statusCode());

    JsonObject s = ok(http.get("/api/v1/stats?days=7", STREET));
    assertEquals(2, s.getInteger("total"));
    assertEquals(7, s.getJsonArray("trend").size());
    assertTrue(s.getJsonArray("byGrid").stream().map(o -> (JsonObject) o)
        .anyMatch(o -> o.getString("id").equals("heping-01") && o.getInteger("total") == 2));
  }

  @Test
  @Order(11)
  void listsRetriesAndDropsDeadLetters() throws Exception {
    String out = OutgoingCodec.encode(new Outgoing.Reply("sandbox", "demo", "dl-resident", "重发测试",
        Outgoing.Lane.INTERACTIVE));
    String rec1 = new JsonObject().put("id", "1-1").put("out", out).put("attempts", 5).put("at", 1).encode();
    String rec2 = new JsonObject().put("id", "1-2").put("out", out).put("attempts", 5).put("at", 2).encode();
    h.bot.redis().<Long>call(c -> c.lpush("gb:outbox:dead", rec1, rec2)).toCompletionStage().toCompletableFuture().get();

    JsonArray list = new JsonArray(ok2(http.get("/api/v1/deadletters/outbox", STREET)));
    assertEquals(2, list.size());
    assertEquals("重发测试", list.getJsonObject(1).getJsonObject("entry").getString("text"));

    JsonObject retried = ok(http.post("/api/v1/deadletters/outbox/1-1/retry", STREET, null));
    assertNotNull(retried.getString("requeued"));
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("dl-resident").size() == 1));
    assertEquals(404, http.post("/api/v1/deadletters/outbox/1-1/retry", STREET, null).statusCode());

    assertEquals(204, http.call("DELETE", "/api/v1/deadletters/outbox/1-2", STREET, null, null).statusCode());
    assertEquals(0, new JsonArray(ok2(http.get("/api/v1/deadletters/outbox", STREET))).size());
    assertEquals(0, new JsonArray(ok2(http.get("/api/v1/deadletters/inbox", STREET))).size());
    assertEquals(400, http.get("/api/v1/deadletters/elsewhere", STREET).statusCode());
  }

  @Test
  @Order(12)
  void exposesPrometheusMetrics() throws Exception {
    HttpResponse<String> r = h.get("/metrics");
    assertEquals(200, r.statusCode());
    String text = r.body();
    assertTrue(text.contains("gridbot_inbound_messages_total{outcome=\"accepted\",platform=\"sandbox\"} 2.0"), text);
    assertTrue(text.contains("gridbot_tickets{status=\"CLOSED\"} 1.0"), text);
    assertTrue(text.contains("gridbot_tickets{status=\"MERGED\"} 1.0"), text);
    assertTrue(text.contains("gridbot_dead_letters{kind=\"outbox\"} 0.0"), text);
    assertTrue(text.contains("gridbot_stream_depth{stream=\"outbox\"}"), text);
    assertTrue(text.contains("gridbot_redis_ping_seconds_count"), text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("gridbot_tickets_opened_total{") && l.contains("channel=\"sandbox\"")), text);
    assertTrue(text.contains("gridbot_outbound_delivery_seconds_count{platform=\"sandbox\"}"), text);
    assertTrue(text.contains("lettuce_command_completion_seconds_count{"), "Redis command latency: " + text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("vertx_http_server_requests_total{code=\"200\",method=\"GET\"")
        && l.contains("/tickets/:id\"")), "HTTP requests by route and status: " + text);
  }
}
