package cn.gridbot.bot.ops;

import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.understanding.Place;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The admin API's JSON of tickets and history events: ids with their Chinese names, ISO times,
 * the current deadline and whether it passed. Mobiles are masked; the resident's platform id is
 * not shown (the console has no use for it).
 */
final class TicketJson {
  private TicketJson() {}

  /** Waiting for someone to accept: the accept-by deadline applies, else resolve-by. */
  static boolean waitingForAccept(Ticket t) {
    return t.status() == TicketStatus.NEW || t.status() == TicketStatus.ASSIGNED
        || t.status() == TicketStatus.REOPENED || t.status() == TicketStatus.RETURNED;
  }

  /** The deadline that applies now, or null when nobody has to act any more. */
  static Instant due(Ticket t) {
    if (!t.status().isOpen()) {
      return null;
    }
    return waitingForAccept(t) ? t.acceptBy() : t.resolveBy();
  }

  static boolean overdue(Ticket t, Instant now) {
    Instant due = due(t);
    return due != null && now.isAfter(due);
  }

  static JsonObject ticket(Ticket t, Directory dir, Instant now) {
    JsonArray assignees = new JsonArray();
    for (Member m : t.assignees()) {
      assignees.add(new JsonObject().put("role", m.role().id()).put("roleName", m.fallback() ? "网格长" : m.role().chinese())
          .put("name", m.person().name()).put("mobile", m.person().maskedMobile()));
    }
    Instant due = due(t);
    Place p = t.place() == null ? Place.NONE : t.place();
    return new JsonObject()
        .put("id", t.id())
        .put("version", t.version())
        .put("status", t.status().name())
        .put("statusName", t.status().chinese())
        .put("category", t.category().id())
        .put("categoryName", t.category().chinese())
        .put("priority", t.priority().name())
        .put("emergency", t.emergency())
        .put("place", new JsonObject().put("compound", p.compoundId()).put("building", p.building())
            .put("unit", p.unit()).put("room", p.room()).put("segment", p.segmentId()))
        .put("placeLabel", t.placeLabel())
        .put("grid", t.gridId())
        .put("gridName", t.gridId() == null ? null : dir.grid(t.gridId()).map(Grid::name).orElse(null))
        .put("community", t.communityId())
        .put("communityName", t.communityId() == null ? null
            : dir.community(t.communityId()).map(c -> c.name()).orElse(null))
        .put("department", t.department() == null ? null : t.department().id())
        .put("departmentName", t.department() == null ? null : dir.departmentName(t.department()))
        .put("assignees", assignees)
        .put("channel", t.resident().platform())
        .put("text", t.text())
        .put("createdAt", t.createdAt().toString())
        .put("updatedAt", t.updatedAt().toString())
        .put("acceptBy", t.acceptBy().toString())
        .put("resolveBy", t.resolveBy().toString())
        .put("due", due == null ? null : due.toString())
        .put("overdue", overdue(t, now))
        .put("level", t.level())
        .put("followers", t.followers().size())
        .put("attachments", new JsonArray(t.attachments()))
        .put("mergedInto", t.mergedInto());
  }

  static JsonObject event(TicketEvent e) {
    return new JsonObject().put("at", e.at().toString()).put("actor", e.actor()).put("action", e.action())
        .put("channel", e.channel()).put("from", e.from() == null ? null : e.from().name())
        .put("to", e.to() == null ? null : e.to().name()).put("note", e.note());
  }
}
