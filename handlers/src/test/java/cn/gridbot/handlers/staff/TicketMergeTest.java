package cn.gridbot.handlers.staff;

import static cn.gridbot.handlers.testing.InMemoryDesk.at;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.testing.InMemoryDesk;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Merging a ticket into another about the same problem. */
class TicketMergeTest {
  final InMemoryDesk desk = new InMemoryDesk();
  TicketMerge merge;

  @BeforeEach
  void twoReports() {
    desk.reads("和平小区3号楼楼道灯坏了", Category.BUILDING_FACILITY, 0.9, false, at("heping-xiaoqu", 3, null));
    desk.resident("r1", "和平小区3号楼楼道灯坏了");
    desk.reads("和平小区5号楼门口灯不亮", Category.BUILDING_FACILITY, 0.9, false, at("heping-xiaoqu", 5, null));
    desk.resident("r2", "和平小区5号楼门口灯不亮");
    merge = new TicketMerge(desk.desk.tickets());
  }

  @Test
  void verifiesThatTheSourcePointsAtTheTargetWhoseFollowersGrowAndResidentsAreTold() {
    Ticket target = desk.tickets.get("A1001");
    Ticket source = desk.tickets.get("A1002");
    TicketMerge.Result r = merge.merge(source, target, "coordinator:community_secretary:孙丽", "api", "同一条线路");
    assertFalse(r.refused());
    desk.apply(r.decision());
    Ticket merged = desk.tickets.get("A1002");
    assertEquals(TicketStatus.MERGED, merged.status());
    assertEquals("A1001", merged.mergedInto());
    Ticket grown = desk.tickets.get("A1001");
    assertEquals(target.version() + 1, grown.version());
    assertEquals(1, grown.followers().size());
    assertEquals(InMemoryDesk.key("r2"), "sandbox:demo:" + grown.followers().get(0).senderId());
    assertEquals("合并", desk.history.get("A1002").get(desk.history.get("A1002").size() - 1).action());
    assertEquals("并入", desk.history.get("A1001").get(desk.history.get("A1001").size() - 1).action());
    assertTrue(r.decision().outgoing().stream().anyMatch(o -> o instanceof Outgoing.Reply rep
        && rep.conversationId().equals("r2") && rep.text().contains("#A1001")));
  }

  @Test
  void verifiesThatMergingIntoItselfOrAClosedTicketOrTwiceIsRefused() {
    Ticket a = desk.tickets.get("A1001");
    Ticket b = desk.tickets.get("A1002");
    assertTrue(merge.merge(a, a, "x", "api", null).refused());
    desk.apply(merge.merge(b, a, "x", "api", null).decision());
    assertTrue(merge.merge(desk.tickets.get("A1002"), desk.tickets.get("A1001"), "x", "api", null).refusal()
        .contains("已合并"));
    Ticket closed = desk.tickets.get("A1001").withStatus(TicketStatus.CLOSED, desk.now);
    assertTrue(merge.merge(b, closed, "x", "api", null).refused());
  }
}
