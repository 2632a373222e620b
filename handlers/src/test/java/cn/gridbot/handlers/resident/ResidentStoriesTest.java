package cn.gridbot.handlers.resident;

import static cn.gridbot.handlers.testing.InMemoryDesk.at;
import static cn.gridbot.handlers.testing.InMemoryDesk.key;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.conversation.PendingQuestion;
import cn.gridbot.handlers.directory.Person;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.testing.InMemoryDesk;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.understanding.Place;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Residents' stories on the handlers with in-memory ports. */
class ResidentStoriesTest {
  final InMemoryDesk desk = new InMemoryDesk();

  static Outgoing.Reply reply(Decision d, int i) {
    return (Outgoing.Reply) d.outgoing().stream().filter(o -> o instanceof Outgoing.Reply).toList().get(i);
  }

  static Outgoing.GroupPush push(Decision d, String group) {
    return (Outgoing.GroupPush) d.outgoing().stream()
        .filter(o -> o instanceof Outgoing.GroupPush g && g.groupId().equals(group)).findFirst()
        .orElseThrow(() -> new AssertionError("no push to " + group + " in " + d.outgoing()));
  }

  @Test
  void verifiesThatAReportWithAPlaceBecomesAnAssignedTicketPushedToTheGrid() {
    desk.reads("和平小区3号楼2单元楼道灯坏了好几天了 电话13812345678", Category.BUILDING_FACILITY, 0.93, false,
        at("heping-xiaoqu", 3, 2));
    Decision d = desk.resident("r1", "和平小区3号楼2单元楼道灯坏了好几天了 电话13812345678");
    Ticket t = desk.only();
    assertEquals("A1001", t.id());
    assertEquals(TicketStatus.ASSIGNED, t.status());
    assertEquals(Priority.P2, t.priority());
    assertEquals("heping-01", t.gridId());
    assertEquals(List.of("杨阿姨", "张伟", "刘洋"), t.assignees().stream().map(m -> m.person().name()).toList());
    assertFalse(t.text().contains("13812345678"), "phone numbers are masked in the ticket");
    String answer = reply(d, 0).text();
    assertTrue(answer.contains("#A1001") && answer.contains("和平小区3号楼2单元"), answer);
    assertTrue(answer.contains("2小时内"), answer);
    Outgoing.GroupPush assignment = push(d, "grid:heping-01");
    assertEquals(List.of("杨阿姨", "张伟", "刘洋"), assignment.mentions().stream().map(Person::name).toList());
    assertTrue(assignment.text().contains("接单 #A1001"));
    assertFalse(assignment.text().contains("13812345678"));
  }

  @Test
  void verifiesThatAReportWithoutAPlaceIsCompletedByTheAnswer() {
    desk.reads("楼道灯坏了好几天了", Category.BUILDING_FACILITY, 0.9, false, Place.NONE);
    desk.reads("金都花园5号楼", Category.OTHER, 0.6, false, at("jindu-huayuan", 5, null));
    Decision ask = desk.resident("r2", "楼道灯坏了好几天了");
    assertTrue(desk.tickets.isEmpty());
    assertTrue(reply(ask, 0).text().contains("哪个小区几号楼"));
    assertEquals(PendingQuestion.Kind.LOCATION, desk.questions.get(key("r2")).kind());
    Decision done = desk.resident("r2", "金都花园5号楼");
    Ticket t = desk.only();
    assertEquals("heping-03", t.gridId());
    assertEquals(Category.BUILDING_FACILITY, t.category());
    assertEquals("楼道灯坏了好几天了", t.text(), "the ticket keeps the original report");
    assertNull(desk.questions.get(key("r2")));
    assertTrue(reply(done, 0).text().contains("#A1001"));
  }

  @Test
  void verifiesThatABuildingTheCompoundLacksIsNamedInTheQuestionAndTheAnswerKeepsTheCompound() {
    desk.reads("金都花园10号楼楼道灯坏了", Category.BUILDING_FACILITY, 0.9, false, at("jindu-huayuan", 10, null));
    desk.reads("6号楼", Category.OTHER, 0.5, false, new Place(null, 6, null, null, null));
    Decision ask = desk.resident("r8", "金都花园10号楼楼道灯坏了");
    assertTrue(desk.tickets.isEmpty());
    String q = reply(ask, 0).text();
    assertTrue(q.contains("金都花园没有10号楼（共8栋）") && q.contains("请问是几号楼"), q);
    desk.resident("r8", "6号楼");
    Ticket t = desk.only();
    assertEquals("jindu-huayuan", t.place().compoundId());
    assertEquals(6, t.place().building());
    assertEquals("heping-03", t.gridId());
  }

  @Test
  void verifiesThatABuildingWithoutACompoundIsAskedForItsCompound() {
    desk.reads("3号楼楼道灯坏了", Category.BUILDING_FACILITY, 0.9, false, new Place(null, 3, null, null, null));
    desk.reads("和平小区", Category.OTHER, 0.5, false, new Place("heping-xiaoqu", null, null, null, null));
    Decision ask = desk.resident("r9", "3号楼楼道灯坏了");
    String q = reply(ask, 0).text();
    assertTrue(q.contains("请问3号楼是哪个小区的"), q);
    desk.resident("r9", "和平小区");
    Ticket t = desk.only();
    assertEquals("heping-xiaoqu", t.place().compoundId());
    assertEquals(3, t.place().building());
    assertEquals("heping-01", t.gridId());
  }

  @Test
  void verifiesThatAnUnresolvableAnswerIsAskedAgainThenHandedToTheCommunity() {
    desk.reads("下水道堵了", Category.MUNICIPAL_FACILITY, 0.9, false, Place.NONE);
    desk.resident("r3", "下水道堵了");
    Decision again = desk.resident("r3", "就在我家楼下");
    assertTrue(desk.tickets.isEmpty());
    assertTrue(reply(again, 0).text().contains("没有找到这个地址"));
    Decision triage = desk.resident("r3", "不知道");
    Ticket t = desk.only();
    assertNull(t.gridId());
    assertEquals("heping", t.communityId());
    push(triage, "community:heping");
  }

  @Test
  void verifiesThatARememberedAddressIsUsedAndSaid() {
    desk.reads("和平小区3号楼2单元401", Category.OTHER, 0.5, false, new Place("heping-xiaoqu", 3, 2, "401", null));
    Decision bound = desk.resident("r4", "我住和平小区3号楼2单元401");
    assertEquals(new Place("heping-xiaoqu", 3, 2, "401", null), desk.homes.get(key("r4")));
    assertTrue(reply(bound, 0).text().contains("和平小区3号楼2单元401室"));
    desk.reads("暖气一点都不热", Category.UTILITIES, 0.9, false, Place.NONE);
    Decision d = desk.resident("r4", "暖气一点都不热");
    Ticket t = desk.only();
    assertEquals("heping-01", t.gridId());
    assertTrue(reply(d, 0).text().contains("按您登记的住址"), reply(d, 0).text());
  }

  @Test
  void verifiesThatAnAddressFollowedByAReportIsTheReportNotAnAddressToRemember() {
    String text = "我住和平小区2号楼 对面6号楼有一家阳台着火了 火苗子蹿得老高";
    desk.reads(text, Category.SAFETY_HAZARD, 0.9, true, new Place("heping-xiaoqu", 6, null, null, null));
    Decision d = desk.resident("r20", text);
    assertNull(desk.homes.get(key("r20")));
    Ticket t = desk.only();
    assertTrue(t.emergency());
    assertEquals(Outgoing.Lane.EMERGENCY, ((Outgoing.Reply) d.outgoing().get(0)).lane());
  }

  @Test
  void verifiesThatAnEmergencyGetsThePublicNumberFirstAndAlertsChiefPoliceAndStreet() {
    desk.reads("紫金苑3号楼2单元冒烟了 好像着火了", Category.SAFETY_HAZARD, 0.8, true, at("zijin-yuan", 3, 2));
    Decision d = desk.resident("r5", "紫金苑3号楼2单元冒烟了 好像着火了");
    Ticket t = desk.only();
    assertTrue(t.emergency());
    assertEquals(Priority.P0, t.priority());
    Outgoing.Reply first = (Outgoing.Reply) d.outgoing().get(0);
    assertEquals(Outgoing.Lane.EMERGENCY, first.lane());
    assertTrue(first.text().contains("119"), first.text());
    assertTrue(first.text().contains("网格长郑华") && first.text().contains("社区民警许警官"), first.text());
    Outgoing.GroupPush grid = push(d, "grid:zijin-01");
    assertEquals(Outgoing.Lane.EMERGENCY, grid.lane());
    List<String> mentioned = grid.mentions().stream().map(Person::name).toList();
    assertTrue(mentioned.containsAll(List.of("郑华", "许警官")), mentioned.toString());
    assertEquals(Outgoing.Lane.EMERGENCY, push(d, "street:beijinglu").lane());
  }

  @Test
  void verifiesThatAnEmergencyWithoutAPlaceGivesTheNumberAndAsksThePlaceInOneEmergencyMessage() {
    desk.reads("楼道里冒黑烟了 好呛", Category.SAFETY_HAZARD, 0.8, true, Place.NONE);
    Decision d = desk.resident("r9", "楼道里冒黑烟了 好呛");
    assertTrue(desk.tickets.isEmpty());
    List<Outgoing.Reply> replies = d.outgoing().stream().filter(o -> o instanceof Outgoing.Reply)
        .map(o -> (Outgoing.Reply) o).toList();
    assertEquals(1, replies.size(), replies.toString());
    Outgoing.Reply only = replies.get(0);
    assertEquals(Outgoing.Lane.EMERGENCY, only.lane());
    int number = only.text().indexOf("119");
    int question = only.text().indexOf("哪个小区几号楼");
    assertTrue(number >= 0 && question > number, only.text());
    assertEquals(PendingQuestion.Kind.LOCATION, desk.questions.get(key("r9")).kind());
    assertTrue(desk.questions.get(key("r9")).emergency());
  }

  @Test
  void verifiesThatASecondResidentsReportJoinsTheOpenTicketAndBothHearTheOutcome() {
    desk.reads("金都花园3号楼门口垃圾堆了好几天 臭死了", Category.SANITATION, 0.9, false, at("jindu-huayuan", 3, null));
    desk.reads("金都3号楼门口的垃圾好几天没人清了", Category.SANITATION, 0.9, false, at("jindu-huayuan", 3, null));
    desk.resident("r6", "金都花园3号楼门口垃圾堆了好几天 臭死了");
    Decision second = desk.resident("r7", "金都3号楼门口的垃圾好几天没人清了");
    Ticket t = desk.only();
    assertEquals(1, t.followers().size());
    assertTrue(reply(second, 0).text().contains("已有邻居反映"));
    Decision resolved = desk.staff("13800000302", "grid:heping-03", "办结 #A1001 已清运");
    List<String> told = resolved.outgoing().stream().filter(o -> o instanceof Outgoing.Reply r && !r.conversationId().startsWith("grid:"))
        .map(o -> ((Outgoing.Reply) o).conversationId()).toList();
    assertEquals(List.of("r6", "r7"), told);
  }

  @Test
  void verifiesThatADifferentProblemAtTheSameBuildingIsNotADuplicate() {
    desk.reads("金都花园3号楼门口垃圾堆了好几天", Category.SANITATION, 0.9, false, at("jindu-huayuan", 3, null));
    desk.reads("金都花园3号楼楼顶有老鼠窝", Category.SANITATION, 0.9, false, at("jindu-huayuan", 3, null));
    desk.resident("r6", "金都花园3号楼门口垃圾堆了好几天");
    desk.resident("r7", "金都花园3号楼楼顶有老鼠窝");
    assertEquals(2, desk.tickets.size());
  }

  @Test
  void verifiesTheSatisfactionLoop() {
    desk.reads("阳光家园12号楼1单元暖气片冰凉", Category.UTILITIES, 0.9, false, at("yangguang-jiayuan", 12, 1));
    desk.resident("r8", "阳光家园12号楼1单元暖气片冰凉");
    desk.staff("13800000502", "grid:yangguang-02", "接单 #A1001");
    assertEquals(TicketStatus.ACCEPTED, desk.only().status());
    desk.staff("13800000502", "grid:yangguang-02", "办结 #A1001 阀门已疏通 http://img.example/1.jpg");
    assertEquals(TicketStatus.RESOLVED, desk.only().status());
    Decision unhappy = desk.resident("r8", "不满意 还是不热");
    assertEquals(TicketStatus.REOPENED, desk.only().status());
    Outgoing.GroupPush chief = push(unhappy, "grid:yangguang-02");
    assertEquals("周杰", chief.mentions().get(0).name());
    desk.staff("13800000502", "grid:yangguang-02", "接单 #A1001");
    desk.staff("13800000502", "grid:yangguang-02", "办结 #A1001 换了暖气片");
    desk.resident("r8", "满意");
    assertEquals(TicketStatus.CLOSED, desk.only().status());
    List<String> actions = desk.history.get("A1001").stream().map(e -> e.action()).toList();
    assertEquals(List.of("report", "接单", "办结", "不满意", "接单", "办结", "满意"), actions);
  }

  @Test
  void verifiesQueryCancelAndNote() {
    desk.reads("新华路东段路灯不亮", Category.MUNICIPAL_FACILITY, 0.9, false, new Place(null, null, null, null, "xinhua-lu"));
    desk.resident("r9", "新华路东段路灯不亮");
    assertTrue(reply(desk.resident("r9", "查询"), 0).text().contains("#A1001"));
    Decision note = desk.resident("r9", "补充 #A1001 是第三根灯杆 https://p.example/x.jpg");
    assertEquals(List.of("https://p.example/x.jpg"), desk.only().attachments());
    push(note, "grid:zijin-02");
    assertTrue(reply(desk.resident("r10", "取消 #A1001"), 0).text().contains("没有找到您的工单"), "only one's own");
    desk.resident("r9", "取消 #A1001");
    assertEquals(TicketStatus.CANCELLED, desk.only().status());
  }

  @Test
  void verifiesThatAnUnsureReadingAsksWhichKindItIs() {
    desk.reads("和平小区8号楼那个事情能不能管管", Category.DISPUTE, 0.35, false, at("heping-xiaoqu", 8, null));
    Decision ask = desk.resident("r11", "和平小区8号楼那个事情能不能管管");
    assertTrue(desk.tickets.isEmpty());
    PendingQuestion q = desk.questions.get(key("r11"));
    assertEquals(PendingQuestion.Kind.CATEGORY, q.kind());
    assertTrue(reply(ask, 0).text().contains("1. 矛盾纠纷"), reply(ask, 0).text());
    desk.resident("r11", "2");
    Ticket t = desk.only();
    assertEquals(q.choices().get(1), t.category());
    assertEquals("heping-02", t.gridId());
  }

  @Test
  void verifiesChitChatGetsAnAnswerAndNoTicket() {
    Decision thanks = desk.resident("r12", "谢谢你们啊");
    assertEquals("report", thanks.handler());
    Decision hello = desk.resident("r12", "在吗");
    assertEquals("help", hello.handler());
    assertTrue(desk.tickets.isEmpty());
  }

  @Test
  void verifiesThatALapsedQuestionIsNotAnsweredAnyMore() {
    desk.reads("楼道灯坏了", Category.BUILDING_FACILITY, 0.9, false, Place.NONE);
    desk.resident("r13", "楼道灯坏了");
    desk.now = desk.now.plus(Duration.ofHours(1));
    desk.reads("金都花园5号楼", Category.OTHER, 0.6, false, at("jindu-huayuan", 5, null));
    Decision d = desk.resident("r13", "金都花园5号楼");
    assertTrue(desk.tickets.isEmpty(), "the question lapsed, so the answer alone is no report");
    assertEquals("help", d.handler());
  }
}
