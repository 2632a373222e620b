package cn.gridbot.bot.ops;

import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.ops.ApiConfig.Coordinator;
import cn.gridbot.bot.store.RedisTickets;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Directory.Scope;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.ticket.Tickets;
import cn.gridbot.nlp.understanding.Analyzer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handlers of {@code /api/v1} (one method per operation of {@code ops/openapi.yaml}). The
 * request has been authenticated ({@link #authenticate}) and validated against the document
 * before a handler runs. Every handler runs on the event loop and never blocks.
 */
final class AdminApi {
  private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
  static final String WHO = "gridbot.coordinator";

  private final ApiConfig config;
  private final Desk desk;
  private final Directory dir;
  private final RedisTickets tickets;
  private final TicketQuery query;
  private final TicketActions actions;
  private final DeadLetters dead;
  private final AuditLog audit;
  private final Analyzer analyzer;
  private final OpsMetrics metrics;

  AdminApi(ApiConfig config, Desk desk, RedisTickets tickets, TicketQuery query, TicketActions actions,
      DeadLetters dead, AuditLog audit, Analyzer analyzer, OpsMetrics metrics) {
    this.metrics = metrics;
    this.config = config;
    this.desk = desk;
    this.dir = desk.directory();
    this.tickets = tickets;
    this.query = query;
    this.actions = actions;
    this.dead = dead;
    this.audit = audit;
    this.analyzer = analyzer;
  }

  /** Bearer token → coordinator; 401 when missing or unknown. The token is never logged. */
  void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() < 8) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"gridbot\"");
      ctx.fail(HttpFailure.rejected("Authorization: Bearer <token> required"));
      return;
    }
    Optional<Coordinator> who = config.byTokenDigest(ApiConfig.sha256(header.substring(7).strip()));
    if (who.isEmpty()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"gridbot\", error=\"invalid_token\"");
      ctx.fail(HttpFailure.rejected("unknown token"));
      return;
    }
    ctx.put(WHO, who.get());
    ctx.next();
  }

  static Coordinator who(RoutingContext ctx) {
    return ctx.get(WHO);
  }

  // --- scope -------------------------------------------------------------------------------

  private String streetOf(String communityId) {
    return communityId == null ? null : dir.community(communityId).map(Community::streetId).orElse(null);
  }

  boolean coversCommunity(Coordinator c, String communityId) {
    return c.scope() == Scope.STREET
        ? communityId == null || c.placeId().equals(streetOf(communityId))
        : c.placeId().equals(communityId);
  }

  boolean covers(Coordinator c, Ticket t) {
    return coversCommunity(c, t.communityId());
  }

  static HttpFailure forbidden(String what) {
    return new HttpFailure(403, what + " is outside this token's community or street");
  }

  private static void requireStreet(Coordinator c) {
    if (c.scope() != Scope.STREET) {
      throw new HttpFailure(403, "street command centre tokens only");
    }
  }

  private Future<Ticket> load(RoutingContext ctx, String id) {
    return tickets.get(id.toUpperCase()).compose(t -> {
      if (t.isEmpty()) {
        return Future.failedFuture(HttpFailure.notFound("no ticket " + id.toUpperCase()));
      }
      if (!covers(who(ctx), t.get())) {
        return Future.failedFuture(forbidden("ticket " + t.get().id()));
      }
      return Future.succeededFuture(t.get());
    });
  }

  // --- reads -------------------------------------------------------------------------------

  void whoami(RoutingContext ctx) {
    Coordinator c = who(ctx);
    String placeName = c.scope() == Scope.STREET
        ? dir.streets().stream().filter(s -> s.id().equals(c.placeId())).findFirst().map(s -> s.name()).orElse(c.placeId())
        : dir.community(c.placeId()).map(Community::name).orElse(c.placeId());
    ctx.json(new JsonObject().put("token", c.tokenId()).put("name", c.person().name())
        .put("role", c.role().id()).put("roleName", c.role().chinese())
        .put("scope", c.scope().name().toLowerCase()).put("place", c.placeId()).put("placeName", placeName)
        .put("district", dir.districtName()));
  }

  void listTickets(RoutingContext ctx) {
    var q = ctx.queryParams();
    List<TicketStatus> statuses = new ArrayList<>();
    boolean openOnly = false;
    if (q.get("status") != null) {
      for (String s : q.get("status").split(",")) {
        if (s.equals("open")) {
          openOnly = true;
        } else {
          statuses.add(TicketStatus.valueOf(s));
        }
      }
    }
    if (openOnly) {
      Arrays.stream(TicketStatus.values()).filter(TicketStatus::isOpen).filter(s -> !statuses.contains(s))
          .forEach(statuses::add);
    }
    Coordinator c = who(ctx);
    Instant now = desk.tickets().now();
    Predicate<Ticket> keep = t -> covers(c, t);
    keep = keep.and(eq(q.get("grid"), Ticket::gridId)).and(eq(q.get("community"), Ticket::communityId))
        .and(eq(q.get("category"), t -> t.category().id())).and(eq(q.get("priority"), t -> t.priority().name()));
    if (q.get("overdue") != null) {
      boolean want = Boolean.parseBoolean(q.get("overdue"));
      keep = keep.and(t -> TicketJson.overdue(t, now) == want);
    }
    if (q.get("from") != null) {
      Instant from = LocalDate.parse(q.get("from")).atStartOfDay(Tickets.ZONE).toInstant();
      keep = keep.and(t -> !t.createdAt().isBefore(from));
    }
    if (q.get("to") != null) {
      Instant to = LocalDate.parse(q.get("to")).plusDays(1).atStartOfDay(Tickets.ZONE).toInstant();
      keep = keep.and(t -> t.createdAt().isBefore(to));
    }
    int page = q.get("page") == null ? 1 : Integer.parseInt(q.get("page"));
    int size = q.get("size") == null ? 50 : Integer.parseInt(q.get("size"));
    Predicate<Ticket> filter = keep;
    query.all(statuses).onSuccess(all -> {
      List<Ticket> matching = all.stream().filter(filter).toList();
      JsonArray items = new JsonArray();
      matching.stream().skip((long) (page - 1) * size).limit(size).forEach(t -> items.add(TicketJson.ticket(t, dir, now)));
      ctx.json(new JsonObject().put("total", matching.size()).put("page", page).put("size", size).put("items", items));
    }).onFailure(ctx::fail);
  }

  private static Predicate<Ticket> eq(String wanted, java.util.function.Function<Ticket, String> field) {
    return wanted == null ? t -> true : t -> wanted.equals(field.apply(t));
  }

  void getTicket(RoutingContext ctx) {
    load(ctx, ctx.pathParam("id")).compose(t -> tickets.history(t.id()).map(h -> {
      JsonArray history = new JsonArray();
      h.forEach(e -> history.add(TicketJson.event(e)));
      return new JsonObject().put("ticket", TicketJson.ticket(t, dir, desk.tickets().now())).put("history", history);
    })).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void getDirectory(RoutingContext ctx) {
    ctx.json(DirectoryJson.of(dir));
  }

  void analyzeMessage(RoutingContext ctx) {
    if (analyzer == null) {
      ctx.fail(HttpFailure.unavailable("no analyzer in this instance"));
      return;
    }
    String text = ctx.body().asJsonObject().getString("text");
    JsonObject out = new JsonObject(analyzer.toJson(null, text).toString());
    metrics.analyzed(out.getString("category"), out.getBoolean("emergency", false));
    ctx.json(out);
  }

  void gridLedger(RoutingContext ctx) {
    String grid = ctx.pathParam("grid");
    var g = dir.grid(grid);
    if (g.isEmpty()) {
      ctx.fail(HttpFailure.notFound("no grid " + grid));
      return;
    }
    if (!coversCommunity(who(ctx), g.get().communityId())) {
      ctx.fail(forbidden("grid " + grid));
      return;
    }
    tickets.gridLedger(grid, 500).onSuccess(list -> ctx.json(ledger(list)
        .put("grid", grid).put("gridName", g.get().name()))).onFailure(ctx::fail);
  }

  void buildingLedger(RoutingContext ctx) {
    String compound = ctx.pathParam("compound");
    int building = Integer.parseInt(ctx.pathParam("building"));
    var c = dir.compounds().stream().filter(x -> x.id().equals(compound)).findFirst();
    if (c.isEmpty() || !c.get().hasBuilding(building)) {
      ctx.fail(HttpFailure.notFound("no building " + building + " in " + compound));
      return;
    }
    if (!coversCommunity(who(ctx), c.get().communityId())) {
      ctx.fail(forbidden("compound " + compound));
      return;
    }
    tickets.ledger(compound + ":" + building, 500).onSuccess(list -> ctx.json(ledger(list)
        .put("compound", compound).put("compoundName", c.get().name()).put("building", building)))
        .onFailure(ctx::fail);
  }

  private JsonObject ledger(List<Ticket> list) {
    Instant now = desk.tickets().now();
    JsonObject counts = new JsonObject();
    JsonArray items = new JsonArray();
    for (Ticket t : list) {
      counts.put(t.status().name(), counts.getInteger(t.status().name(), 0) + 1);
      items.add(TicketJson.ticket(t, dir, now));
    }
    return new JsonObject().put("total", list.size()).put("counts", counts).put("items", items);
  }

  void getStats(RoutingContext ctx) {
    int days = ctx.queryParams().get("days") == null ? 14 : Integer.parseInt(ctx.queryParams().get("days"));
    Coordinator c = who(ctx);
    query.all(List.of()).onSuccess(all -> ctx.json(Stats.of(all.stream().filter(t -> covers(c, t)).toList(),
        dir, desk.tickets().now(), days))).onFailure(ctx::fail);
  }

  void listAudit(RoutingContext ctx) {
    requireStreet(who(ctx));
    int limit = ctx.queryParams().get("limit") == null ? 100 : Integer.parseInt(ctx.queryParams().get("limit"));
    audit.list(limit).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void listDeadLetters(RoutingContext ctx) {
    requireStreet(who(ctx));
    dead.list(ctx.pathParam("kind"), 200).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  // --- writes (audited) --------------------------------------------------------------------

  void retryDeadLetter(RoutingContext ctx) {
    requireStreet(who(ctx));
    String kind = ctx.pathParam("kind");
    String entry = ctx.pathParam("entry");
    dead.retry(kind, entry).compose(newId -> audited(ctx, "deadletter.retry", kind + ":" + entry,
        newId == null ? "not_found" : "applied", newId).map(newId)).onSuccess(newId -> {
          if (newId == null) {
            ctx.fail(HttpFailure.notFound("no parked entry " + entry));
          } else {
            ctx.json(new JsonObject().put("requeued", newId));
          }
        }).onFailure(ctx::fail);
  }

  void dropDeadLetter(RoutingContext ctx) {
    requireStreet(who(ctx));
    String kind = ctx.pathParam("kind");
    String entry = ctx.pathParam("entry");
    dead.drop(kind, entry).compose(ok -> audited(ctx, "deadletter.drop", kind + ":" + entry,
        ok ? "applied" : "not_found", null).map(ok)).onSuccess(ok -> {
          if (ok) {
            ctx.response().setStatusCode(204).end();
          } else {
            ctx.fail(HttpFailure.notFound("no parked entry " + entry));
          }
        }).onFailure(ctx::fail);
  }

  void assignTicket(RoutingContext ctx) {
    command(ctx, "ticket.assign", "转派", body(ctx).getString("target"));
  }

  void escalateTicket(RoutingContext ctx) {
    command(ctx, "ticket.escalate", "升级", body(ctx).getString("reason", ""));
  }

  void whistleTicket(RoutingContext ctx) {
    String dept = body(ctx).getString("department", "");
    command(ctx, "ticket.whistle", "吹哨", dept);
  }

  void closeTicket(RoutingContext ctx) {
    command(ctx, "ticket.close", "关闭", body(ctx).getString("note", ""));
  }

  void mergeTicket(RoutingContext ctx) {
    JsonObject b = body(ctx);
    String into = b.getString("into").toUpperCase();
    load(ctx, ctx.pathParam("id")).compose(source -> load(ctx, into)
        .compose(target -> actions.merge(who(ctx), source, target, b.getString("note", ""), 0)))
        .compose(r -> audited(ctx, "ticket.merge", ctx.pathParam("id").toUpperCase(), r.applied() ? "applied" : "refused",
            "into " + into).map(r))
        .onSuccess(r -> answer(ctx, r)).onFailure(ctx::fail);
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject b = ctx.body() == null || ctx.body().isEmpty() ? null : ctx.body().asJsonObject();
    return b == null ? new JsonObject() : b;
  }

  private void command(RoutingContext ctx, String action, String verb, String arg) {
    String id = ctx.pathParam("id").toUpperCase();
    load(ctx, id).compose(t -> actions.command(who(ctx), verb, id, arg))
        .compose(r -> audited(ctx, action, id, r.applied() ? "applied" : "refused", arg).map(r))
        .onSuccess(r -> answer(ctx, r)).onFailure(ctx::fail);
  }

  private void answer(RoutingContext ctx, TicketActions.Result r) {
    if (!r.applied()) {
      ctx.response().setStatusCode(409);
      ctx.json(new JsonObject().put("error", r.message()));
      return;
    }
    ctx.json(new JsonObject().put("message", r.message())
        .put("ticket", r.ticket() == null ? null : TicketJson.ticket(r.ticket(), dir, desk.tickets().now())));
  }

  Future<Void> audited(RoutingContext ctx, String action, String target, String outcome, String detail) {
    Coordinator c = who(ctx);
    String from = ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress();
    LOG.info("api {} {} by {} from {}: {}", action, target, c.tokenId(), from, outcome);
    return audit.record(c.tokenId(), action, target, from, outcome, detail);
  }
}
