package cn.gridbot.handlers.resident;

import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.directory.Compound;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.Tickets;
import java.util.List;
import java.util.stream.Collectors;

/** What the bot says to residents: short, clear, polite Chinese. */
final class Wording {
  private Wording() {}

  static String publicNumber(Category c) {
    return switch (c) {
      case SAFETY_HAZARD, BUILDING_FACILITY -> "119（火警/救援）";
      case PUBLIC_SECURITY, MUNICIPAL_FACILITY -> "110（报警）";
      case HEALTH, VULNERABLE_CARE -> "120（急救）";
      default -> "119 / 110 / 120";
    };
  }

  static String emergency(Ticket t, Desk desk) {
    String alerted = t.assignees().stream()
        .filter(m -> m.role() == Role.GRID_CHIEF || m.role() == Role.POLICE || m.fallback())
        .map(m -> (m.fallback() ? "网格长" : m.role().chinese()) + m.person().name())
        .distinct().collect(Collectors.joining("、"));
    return "⚠️ 情况紧急！请立即拨打 " + publicNumber(t.category()) + "，并注意自身安全。\n"
        + "我们已同时通知" + (alerted.isEmpty() ? "社区值班人员" : alerted) + "，街道指挥中心已知悉，马上有人联系您。";
  }

  static String emergencyNoPlace(Category c) {
    return "⚠️ 情况紧急！请立即拨打 " + publicNumber(c) + "，并注意自身安全。";
  }

  static String accepted(Ticket t, Desk desk, boolean fromHome) {
    StringBuilder b = new StringBuilder();
    b.append("已收到您反映的问题（").append(t.category().chinese()).append("），工单号 ").append(t.ref()).append("。\n");
    if (!t.placeLabel().isEmpty()) {
      b.append("地点：").append(t.placeLabel());
      if (fromHome) {
        b.append("（您未写地址，按您登记的住址处理，如不对请回复正确地址）");
      }
      b.append('\n');
    }
    String gridName = t.gridId() == null ? null
        : desk.directory().grid(t.gridId()).map(g -> g.name()).orElse(null);
    List<Member> people = t.assignees();
    b.append("已转交").append(gridName != null ? gridName + " " : "社区 ")
        .append(people.isEmpty() ? "工作人员" : Tickets.who(people)).append("处理，");
    var limits = desk.tickets().limits(t);
    b.append("预计").append(Tickets.human(limits.accept())).append("内有人联系您，")
        .append(Tickets.human(limits.resolve())).append("内办结");
    if (!t.acceptBy().equals(t.createdAt().plus(limits.accept()))) {
      b.append("（按工作时间计）");
    }
    b.append("。\n");
    b.append("进展会在这里通知您，发送「查询」可随时查看。");
    return b.toString();
  }

  /**
   * The first question for a missing place. When the report named a building the compound does
   * not have, or a building but no compound, the question says so instead of asking for everything.
   */
  static String askLocation(Category c, Place stated, Directory directory) {
    String head = "收到，您反映的是「" + c.chinese() + "」方面的问题。";
    Integer b = stated.building();
    if (b != null && stated.compoundId() != null) {
      Compound k = directory.compound(stated.compoundId()).orElse(null);
      if (k != null && !k.hasBuilding(b)) {
        return head + k.name() + "没有" + b + "号楼（共" + k.buildings() + "栋），请问是几号楼？"
            + "（例如：" + k.name() + "1号楼2单元）";
      }
    }
    if (b != null && stated.compoundId() == null && stated.segmentId() == null) {
      return head + "请问" + b + "号楼是哪个小区的？（例如：和平小区" + b + "号楼）";
    }
    return head + "请问是哪个小区几号楼几单元？（例如：和平小区3号楼2单元）";
  }

  static String askLocationAgain(Directory directory) {
    String names = directory.compounds().stream().map(Compound::name).collect(Collectors.joining("、"));
    return "抱歉，没有找到这个地址。请写小区名和楼号，例如「金都花园5号楼」，或街道名如「龙首路」。\n"
        + "本辖区的小区有：" + names + "。";
  }

  static String askCategory(List<Category> choices) {
    StringBuilder b = new StringBuilder("想跟您确认一下，您反映的是哪类问题？请回复数字：\n");
    for (int i = 0; i < choices.size(); i++) {
      b.append(i + 1).append(". ").append(choices.get(i).chinese()).append('\n');
    }
    b.append(choices.size() + 1).append(". 都不是（转社区工作人员人工处理）");
    return b.toString();
  }

  static String thanks() {
    return "不客气！有事随时找我们 🙂";
  }
}
