package cn.gridbot.bot.ops;

import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.bot.store.RedisTickets;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.routing.Routing;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketChange;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.Tickets;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.handlers.understanding.ScoredCategory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): service list, service requests
 * (filtered), one request, and POSTing a new one with an {@code api_key}, in JSON or XML.
 *
 * <p>A POSTed request opens a ticket directly through the ticket rules ({@link Tickets#open},
 * the router, the assignment push) rather than entering the chat inbox: the Open311 client has
 * chosen the category already (service_code) and cannot answer the bot's follow-up questions,
 * and it needs the {@code service_request_id} in the response.
 */
final class Open311 {
  private static final Logger LOG = LoggerFactory.getLogger(Open311.class);
  static final String PLATFORM = "open311";

  private final ApiConfig config;
  private final Desk desk;
  private final Directory dir;
  private final RedisTickets tickets;
  private final TicketQuery query;
  private final DecisionWriter writer;
  private final AuditLog audit;

  Open311(ApiConfig config, Desk desk, RedisTickets tickets, TicketQuery query, DecisionWriter writer, AuditLog audit) {
    this.config = config;
    this.desk = desk;
    this.dir = desk.directory();
    this.tickets = tickets;
    this.query = query;
    this.writer = writer;
    this.audit = audit;
  }

  static List<Category> services() {
    return Arrays.stream(Category.values()).filter(c -> c != Category.OTHER).toList();
  }

  private String group(Category c) {
    return c.department().map(dir::departmentName).orElse("社区服务");
  }

  void services(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    for (Category c : services()) {
      out.add(new JsonObject().put("service_code", c.id()).put("service_name", c.chinese())
          .put("description", c.chinese() + (c.needsPlace() ? "（需要地点）" : "")).put("metadata", false)
          .put("type", "realtime").put("keywords", c.id().replace('_', ',')).put("group", group(c)));
    }
    Open311Format.send(ctx, "services", "service", out);
  }

  void requests(RoutingContext ctx) {
    var q = ctx.queryParams();
    Set<String> codes = q.get("service_code") == null ? Set.of() : Set.of(q.get("service_code").split(","));
    Set<String> ids = q.get("service_request_id") == null ? Set.of()
        : Arrays.stream(q.get("service_request_id").split(",")).map(String::toUpperCase).collect(Collectors.toSet());
    String status = q.get("status");
    if (status != null && !status.equals("open") && !status.equals("closed")) {
      throw HttpFailure.badPayload("status: open or closed");
    }
    Instant end = q.get("end_date") == null ? Instant.now() : instant("end_date", q.get("end_date"));
    Instant start = q.get("start_date") == null ? end.minus(java.time.Duration.ofDays(90))
        : instant("start_date", q.get("start_date"));
    query.all(List.of()).compose(all -> {
      List<Ticket> keep = all.stream()
          .filter(t -> ids.isEmpty() || ids.contains(t.id()))
          .filter(t -> !ids.isEmpty() || (!t.createdAt().isBefore(start) && !t.createdAt().isAfter(end)))
          .filter(t -> codes.isEmpty() || codes.contains(t.category().id()))
          .filter(t -> status == null || status.equals(t.status().isOpen() ? "open" : "closed"))
          .limit(1000).toList();
      return render(keep);
    }).onSuccess(arr -> Open311Format.send(ctx, "service_requests", "request", arr)).onFailure(ctx::fail);
  }

  void request(RoutingContext ctx) {
    String id = ctx.pathParam("id").toUpperCase();
    tickets.get(id).compose(t -> t.isEmpty()
        ? Future.<JsonArray>failedFuture(HttpFailure.notFound("no service request " + id))
        : render(List.of(t.get())))
        .onSuccess(arr -> Open311Format.send(ctx, "service_requests", "request", arr)).onFailure(ctx::fail);
  }

  private static Instant instant(String field, String v) {
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(v).atStartOfDay(Tickets.ZONE).toInstant();
      } catch (DateTimeParseException e2) {
        throw HttpFailure.badPayload(field + ": ISO 8601, e.g. 2026-11-26T08:00:00+08:00");
      }
    }
  }

  static String time(Instant t) {
    return t == null ? null : OffsetDateTime.ofInstant(t, Tickets.ZONE).withNano(0).toString();
  }

  private Future<JsonArray> render(List<Ticket> list) {
    List<Future<List<TicketEvent>>> histories = list.stream().map(t -> tickets.history(t.id())).toList();
    return Future.all(histories).map(v -> {
      JsonArray out = new JsonArray();
      for (int i = 0; i < list.size(); i++) {
        out.add(request(list.get(i), histories.get(i).result()));
      }
      return out;
    });
  }

  JsonObject request(Ticket t, List<TicketEvent> history) {
    String notes = t.status().chinese();
    if (t.mergedInto() != null) {
      notes += "：已并入 " + t.mergedInto();
    } else if (!history.isEmpty() && history.get(history.size() - 1).note() != null) {
      TicketEvent last = history.get(history.size() - 1);
      notes += "：" + last.action() + " " + last.note();
    }
    String agency;
    if (t.level() >= 2 && t.department() != null) {
      agency = dir.departmentName(t.department());
    } else if (t.gridId() != null) {
      agency = dir.grid(t.gridId()).map(Grid::name).orElse(t.gridId());
    } else {
      agency = t.communityId() == null ? dir.districtName() : dir.community(t.communityId()).map(Community::name).orElse("");
    }
    return new JsonObject().put("service_request_id", t.id())
        .put("status", t.status().isOpen() ? "open" : "closed")
        .put("status_notes", notes)
        .put("service_name", t.category().chinese())
        .put("service_code", t.category().id())
        .put("description", t.text())
        .put("agency_responsible", agency)
        .put("service_notice", "优先级 " + t.priority().name() + (t.emergency() ? "（紧急）" : ""))
        .put("requested_datetime", time(t.createdAt()))
        .put("updated_datetime", time(t.updatedAt()))
        .put("expected_datetime", t.status().isOpen() ? time(t.resolveBy()) : null)
        .put("address", t.placeLabel().isEmpty() ? null : t.placeLabel())
        .put("address_id", t.place() == null ? null : cn.gridbot.handlers.ticket.Texts.placeKey(t.place()))
        .put("zipcode", null).put("lat", null).put("long", null)
        .put("media_url", t.attachments().isEmpty() ? null : t.attachments().get(0));
  }

  // --- POST --------------------------------------------------------------------------------

  void create(RoutingContext ctx) {
    var form = ctx.request().formAttributes();
    JsonObject json = null;
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && type.startsWith("application/json") && ctx.body() != null && !ctx.body().isEmpty()) {
      try {
        json = ctx.body().asJsonObject();
      } catch (RuntimeException e) {
        throw HttpFailure.badPayload("body is not a JSON object");
      }
    }
    JsonObject j = json;
    java.util.function.Function<String, String> field = k -> {
      String v = j != null ? (j.getValue(k) == null ? null : String.valueOf(j.getValue(k))) : form.get(k);
      return v == null || v.isBlank() ? null : v.strip();
    };
    String key = field.apply("api_key");
    if (key == null) {
      throw new HttpFailure(403, "api_key: required");
    }
    Optional<String> keyId = config.open311KeyId(ApiConfig.sha256(key));
    if (keyId.isEmpty()) {
      throw new HttpFailure(403, "api_key: not valid");
    }
    String code = field.apply("service_code");
    if (code == null) {
      throw HttpFailure.badPayload("service_code: required");
    }
    Category category = Category.byId(code).filter(c -> c != Category.OTHER)
        .orElseThrow(() -> HttpFailure.badPayload("service_code: unknown, see services.json"));
    String description = field.apply("description");
    String address = field.apply("address_string");
    if (address == null && field.apply("lat") == null && field.apply("address_id") == null) {
      throw HttpFailure.badPayload("address_string: a location is required (address_string, address_id or lat/long)");
    }
    if (description != null && description.length() > 2000) {
      throw HttpFailure.badPayload("description: at most 2000 characters");
    }
    String text = ((description == null ? "" : description) + (address == null ? "" : " " + address)).strip();
    if (text.isEmpty()) {
      throw HttpFailure.badPayload("description: required when only lat/long are given");
    }
    String account = Optional.ofNullable(field.apply("account_id")).orElse(Optional.ofNullable(field.apply("device_id"))
        .orElse("anonymous"));
    if (account.length() > 64) {
      throw HttpFailure.badPayload("account_id: at most 64 characters");
    }
    Reading read = desk.understanding().read(text);
    double p = read.ranked().stream().filter(s -> s.category() == category)
        .mapToDouble(ScoredCategory::probability).findFirst().orElse(1.0);
    Reading reading = new Reading(new ScoredCategory(category, p), read.ranked(), read.emergency(), read.place(),
        read.atHome());
    Routing routing = desk.triage().route(reading, reading.place(), text);
    if (routing.gridId() == null) {
      if (routing.communityId() == null) {
        throw HttpFailure.badPayload("address_string: does not name a place of " + dir.districtName()
            + " (write the compound and building, or the street)");
      }
      Community c = dir.community(routing.communityId()).orElseThrow();
      List<Member> people = new ArrayList<>();
      c.staff(Role.SERVICE_DESK).ifPresent(s -> people.add(new Member(Role.SERVICE_DESK, s, false)));
      routing = new Routing(routing.priority(), null, c.id(), false, people, routing.department());
    }
    Routing route = routing;
    ResidentRef resident = new ResidentRef(PLATFORM, keyId.get(), account, account);
    String from = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    tickets.nextId().compose(id -> {
      TicketChange created = desk.tickets().open(id, category, reading.emergency(), route, reading.place(),
          resident, text, PLATFORM);
      Ticket t = created.after();
      Decision.Builder d = Decision.by("open311").ticket(created);
      if (t.gridId() != null) {
        d.send(desk.tickets().assignment(t, dir.groups().ofGrid(t.gridId()), "新工单"));
      } else {
        d.send(desk.tickets().assignment(t, dir.groups().ofCommunity(t.communityId()), "待分拨工单"));
      }
      if (t.emergency() && t.communityId() != null) {
        dir.community(t.communityId()).ifPresent(c -> d.send(new Outgoing.GroupPush(dir.groups().ofStreet(c.streetId()),
            "【紧急情况通报】" + t.ref() + " " + t.category().chinese() + "，地点：" + t.placeLabel() + "。「" + t.text() + "」",
            List.of(), Outgoing.Lane.EMERGENCY)));
      }
      return writer.commit(d.build(), null, null, null, null).compose(r -> audit.record(keyId.get(),
          "open311.create", id, from, r.name().toLowerCase(), category.id()).map(t));
    }).onSuccess(t -> {
      LOG.info("open311 request {} from key {}: ticket {} ({}, grid {})", t.id(), keyId.get(), t.id(),
          t.category().id(), t.gridId());
      JsonArray out = new JsonArray().add(new JsonObject().put("service_request_id", t.id())
          .put("service_notice", "已受理，" + (t.assignees().isEmpty() ? "" : "由" + Tickets.who(t.assignees()) + "处理，")
              + "请在 " + time(t.resolveBy()) + " 前办结")
          .put("account_id", account.equals("anonymous") ? null : account));
      ctx.response().setStatusCode(201);
      Open311Format.send(ctx, "service_requests", "request", out);
    }).onFailure(ctx::fail);
  }

  /** Open311 errors: {@code [{"code": 400, "description": "..."}]} (or XML). */
  void failure(RoutingContext ctx) {
    Throwable err = ctx.failure();
    int status = err instanceof HttpFailure f ? f.status() : ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    String reason = err instanceof HttpFailure f ? f.getMessage() : status == 413 ? "body too large" : "internal error";
    if (status == 500) {
      LOG.error("open311 {} failed", ctx.request().path(), err);
    }
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status);
    Open311Format.send(ctx, "errors", "error", new JsonArray().add(new JsonObject().put("code", status)
        .put("description", reason)));
  }
}
