package cn.gridbot.handlers.ticket;

import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.directory.Person;
import cn.gridbot.handlers.routing.Routing;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.time.SlaPolicy;
import cn.gridbot.handlers.understanding.Place;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ticket rules in one place: opening a ticket from a routed report, legal transitions with their
 * history events, and the messages that tell staff and residents. Pure; uses the clock given.
 */
public final class Tickets {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZONE);

  private final Directory directory;
  private final Clock clock;
  private final SlaPolicy sla;

  public Tickets(Directory directory, Clock clock, SlaPolicy sla) {
    this.directory = directory;
    this.clock = clock;
    this.sla = sla;
  }

  public SlaPolicy sla() {
    return sla;
  }

  /** The accept and resolve windows that apply to a ticket. */
  public SlaPolicy.Limits limits(Ticket t) {
    return sla.limits(t.priority(), t.category(), t.communityId());
  }

  public Directory directory() {
    return directory;
  }

  public Instant now() {
    return clock.instant();
  }

  /** A new ticket, assigned at once when it has assignees. */
  public TicketChange open(String id, Category category, boolean emergency, Routing routing,
      Place place, ResidentRef resident, String text, String channel) {
    Instant now = now();
    Priority p = routing.priority() != null ? routing.priority() : Priority.P3;
    TicketStatus status = routing.assignees().isEmpty() ? TicketStatus.NEW : TicketStatus.ASSIGNED;
    Ticket t = new Ticket(id, 1, status, category, p, emergency, place, Texts.describe(directory, place),
        routing.gridId(), routing.communityId(), routing.department(), routing.assignees(), resident,
        Texts.maskPhones(text), now, now, sla.acceptBy(now, p, category, routing.communityId()),
        sla.resolveBy(now, p, category, routing.communityId()), 0, null, false, List.of(), List.of(), null);
    return new TicketChange(t, null, 0, new TicketEvent(now, "resident:" + resident.senderId(), "report",
        channel, null, status, null));
  }

  /** A change of status, or a refusal that says why. */
  public Outcome move(Ticket t, TicketStatus to, String actor, String action, String channel, String note) {
    if (!t.status().canBecome(to)) {
      return Outcome.refused("工单" + t.ref() + "当前状态为「" + t.status().chinese() + "」，不能" + action + "。");
    }
    Ticket after = t.withStatus(to, now());
    return Outcome.of(new TicketChange(after, t.status(), t.version(),
        new TicketEvent(now(), actor, action, channel, t.status(), to, note)));
  }

  /** A change that keeps the status (a note, a follower, new assignees), recorded in history. */
  public TicketChange amend(Ticket before, Ticket after, String actor, String action, String channel, String note) {
    return new TicketChange(after, before.status(), before.version(),
        new TicketEvent(now(), actor, action, channel, before.status(), after.status(), note));
  }

  /** The assignment pushed into the grid's staff group, with @mentions of the assignees. */
  public Outgoing.GroupPush assignment(Ticket t, String groupId, String heading) {
    StringBuilder b = new StringBuilder();
    b.append(t.emergency() ? "【紧急工单 " : "【" + heading + " ").append(t.ref()).append("】")
        .append(t.priority()).append(" ").append(t.category().chinese()).append('\n');
    b.append("地点：").append(t.placeLabel().isEmpty() ? "未提供" : t.placeLabel());
    if (t.gridId() != null) {
      directory.grid(t.gridId()).ifPresent(g -> b.append("（").append(g.name()).append("）"));
    }
    b.append('\n').append("居民反映：「").append(t.text()).append("」\n");
    b.append("请在 ").append(WHEN.format(t.acceptBy())).append(" 前接单，")
        .append(WHEN.format(t.resolveBy())).append(" 前办结。\n");
    b.append("回复「接单 ").append(t.ref()).append("」接单，「办结 ").append(t.ref()).append(" 处理说明」办结。");
    List<Person> mentions = mentions(t.assignees());
    if (!mentions.isEmpty()) {
      b.append('\n');
      mentions.forEach(p -> b.append('@').append(p.name()).append(' '));
    }
    return new Outgoing.GroupPush(groupId, b.toString().strip(), mentions,
        t.emergency() ? Outgoing.Lane.EMERGENCY : Outgoing.Lane.INTERACTIVE);
  }

  /** Distinct people of a member list, in order. */
  public static List<Person> mentions(List<Member> members) {
    Map<String, Person> unique = new LinkedHashMap<>();
    members.forEach(m -> unique.putIfAbsent(m.person().mobile(), m.person()));
    return List.copyOf(unique.values());
  }

  /** Names with roles, e.g. 网格员张伟、楼栋长杨阿姨. */
  public static String who(List<Member> members) {
    StringBuilder b = new StringBuilder();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (Member m : members) {
      if (seen.putIfAbsent(m.person().mobile(), true) != null) {
        continue;
      }
      if (b.length() > 0) {
        b.append('、');
      }
      b.append(m.fallback() ? "网格长" : m.role().chinese()).append(m.person().name());
    }
    return b.toString();
  }

  /** 30分钟, 2小时, 3天. */
  public static String human(Duration d) {
    if (d.toDays() >= 1 && d.toHours() % 24 == 0) {
      return d.toDays() + "天";
    }
    if (d.toHours() >= 1 && d.toMinutes() % 60 == 0) {
      return d.toHours() + "小时";
    }
    return d.toMinutes() + "分钟";
  }

  public static String when(Instant at) {
    return WHEN.format(at);
  }

  /** The status line residents see for one of their tickets. */
  public static String line(Ticket t) {
    return t.ref() + " " + t.category().chinese() + "｜" + t.status().chinese()
        + (t.placeLabel().isEmpty() ? "" : "｜" + t.placeLabel());
  }

  /** A change, or a refusal with its reason. */
  public record Outcome(Optional<TicketChange> change, String refusal) {
    static Outcome of(TicketChange c) {
      return new Outcome(Optional.of(c), null);
    }

    static Outcome refused(String reason) {
      return new Outcome(Optional.empty(), reason);
    }
  }
}
