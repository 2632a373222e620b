package cn.gridbot.handlers.time;

import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.CareTarget;
import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.directory.Person;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.Tickets;
import cn.gridbot.handlers.visit.VisitCommands;
import cn.gridbot.handlers.visit.Visits;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The messages the scheduler sends: the daily patrol reminder and overdue-visit alerts. Pure. */
public final class Reminders {
  private final Directory directory;
  private final Visits visits;

  public Reminders(Directory directory) {
    this.directory = directory;
    this.visits = new Visits(directory, Tickets.ZONE);
  }

  /**
   * 每天巡查: the day's focus, the grid's open tickets by priority with deadlines, the visits due
   * today, pushed into the grid's staff group @mentioning the grid chief and grid workers.
   */
  public Decision patrol(Grid grid, List<String> focus, List<Ticket> open, Map<String, Instant> lastVisits, Instant now) {
    StringBuilder b = new StringBuilder();
    b.append("【每日巡查 ").append(LocalDate.ofInstant(now, Tickets.ZONE)).append("】").append(grid.name()).append('\n');
    if (!focus.isEmpty()) {
      b.append("今日重点：").append(String.join("、", focus)).append('\n');
    }
    List<Ticket> sorted = new ArrayList<>(open);
    sorted.sort(Comparator.comparing((Ticket t) -> t.priority()).thenComparing(Ticket::resolveBy));
    b.append("待办工单（").append(sorted.size()).append("）");
    for (Ticket t : sorted) {
      boolean late = now.isAfter(t.waitingForAccept() ? t.acceptBy() : t.resolveBy());
      b.append("\n· ").append(t.priority()).append(' ').append(t.ref()).append(' ').append(t.category().chinese())
          .append(' ').append(t.placeLabel()).append("｜").append(t.status().chinese()).append("｜截止 ")
          .append(Tickets.when(t.waitingForAccept() ? t.acceptBy() : t.resolveBy())).append(late ? " ⚠️已超时" : "");
    }
    List<Visits.Due> due = visits.dueToday(grid.id(), lastVisits, now);
    b.append("\n今日走访（").append(due.size()).append("）");
    due.forEach(d -> b.append("\n· ").append(VisitCommands.line(d)));
    b.append("\n走访后回复「走访 姓名 情况」记录。");
    List<Person> mentions = new ArrayList<>();
    mentions.add(grid.chief());
    mentions.addAll(grid.workers());
    StringBuilder at = new StringBuilder();
    mentions.forEach(p -> at.append(" @").append(p.name()));
    return Decision.by("patrol").send(new Outgoing.GroupPush(directory.groups().ofGrid(grid.id()),
        b + "\n" + at.toString().strip(), mentions, Outgoing.Lane.REMINDER)).build();
  }

  /** An overdue visit alert: level 1 to the grid chief, level 2 to the community secretary. */
  public Decision overdueVisit(CareTarget t, Visits.Due due, int level, Instant now) {
    Grid grid = directory.grid(t.gridId()).orElseThrow();
    Community c = directory.communityOf(grid);
    long days = Math.max(1, Duration.between(due.due(), now).toDays());
    String text = "【走访逾期】" + VisitCommands.line(due) + "，已超期" + (due.last() == null ? "（从未走访）" : days + "天")
        + "，请尽快安排走访。";
    if (level == 1) {
      return Decision.by("visits").send(new Outgoing.GroupPush(directory.groups().ofGrid(grid.id()),
          text + " @" + grid.chief().name(), List.of(grid.chief()), Outgoing.Lane.REMINDER)).build();
    }
    List<Person> secretary = c.staff(Role.COMMUNITY_SECRETARY).map(List::of).orElse(List.of());
    return Decision.by("visits").send(new Outgoing.GroupPush(directory.groups().ofCommunity(c.id()),
        text + "（" + grid.name() + "）" + (secretary.isEmpty() ? "" : " @" + secretary.get(0).name()), secretary,
        Outgoing.Lane.REMINDER)).build();
  }

  public Visits visits() {
    return visits;
  }
}
