package cn.gridbot.bot;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole stories from report to resolution through the real webhook endpoint (sandbox channel),
 * the real understanding step and a real Redis; what the bot sends is read from the sandbox.
 */
@Timeout(180)
class TicketStoriesIT {
  @TempDir static Path dir;
  static BotHarness h;
  static final Pattern TICKET = Pattern.compile("#([A-Z]\\d{4})");

  @BeforeAll
  static void start() throws Exception {
    h = BotHarness.start(dir, null, Map.of("GRIDBOT_TICKETS_QUESTION_TTL_SECONDS", "3"));
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  static int seq;

  /** Sends a message and waits until the conversation has {@code expect} more messages. */
  static JsonArray say(String from, String text, int expect) throws Exception {
    return sayAs(from, null, null, text, expect);
  }

  static JsonArray sayAs(String from, String mobile, String group, String text, int expect) throws Exception {
    String conversation = group != null ? group : from;
    int before = h.sent(conversation).size();
    JsonObject body = new JsonObject().put("from", from).put("id", "it-" + (++seq)).put("text", text);
    if (mobile != null) {
      body.put("mobile", mobile);
    }
    if (group != null) {
      body.put("group", group);
    }
    assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", body.encode()).statusCode());
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked(conversation).size() >= before + expect),
        "no answer to '" + text + "' in " + conversation);
    JsonArray all = h.sent(conversation);
    return new JsonArray(all.getList().subList(before, all.size()));
  }

  static String text(JsonArray messages) {
    StringBuilder b = new StringBuilder();
    messages.forEach(m -> b.append(((JsonObject) m).getString("text")).append('\n'));
    return b.toString();
  }

  static String ticketId(JsonArray messages) {
    Matcher m = TICKET.matcher(text(messages));
    assertTrue(m.find(), "no ticket number in " + text(messages));
    return m.group(1);
  }

  static Ticket ticket(String id) {
    return h.bot.tickets().get(id).await().orElseThrow();
  }

  @Test
  void verifiesAReportWithAPlaceReachesTheGridWithMentions() throws Exception {
    JsonArray reply = say("res-a", "和平小区3号楼2单元楼道灯坏了好几天了", 1);
    String id = ticketId(reply);
    Ticket t = ticket(id);
    assertEquals("heping-01", t.gridId());
    assertEquals(TicketStatus.ASSIGNED, t.status());
    assertTrue(eventually(Duration.ofSeconds(5), () -> text(h.sentUnchecked("grid:heping-01")).contains("新工单 #" + id)));
    JsonObject push = (JsonObject) h.sent("grid:heping-01").stream()
        .filter(o -> ((JsonObject) o).getString("text").contains("#" + id)).findFirst().orElseThrow();
    List<String> names = push.getJsonArray("mentions").stream().map(o -> ((JsonObject) o).getString("name")).toList();
    assertEquals(List.of("杨阿姨", "张伟", "刘洋"), names);
  }

  @Test
  void verifiesAReportWithoutAPlaceIsCompletedByTheFollowUpAnswer() throws Exception {
    JsonArray ask = say("res-b", "楼道灯坏了好几天了 晚上黑漆漆的", 1);
    assertTrue(text(ask).contains("哪个小区"), text(ask));
    JsonArray done = say("res-b", "新华东里2号楼", 1);
    Ticket t = ticket(ticketId(done));
    assertEquals("zijin-02", t.gridId());
    assertEquals("building_facility", t.category().id());
  }

  @Test
  void verifiesARememberedAddressIsUsedForAReportWithoutPlace() throws Exception {
    JsonArray bound = say("res-c", "我住和平小区3号楼2单元401", 1);
    assertTrue(text(bound).contains("已记住您的住址"), text(bound));
    JsonArray reply = say("res-c", "暖气一点都不热 冻死了", 1);
    assertTrue(text(reply).contains("按您登记的住址"), text(reply));
    assertEquals("heping-01", ticket(ticketId(reply)).gridId());
  }

  @Test
  void verifiesAnEmergencyIsAnsweredWithThePublicNumberFirst() throws Exception {
    JsonArray reply = say("res-d", "阳光家园5号楼电梯里困人了 快来人", 2);
    JsonObject first = reply.getJsonObject(0);
    assertEquals("EMERGENCY", first.getString("lane"));
    assertTrue(first.getString("text").contains("119"), first.getString("text"));
    Ticket t = ticket(ticketId(reply));
    assertTrue(t.emergency());
    assertEquals("P0", t.priority().name());
    assertTrue(eventually(Duration.ofSeconds(5), () -> text(h.sentUnchecked("street:guilinlu")).contains("#" + t.id())));
  }

  @Test
  void verifiesADuplicateFromASecondResidentJoinsTheTicket() throws Exception {
    String id = ticketId(say("res-e", "金都花园6号楼门口垃圾堆成山了 好几天没人清", 1));
    JsonArray second = say("res-f", "金都6号楼门口垃圾好几天没人收了 臭得很", 1);
    assertTrue(text(second).contains("#" + id) && text(second).contains("已有邻居反映"), text(second));
    assertEquals(1, ticket(id).followers().size());
    sayAs("s-lin", "13800000302", "grid:heping-03", "办结 #" + id + " 已清运", 1);
    assertTrue(eventually(Duration.ofSeconds(5), () -> text(h.sentUnchecked("res-f")).contains("已处理完毕")));
  }

  /**
   * Verifies that duplicate detection, which compares the "text" field of the ticket hashes, still
   * finds a ticket stored without that field (written by an earlier release), and that the +1 is
   * recorded on it.
   */
  @Test
  void verifiesADuplicateOfATicketStoredWithoutItsTextFieldIsFound() throws Exception {
    String id = ticketId(say("res-m", "和平小区9号楼门口的路灯不亮了 晚上黑得很", 1));
    String key = h.bot.redis().key("ticket:" + id);
    assertEquals(1L, h.bot.redis().<Long>call(c -> c.hdel(key, "text")).await());
    JsonArray second = say("res-n", "和平小区9号楼门口路灯坏了 不亮了", 1);
    assertTrue(text(second).contains("#" + id) && text(second).contains("已有邻居反映"), text(second));
    assertEquals(1, ticket(id).followers().size());
    // The next write of the ticket puts the field back.
    assertEquals("和平小区9号楼门口的路灯不亮了 晚上黑得很",
        h.bot.redis().<String>call(c -> c.hget(key, "text")).await());
  }

  @Test
  void verifiesAcceptResolveSatisfiedClosesAndUnsatisfiedReopens() throws Exception {
    String id = ticketId(say("res-g", "紫金苑7号楼楼道里有人充电动车 怕着火", 1));
    sayAs("s-feng", "13800000602", "grid:zijin-01", "接单 #" + id, 1);
    assertEquals(TicketStatus.ACCEPTED, ticket(id).status());
    sayAs("s-feng", "13800000602", "grid:zijin-01", "办结 #" + id + " 已劝离并清理", 1);
    assertEquals(TicketStatus.RESOLVED, ticket(id).status());
    JsonArray unhappy = say("res-g", "不满意 车又推回来了", 1);
    assertTrue(text(unhappy).contains("重新打开"), text(unhappy));
    assertEquals(TicketStatus.REOPENED, ticket(id).status());
    sayAs("s-feng", "13800000602", "grid:zijin-01", "接单 #" + id, 1);
    sayAs("s-feng", "13800000602", "grid:zijin-01", "办结 #" + id + " 已没收充电器并贴告示", 1);
    say("res-g", "满意", 1);
    assertEquals(TicketStatus.CLOSED, ticket(id).status());
    List<String> actions = h.bot.tickets().history(id).await().stream().map(e -> e.action()).toList();
    assertEquals(List.of("report", "接单", "办结", "不满意", "接单", "办结", "满意"), actions);
  }

  @Test
  void verifiesReassignAndARefusedCommandFromANonMember() throws Exception {
    String id = ticketId(say("res-h", "龙首路步行街有个井盖没了 很危险", 1));
    JsonArray refused = sayAs("stranger", "13012345678", "grid:yangguang-02", "办结 #" + id + " 好了", 1);
    assertTrue(text(refused).contains("不能操作工单"), text(refused));
    assertEquals(TicketStatus.ASSIGNED, ticket(id).status());
    sayAs("s-zhou", "13800000501", "grid:yangguang-02", "转派 #" + id + " yangguang-01", 1);
    Ticket t = ticket(id);
    assertEquals("yangguang-01", t.gridId());
    assertTrue(eventually(Duration.ofSeconds(5), () -> text(h.sentUnchecked("grid:yangguang-01")).contains("转派工单 #" + id)));
  }

  @Test
  void verifiesTheSameMessageDeliveredThreeTimesMakesOneTicket() throws Exception {
    JsonObject body = new JsonObject().put("from", "res-i").put("id", "triple-1")
        .put("text", "新华路东段路灯坏了一排 晚上走路看不见");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", body.encode()).statusCode());
    }
    assertTrue(eventually(Duration.ofSeconds(10), () -> h.sentUnchecked("res-i").size() >= 1));
    Thread.sleep(500);
    assertEquals(1, h.sent("res-i").size());
    assertEquals(1, h.bot.tickets().byResident("sandbox:demo:res-i", 10).await().size());
  }

  @Test
  void verifiesAnUnansweredQuestionLapsesPolitely() throws Exception {
    say("res-j", "小区里的路灯坏了好几盏", 1);
    assertTrue(eventually(Duration.ofSeconds(15), () -> text(h.sentUnchecked("res-j")).contains("暂未立案")));
    assertTrue(h.bot.tickets().byResident("sandbox:demo:res-j", 10).await().isEmpty());
  }
}
