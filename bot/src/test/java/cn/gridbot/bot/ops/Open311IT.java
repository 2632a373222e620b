package cn.gridbot.bot.ops;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.ticket.Ticket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Open311 GeoReport v2 against a real bot on a real Redis. */
@Timeout(180)
class Open311IT {
  static final String KEY = "gridbot-demo-open311";
  static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
      "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
      "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");

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

  static HttpResponse<String> postForm(Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.call("POST", "/open311/v2/requests.json", null, "application/x-www-form-urlencoded", body);
  }

  static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void listsCategoriesAsServicesWithChineseNamesAndGroups() throws Exception {
    HttpResponse<String> r = http.get("/open311/v2/services.json", null);
    assertEquals(200, r.statusCode());
    JsonArray services = new JsonArray(r.body());
    assertEquals(15, services.size(), "every category but other");
    JsonObject s = services.stream().map(o -> (JsonObject) o).filter(o -> o.getString("service_code").equals("sanitation"))
        .findFirst().orElseThrow();
    assertEquals("环境卫生", s.getString("service_name"));
    assertEquals("区城管局", s.getString("group"));
    assertEquals(false, s.getBoolean("metadata"));
    assertEquals("realtime", s.getString("type"));
    HttpResponse<String> xml = http.get("/open311/v2/services.xml", null);
    assertTrue(xml.body().contains("<services><service><service_code>"), xml.body());
  }

  @Test
  void aPostedRequestBecomesATicketThatStaffWorkInChat() throws Exception {
    assertEquals(403, postForm(form("service_code", "sanitation", "address_string", "金都花园3号楼")).statusCode());
    HttpResponse<String> bad = postForm(form("api_key", "wrong", "service_code", "sanitation", "address_string", "金都花园3号楼"));
    assertEquals(403, bad.statusCode());
    assertEquals(403, new JsonArray(bad.body()).getJsonObject(0).getInteger("code"));
    HttpResponse<String> noCode = postForm(form("api_key", KEY, "address_string", "金都花园3号楼"));
    assertEquals(400, noCode.statusCode());
    assertTrue(new JsonArray(noCode.body()).getJsonObject(0).getString("description").startsWith("service_code"));
    assertEquals(400, postForm(form("api_key", KEY, "service_code", "sanitation", "description", "垃圾很多")).statusCode(),
        "a location is required");
    assertEquals(400, postForm(form("api_key", KEY, "service_code", "sanitation", "address_string", "火星基地")).statusCode(),
        "a place outside the district");

    HttpResponse<String> created = postForm(form("api_key", KEY, "service_code", "sanitation",
        "description", "垃圾桶满了好几天没人清理", "address_string", "金都花园3号楼", "account_id", "citizen-7"));
    assertEquals(201, created.statusCode(), created.body());
    JsonObject answer = new JsonArray(created.body()).getJsonObject(0);
    String id = answer.getString("service_request_id");
    assertNotNull(id);
    assertEquals("citizen-7", answer.getString("account_id"));

    Ticket t = h.bot.tickets().get(id).toCompletionStage().toCompletableFuture().get().orElseThrow();
    assertEquals("heping-03", t.gridId());
    assertEquals("sanitation", t.category().id());
    assertEquals("open311", t.resident().platform());
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("grid:heping-03").stream()
        .anyMatch(m -> ((JsonObject) m).getString("text").contains("#" + id))), "pushed to the grid's staff group");

    JsonObject one = new JsonArray(http.get("/open311/v2/requests/" + id + ".json", null).body()).getJsonObject(0);
    for (String f : REQUEST_FIELDS) {
      assertTrue(one.containsKey(f), f);
    }
    assertEquals("open", one.getString("status"));
    assertEquals("和平社区第三网格", one.getString("agency_responsible"));
    assertTrue(one.getString("address").contains("金都花园"));
    assertTrue(one.getString("requested_datetime").endsWith("+08:00"), one.getString("requested_datetime"));
    assertNotNull(one.getString("expected_datetime"));

    JsonArray open = new JsonArray(http.get("/open311/v2/requests.json?service_code=sanitation&status=open", null).body());
    assertTrue(open.stream().anyMatch(o -> ((JsonObject) o).getString("service_request_id").equals(id)));
    assertEquals(0, new JsonArray(http.get("/open311/v2/requests.json?service_code=health", null).body()).size());
    assertEquals(0, new JsonArray(http.get("/open311/v2/requests.json?end_date=2020-01-01T00:00:00Z", null).body()).size());
    assertEquals(400, http.get("/open311/v2/requests.json?status=maybe", null).statusCode());
    assertEquals(404, http.get("/open311/v2/requests/Z9999.json", null).statusCode());
    String xml = http.get("/open311/v2/requests/" + id + ".xml", null).body();
    assertTrue(xml.contains("<service_request_id>" + id + "</service_request_id>"), xml);

    // 林静, grid worker of heping-03, resolves it in her group: the request reads closed with the note.
    JsonObject msg = new JsonObject().put("from", "w-lin").put("id", "o311-done").put("mobile", "13800000302")
        .put("group", "grid:heping-03").put("text", "办结 #" + id + " 已清运");
    assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", msg.encode()).statusCode());
    assertTrue(eventually(Duration.ofSeconds(10), () -> {
      try {
        JsonObject r = new JsonArray(http.get("/open311/v2/requests/" + id + ".json", null).body()).getJsonObject(0);
        return r.getString("status").equals("closed") && r.getString("status_notes").contains("已清运");
      } catch (Exception e) {
        return false;
      }
    }));
    String metrics = h.get("/metrics").body();
    assertTrue(metrics.contains("gridbot_ticket_time_to_resolve_seconds_count{priority=\""), metrics);
    assertTrue(metrics.contains("channel=\"open311\""), metrics);
    // The "满意吗?" question to the Open311 reporter is not a dead letter: Open311 clients poll.
    Thread.sleep(500);
    assertEquals(0, new JsonArray(http.get("/api/v1/deadletters/outbox", Http.STREET).body()).size());
  }
}
