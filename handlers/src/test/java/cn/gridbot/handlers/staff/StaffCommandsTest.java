package cn.gridbot.handlers.staff;

import static cn.gridbot.handlers.testing.InMemoryDesk.at;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.testing.InMemoryDesk;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Grid staff and coordinators working tickets from their group chats. */
class StaffCommandsTest {
  final InMemoryDesk desk = new InMemoryDesk();
  static final String WORKER = "13800000102"; // 张伟, grid worker heping-01
  static final String OTHER_GRID = "13800000302"; // 林静, grid worker heping-03
  static final String SECRETARY = "13900000011"; // 孙丽, 和平社区
  static final String COMMANDER = "13900000001"; // 赵建国, 桂林路街道

  @BeforeEach
  void report() {
    desk.reads("和平小区3号楼楼道堆满了杂物", Category.SAFETY_HAZARD, 0.9, false, at("heping-xiaoqu", 3, null));
    desk.resident("r1", "和平小区3号楼楼道堆满了杂物");
  }

  static String text(Decision d) {
    return d.outgoing().get(0).text();
  }

  @Test
  void verifiesThatANaturalAcknowledgementAcceptsTheOneWaitingAssignment() {
    Decision d = desk.staff(WORKER, "grid:heping-01", "收到，马上去");
    assertEquals(TicketStatus.ACCEPTED, desk.only().status());
    assertTrue(text(d).contains("已接单 #A1001"), text(d));
    assertTrue(d.outgoing().stream().anyMatch(o -> o instanceof Outgoing.Reply r && r.conversationId().equals("r1")),
        "the resident hears who took it");
  }

  @Test
  void verifiesThatSomeoneOutsideTheDirectoryIsRefusedAndNothingChanges() {
    Ticket before = desk.only();
    Decision d = desk.staff("13011112222", "grid:heping-01", "办结 #A1001 搞定了");
    assertTrue(text(d).contains("不是登记在册的网格工作人员"));
    assertSame(before, desk.only());
    assertTrue(d.tickets().isEmpty());
  }

  @Test
  void verifiesThatStaffOfAnotherGridCannotTouchTheTicket() {
    Decision d = desk.staff(OTHER_GRID, "grid:heping-03", "接单 #A1001");
    assertTrue(text(d).contains("不在您负责的范围内"));
    assertEquals(TicketStatus.ASSIGNED, desk.only().status());
  }

  @Test
  void verifiesThatIllegalTransitionsAreRefusedWithAReason() {
    desk.staff(WORKER, "grid:heping-01", "接单 #A1001");
    Decision again = desk.staff(WORKER, "grid:heping-01", "接单 #A1001");
    assertTrue(text(again).contains("当前状态为「处理中」"), text(again));
    Decision noNote = desk.staff(WORKER, "grid:heping-01", "办结 #A1001");
    assertTrue(text(noNote).contains("处理说明"));
    assertEquals(TicketStatus.ACCEPTED, desk.only().status());
  }

  @Test
  void verifiesReassignToAnotherGridPushesTheAssignmentThere() {
    Decision d = desk.staff(WORKER, "grid:heping-01", "转派 #A1001 heping-02");
    Ticket t = desk.only();
    assertEquals("heping-02", t.gridId());
    assertEquals(TicketStatus.ASSIGNED, t.status());
    Outgoing.GroupPush push = (Outgoing.GroupPush) d.outgoing().stream()
        .filter(o -> o instanceof Outgoing.GroupPush).findFirst().orElseThrow();
    assertEquals("grid:heping-02", push.groupId());
    assertEquals("黄磊", push.mentions().get(0).name());
  }

  @Test
  void verifiesReassignByRoleAndByName() {
    desk.staff(WORKER, "grid:heping-01", "转派 #A1001 网格长");
    assertEquals("李明", desk.only().assignees().get(0).person().name());
    desk.staff(WORKER, "grid:heping-01", "转派 #A1001 刘洋");
    assertEquals("刘洋", desk.only().assignees().get(0).person().name());
    Decision unknown = desk.staff(WORKER, "grid:heping-01", "转派 #A1001 某某某");
    assertTrue(text(unknown).contains("没有找到"));
  }

  @Test
  void verifiesReturnGoesToTheCommunityWithItsSecretaryMentioned() {
    Decision d = desk.staff(WORKER, "grid:heping-01", "退回 #A1001 这是物业的事");
    assertEquals(TicketStatus.RETURNED, desk.only().status());
    Outgoing.GroupPush push = (Outgoing.GroupPush) d.outgoing().get(1);
    assertEquals("community:heping", push.groupId());
    assertEquals("孙丽", push.mentions().get(0).name());
  }

  @Test
  void verifiesCoordinatorOnlyCommands() {
    Decision refused = desk.staff(WORKER, "grid:heping-01", "关闭 #A1001");
    assertTrue(text(refused).contains("只能由社区书记或街道指挥中心"));
    Decision up = desk.staff(SECRETARY, "community:heping", "升级 #A1001 三天没动");
    assertEquals(1, desk.only().level());
    assertEquals("community:heping", ((Outgoing.GroupPush) up.outgoing().get(1)).groupId());
    Decision whistle = desk.staff(COMMANDER, "street:guilinlu", "吹哨 #A1001 应急管理");
    assertEquals(2, desk.only().level());
    assertEquals("dept:emergency", ((Outgoing.GroupPush) whistle.outgoing().get(1)).groupId());
    desk.staff(SECRETARY, "community:heping", "关闭 #A1001 重复工单");
    assertEquals(TicketStatus.CLOSED, desk.only().status());
  }

  @Test
  void verifiesViewAndTodo() {
    desk.staff(WORKER, "grid:heping-01", "备注 #A1001 已联系物业");
    Decision view = desk.staff(WORKER, "grid:heping-01", "查看 #A1001");
    assertTrue(text(view).contains("备注：已联系物业"), text(view));
    Decision todo = desk.staff(WORKER, "grid:heping-01", "我的待办");
    assertTrue(text(todo).contains("#A1001"), text(todo));
    assertTrue(text(desk.staff(OTHER_GRID, "grid:heping-03", "我的待办")).contains("没有待办"));
  }

  @Test
  void verifiesMergeInChatMakesTheFirstTicketFollowTheSecond() {
    desk.reads("和平小区3号楼楼道里全是纸箱子", Category.SAFETY_HAZARD, 0.9, false, at("heping-xiaoqu", 3, null));
    desk.resident("r2", "和平小区3号楼楼道里全是纸箱子");
    assertEquals(2, desk.tickets.size(), "different wording: two tickets");
    Decision d = desk.staff(WORKER, "grid:heping-01", "合并 #A1002 #A1001 同一处杂物");
    assertEquals(TicketStatus.MERGED, desk.tickets.get("A1002").status());
    assertEquals("A1001", desk.tickets.get("A1002").mergedInto());
    assertEquals(1, desk.tickets.get("A1001").followers().size());
    assertTrue(d.outgoing().stream().anyMatch(o -> o instanceof Outgoing.Reply r && r.conversationId().equals("r2")),
        "the merged ticket's reporter is told");
    assertTrue(text(desk.staff(WORKER, "grid:heping-01", "合并 #A1001 #A1001")).contains("不能把工单合并到它自己"));
  }

  @Test
  void verifiesSplitGivesAFollowerATicketOfTheirOwn() {
    desk.reads("和平小区3号楼楼道里堆满了杂物 好几天了", Category.SAFETY_HAZARD, 0.9, false, at("heping-xiaoqu", 3, null));
    desk.resident("r3", "和平小区3号楼楼道里堆满了杂物 好几天了");
    assertEquals(1, desk.only().followers().size(), "joined as +1");
    assertTrue(text(desk.staff(WORKER, "grid:heping-01", "拆分 #A1001 5")).contains("1-1"));
    Decision d = desk.staff(WORKER, "grid:heping-01", "拆分 #A1001");
    assertEquals(2, desk.tickets.size());
    assertTrue(desk.tickets.get("A1001").followers().isEmpty());
    Ticket split = desk.tickets.get("A1002");
    assertEquals("r3", split.resident().senderId());
    assertEquals("heping-01", split.gridId());
    assertTrue(d.outgoing().stream().anyMatch(o -> o instanceof Outgoing.Reply r && r.conversationId().equals("r3")
        && r.text().contains("#A1002")));
  }
}
