package cn.gridbot.handlers.time;

import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Person;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketChange;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.Tickets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deadlines and escalation ("琐事不出网格、小事不出社区、大事不出街道"): when a ticket's next step
 * is due, the reminder shortly before it, and the step itself — grid → community secretary's group
 * → street command centre, which blows the whistle (吹哨) for the category's department, which must
 * report (报到) in time or the miss is escalated again and counted. Pure; one step per call, so each
 * level is reached once (the ticket's version guards the write).
 */
public final class Escalation {
  /** Highest level: the department missed its report time. */
  public static final int DEPARTMENT_MISSED = 3;
  private final Tickets tickets;
  private final Directory directory;

  public Escalation(Tickets tickets) {
    this.tickets = tickets;
    this.directory = tickets.directory();
  }

  /**
   * When the next escalation step is due, or empty when nothing more will happen (resolved,
   * terminal, or the last level reached). The accept deadline runs while nobody has accepted; the
   * resolve deadline once someone has. Each level adds one accept window, and has at least one
   * window (at street level: the department's report time) from when it was reached.
   */
  public Optional<Instant> nextStep(Ticket t) {
    if (!t.status().isOpen() || t.level() >= DEPARTMENT_MISSED
        || (t.level() == 2 && (t.departmentReported() || t.department() == null))) {
      return Optional.empty();
    }
    Instant base = t.waitingForAccept() ? t.acceptBy() : t.resolveBy();
    Duration step = tickets.limits(t).accept();
    Instant due = tickets.sla().plus(base, step.multipliedBy(t.level()), t.priority());
    if (t.escalatedAt() != null) {
      // Every level, also one reached by hand, gets its own time: a step, or the department's limit.
      Duration own = t.level() == 2 ? tickets.sla().departmentReport() : step;
      Instant earliest = t.escalatedAt().plus(own);
      due = due.isAfter(earliest) ? due : earliest;
    }
    return Optional.of(due);
  }

  /** When the assignees are reminded before the first deadline (grid level only). */
  public Optional<Instant> reminderAt(Ticket t) {
    if (t.level() != 0) {
      return Optional.empty();
    }
    return nextStep(t).map(due -> {
      Duration window = t.waitingForAccept() ? tickets.limits(t).accept() : tickets.limits(t).resolve();
      return due.minus(Duration.ofMillis((long) (window.toMillis() * (1 - tickets.sla().remindAt()))));
    });
  }

  /** The reminder pushed into the grid group, @mentioning the assignees. */
  public Decision remind(Ticket t) {
    Instant due = nextStep(t).orElseThrow();
    String what = t.waitingForAccept() ? "接单" : "办结";
    String group = t.gridId() != null ? directory.groups().ofGrid(t.gridId()) : directory.groups().ofCommunity(t.communityId());
    List<Person> mentions = Tickets.mentions(t.assignees());
    return Decision.by("deadline").send(new Outgoing.GroupPush(group,
        "⏰ 工单 " + t.ref() + "（" + t.priority() + " " + t.category().chinese() + "，" + t.placeLabel() + "）将于 "
            + Tickets.when(due) + " 到" + what + "时限，请尽快" + what + "。" + at(mentions),
        mentions, Outgoing.Lane.REMINDER)).build();
  }

  /** The step due for a ticket at {@code now}, or empty when none is due. */
  public Optional<Decision> step(Ticket t, Instant now) {
    Optional<Instant> due = nextStep(t);
    if (due.isEmpty() || now.isBefore(due.get())) {
      return Optional.empty();
    }
    Community c = directory.community(t.communityId()).orElse(null);
    if (c == null) {
      return Optional.empty();
    }
    String overdue = t.waitingForAccept() ? "超时未接单" : "超时未办结";
    Decision.Builder d = Decision.by("escalation");
    String summary = t.ref() + " " + t.priority() + " " + t.category().chinese() + "，"
        + (t.placeLabel().isEmpty() ? "地点未知" : t.placeLabel()) + "，「" + t.text() + "」";
    switch (t.level()) {
      case 0 -> {
        List<Person> secretary = c.staff(Role.COMMUNITY_SECRETARY).map(List::of).orElse(List.of());
        d.ticket(change(t, 1, now, "升级到社区", overdue));
        d.send(new Outgoing.GroupPush(directory.groups().ofCommunity(c.id()), "【超时督办·社区】" + summary + "\n"
            + overdue + "，请社区协调（可「转派 " + t.ref() + " …」）。" + at(secretary), secretary, Outgoing.Lane.INTERACTIVE));
      }
      case 1 -> {
        Person commander = directory.streetOf(c).commander();
        d.ticket(change(t, 2, now, "升级到街道并吹哨", overdue));
        d.send(new Outgoing.GroupPush(directory.groups().ofStreet(c.streetId()), "【超时督办·街道】" + summary + "\n"
            + overdue + "，街道指挥中心吹哨" + (t.department() == null ? "。" : "，已通知" + directory.departmentName(t.department()) + "报到。")
            + " @" + commander.name(), List.of(commander), Outgoing.Lane.INTERACTIVE));
        if (t.department() != null) {
          d.send(new Outgoing.GroupPush(directory.groups().ofDepartment(t.department()), "【街长吹哨 " + t.ref() + "】"
              + summary + "\n请" + directory.departmentName(t.department()) + "在 "
              + Tickets.when(now.plus(tickets.sla().departmentReport())) + " 前报到：回复「报到 " + t.ref() + "」。",
              List.of(), Outgoing.Lane.INTERACTIVE));
        }
      }
      case 2 -> {
        Person commander = directory.streetOf(c).commander();
        d.ticket(change(t, DEPARTMENT_MISSED, now, "部门未按时报到", directory.departmentName(t.department())));
        d.send(new Outgoing.GroupPush(directory.groups().ofStreet(c.streetId()), "【部门未报到】" + summary + "\n"
            + directory.departmentName(t.department()) + "未在时限内报到，已记录。@" + commander.name(),
            List.of(commander), Outgoing.Lane.INTERACTIVE));
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(d.build());
  }

  private TicketChange change(Ticket t, int level, Instant now, String action, String note) {
    return new TicketChange(t.withLevel(level, now), t.status(), t.version(),
        new TicketEvent(now, "system:deadline", action, "scheduler", t.status(), t.status(), note));
  }

  private static String at(List<Person> people) {
    StringBuilder b = new StringBuilder();
    people.forEach(p -> b.append(" @").append(p.name()));
    return b.toString();
  }
}
