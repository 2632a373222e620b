package cn.gridbot.bot.ops;

import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.ticket.Tickets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The district view: tickets per grid and per category (total, open, overdue) and the daily mean
 * time to resolve. Time to resolve is measured from creation to the ticket's last update for
 * resolved and closed tickets (for a closed ticket that includes the resident's answer).
 */
final class Stats {
  private Stats() {}

  static JsonObject of(List<Ticket> tickets, Directory dir, Instant now, int days) {
    Map<String, int[]> byGrid = new LinkedHashMap<>();
    dir.grids().forEach(g -> byGrid.put(g.id(), new int[3]));
    Map<String, int[]> byCategory = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      byCategory.put(c.id(), new int[3]);
    }
    LocalDate today = LocalDate.ofInstant(now, Tickets.ZONE);
    Map<LocalDate, double[]> trend = new LinkedHashMap<>();
    for (int i = days - 1; i >= 0; i--) {
      trend.put(today.minusDays(i), new double[2]);
    }
    for (Ticket t : tickets) {
      count(byGrid.computeIfAbsent(t.gridId() == null ? "-" : t.gridId(), k -> new int[3]), t, now);
      count(byCategory.computeIfAbsent(t.category().id(), k -> new int[3]), t, now);
      if (t.status() == TicketStatus.RESOLVED || t.status() == TicketStatus.CLOSED) {
        double[] day = trend.get(LocalDate.ofInstant(t.updatedAt(), Tickets.ZONE));
        if (day != null) {
          day[0] += Duration.between(t.createdAt(), t.updatedAt()).toSeconds() / 3600.0;
          day[1]++;
        }
      }
    }
    JsonArray grids = new JsonArray();
    byGrid.forEach((id, n) -> grids.add(row(id, id.equals("-") ? "未定网格"
        : dir.grid(id).map(Grid::name).orElse(id), n)));
    JsonArray cats = new JsonArray();
    byCategory.forEach((id, n) -> {
      if (n[0] > 0) {
        cats.add(row(id, Category.byId(id).map(Category::chinese).orElse(id), n));
      }
    });
    JsonArray days_ = new JsonArray();
    trend.forEach((d, v) -> days_.add(new JsonObject().put("day", d.toString()).put("resolved", (int) v[1])
        .put("meanHours", v[1] == 0 ? null : Math.round(v[0] / v[1] * 10) / 10.0)));
    long open = tickets.stream().filter(t -> t.status().isOpen()).count();
    long overdue = tickets.stream().filter(t -> TicketJson.overdue(t, now)).count();
    return new JsonObject().put("total", tickets.size()).put("open", open).put("overdue", overdue)
        .put("byGrid", grids).put("byCategory", cats).put("trend", days_);
  }

  private static void count(int[] n, Ticket t, Instant now) {
    n[0]++;
    if (t.status().isOpen()) {
      n[1]++;
    }
    if (TicketJson.overdue(t, now)) {
      n[2]++;
    }
  }

  private static JsonObject row(String id, String name, int[] n) {
    return new JsonObject().put("id", id).put("name", name).put("total", n[0]).put("open", n[1]).put("overdue", n[2]);
  }
}
