package cn.gridbot.bot.store;

import cn.gridbot.handlers.conversation.PendingQuestion;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.directory.Person;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.understanding.Place;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stored JSON shapes of tickets, history events, places and questions (documented in the README). */
final class Json {
  private Json() {}

  static JsonObject place(Place p) {
    if (p == null) {
      return null;
    }
    return new JsonObject().put("compound", p.compoundId()).put("building", p.building())
        .put("unit", p.unit()).put("room", p.room()).put("segment", p.segmentId());
  }

  static Place place(JsonObject o) {
    if (o == null) {
      return Place.NONE;
    }
    return new Place(o.getString("compound"), o.getInteger("building"), o.getInteger("unit"),
        o.getString("room"), o.getString("segment"));
  }

  static JsonObject resident(ResidentRef r) {
    return new JsonObject().put("platform", r.platform()).put("channel", r.channelId())
        .put("conversation", r.conversationId()).put("sender", r.senderId());
  }

  static ResidentRef resident(JsonObject o) {
    return new ResidentRef(o.getString("platform"), o.getString("channel"), o.getString("conversation"),
        o.getString("sender"));
  }

  static JsonObject ticket(Ticket t) {
    JsonArray assignees = new JsonArray();
    t.assignees().forEach(m -> assignees.add(new JsonObject().put("role", m.role().id())
        .put("name", m.person().name()).put("mobile", m.person().mobile()).put("fallback", m.fallback())));
    JsonArray followers = new JsonArray();
    t.followers().forEach(f -> followers.add(resident(f)));
    return new JsonObject().put("id", t.id()).put("version", t.version()).put("status", t.status().name())
        .put("category", t.category().id()).put("priority", t.priority().name()).put("emergency", t.emergency())
        .put("place", place(t.place())).put("placeLabel", t.placeLabel()).put("grid", t.gridId())
        .put("community", t.communityId()).put("department", t.department() == null ? null : t.department().id())
        .put("assignees", assignees).put("resident", resident(t.resident())).put("text", t.text())
        .put("createdAt", t.createdAt().toEpochMilli()).put("updatedAt", t.updatedAt().toEpochMilli())
        .put("acceptBy", t.acceptBy().toEpochMilli()).put("resolveBy", t.resolveBy().toEpochMilli())
        .put("level", t.level())
        .put("escalatedAt", t.escalatedAt() == null ? null : t.escalatedAt().toEpochMilli()).put("departmentReported", t.departmentReported()).put("followers", followers).put("attachments", new JsonArray(t.attachments()))
        .put("mergedInto", t.mergedInto());
  }

  static Ticket ticket(JsonObject o) {
    List<Member> assignees = new ArrayList<>();
    o.getJsonArray("assignees").forEach(x -> {
      JsonObject a = (JsonObject) x;
      assignees.add(new Member(Role.byId(a.getString("role")).orElseThrow(),
          new Person(a.getString("name"), a.getString("mobile")), a.getBoolean("fallback", false)));
    });
    List<ResidentRef> followers = new ArrayList<>();
    o.getJsonArray("followers").forEach(x -> followers.add(resident((JsonObject) x)));
    List<String> attachments = new ArrayList<>();
    o.getJsonArray("attachments").forEach(x -> attachments.add((String) x));
    String dept = o.getString("department");
    return new Ticket(o.getString("id"), o.getLong("version"), TicketStatus.valueOf(o.getString("status")),
        Category.byId(o.getString("category")).orElseThrow(), Priority.valueOf(o.getString("priority")),
        o.getBoolean("emergency"), place(o.getJsonObject("place")), o.getString("placeLabel"), o.getString("grid"),
        o.getString("community"), dept == null ? null : Department.byId(dept).orElseThrow(), assignees,
        resident(o.getJsonObject("resident")), o.getString("text"), Instant.ofEpochMilli(o.getLong("createdAt")),
        Instant.ofEpochMilli(o.getLong("updatedAt")), Instant.ofEpochMilli(o.getLong("acceptBy")),
        Instant.ofEpochMilli(o.getLong("resolveBy")), o.getInteger("level"),
        o.getLong("escalatedAt") == null ? null : Instant.ofEpochMilli(o.getLong("escalatedAt")),
        o.getBoolean("departmentReported", false), followers, attachments,
        o.getString("mergedInto"));
  }

  static JsonObject event(TicketEvent e) {
    return new JsonObject().put("at", e.at().toEpochMilli()).put("actor", e.actor()).put("action", e.action())
        .put("channel", e.channel()).put("from", e.from() == null ? null : e.from().name())
        .put("to", e.to() == null ? null : e.to().name()).put("note", e.note());
  }

  static TicketEvent event(JsonObject o) {
    return new TicketEvent(Instant.ofEpochMilli(o.getLong("at")), o.getString("actor"), o.getString("action"),
        o.getString("channel"), o.getString("from") == null ? null : TicketStatus.valueOf(o.getString("from")),
        o.getString("to") == null ? null : TicketStatus.valueOf(o.getString("to")), o.getString("note"));
  }

  static JsonObject question(PendingQuestion q) {
    JsonArray choices = new JsonArray();
    q.choices().forEach(c -> choices.add(c.id()));
    return new JsonObject().put("kind", q.kind().name()).put("resident", resident(q.resident()))
        .put("text", q.text()).put("category", q.category() == null ? null : q.category().id())
        .put("choices", choices).put("emergency", q.emergency()).put("attempts", q.attempts())
        .put("askedAt", q.askedAt().toEpochMilli()).put("expiresAt", q.expiresAt().toEpochMilli());
  }

  static PendingQuestion question(JsonObject o) {
    List<Category> choices = new ArrayList<>();
    o.getJsonArray("choices").forEach(c -> choices.add(Category.byId((String) c).orElseThrow()));
    String cat = o.getString("category");
    return new PendingQuestion(PendingQuestion.Kind.valueOf(o.getString("kind")), resident(o.getJsonObject("resident")),
        o.getString("text"), cat == null ? null : Category.byId(cat).orElseThrow(), choices, o.getBoolean("emergency"),
        o.getInteger("attempts"), Instant.ofEpochMilli(o.getLong("askedAt")), Instant.ofEpochMilli(o.getLong("expiresAt")));
  }
}
