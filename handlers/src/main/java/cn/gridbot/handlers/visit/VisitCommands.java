package cn.gridbot.handlers.visit;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.directory.CareTarget;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Directory.StaffRole;
import cn.gridbot.handlers.ticket.Texts;
import cn.gridbot.handlers.ticket.Tickets;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Staff log visits to care targets ("五必访") in chat — 走访 王桂英 情况良好, or by id 走访 ct-001 … —
 * and ask 今日走访 for the visits due today in their grids.
 */
public final class VisitCommands implements ChatHandler {
  private static final Pattern VISIT = Pattern.compile("^走访\\s*(\\S+)\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern TODAY = Pattern.compile("^(今日走访|今天走访|走访计划|待走访)[？?]*$");
  private final Directory directory;
  private final VisitStore store;
  private final Visits visits;
  private final Clock clock;

  public VisitCommands(Directory directory, VisitStore store, Clock clock) {
    this.directory = directory;
    this.store = store;
    this.visits = new Visits(directory, Tickets.ZONE);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "visits";
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage m) {
    String text = m.text().strip();
    Matcher v = VISIT.matcher(text);
    boolean today = TODAY.matcher(text).matches();
    if (!v.matches() && !today) {
      return Future.succeededFuture(Optional.empty());
    }
    List<StaffRole> roles = directory.rolesOf(m.senderMobile());
    if (roles.isEmpty()) {
      return done(Decision.reply(name(), m, "抱歉，走访记录只能由登记在册的网格工作人员提交。"));
    }
    if (today) {
      return today(m, roles);
    }
    Optional<CareTarget> target = visits.find(v.group(1));
    if (target.isEmpty()) {
      return done(Decision.reply(name(), m, "没有找到走访对象「" + v.group(1) + "」，请写姓名或编号（如 ct-001）。"));
    }
    CareTarget t = target.get();
    if (!responsible(roles, t)) {
      return done(Decision.reply(name(), m, "抱歉，" + t.name() + "不在您负责的网格内。"));
    }
    String note = Texts.maskPhones(v.group(2).strip());
    String actor = "staff:" + roles.get(0).role().id() + ":" + roles.get(0).person().name();
    var now = clock.instant();
    return done(Decision.by(name()).state(new StateChange.LogVisit(t.id(), now, actor, note))
        .reply(m, "已记录走访：" + t.name() + (note.isEmpty() ? "" : "（" + note + "）") + "。下次走访请在 "
            + Tickets.when(now.plus(Duration.ofDays(t.visitEveryDays()))) + " 前。")
        .build());
  }

  private Future<Optional<Decision>> today(InboundMessage m, List<StaffRole> roles) {
    List<String> grids = directory.grids().stream().filter(g -> roles.stream().anyMatch(r ->
        (r.scope() == Directory.Scope.GRID && r.placeId().equals(g.id()))
            || (r.scope() == Directory.Scope.COMMUNITY && r.placeId().equals(g.communityId()))))
        .map(g -> g.id()).toList();
    return store.lastVisits().map(last -> {
      StringBuilder b = new StringBuilder();
      for (String g : grids) {
        visits.dueToday(g, last, clock.instant()).forEach(d -> b.append('\n').append(line(d)));
      }
      return Optional.of(Decision.reply(name(), m, b.length() == 0 ? "今天没有到期的走访 👍" : "今日走访：" + b));
    });
  }

  /** 王桂英（独居老人，和平小区3号楼2单元401）上次走访 11-19 / 从未走访. */
  public static String line(Visits.Due d) {
    CareTarget t = d.target();
    return t.name() + "（" + Visits.group(t.group()) + "，" + t.address() + "）"
        + (d.last() == null ? "从未走访" : "上次走访 " + Tickets.when(d.last()));
  }

  private boolean responsible(List<StaffRole> roles, CareTarget t) {
    String community = directory.grid(t.gridId()).map(g -> g.communityId()).orElse(null);
    return roles.stream().anyMatch(r -> (r.scope() == Directory.Scope.GRID && r.placeId().equals(t.gridId()))
        || (r.scope() == Directory.Scope.COMMUNITY && r.placeId().equals(community)));
  }

  private static Future<Optional<Decision>> done(Decision d) {
    return Future.succeededFuture(Optional.of(d));
  }
}
