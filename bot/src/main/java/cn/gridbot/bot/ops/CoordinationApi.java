package cn.gridbot.bot.ops;

import static cn.gridbot.bot.ops.AdminApi.who;

import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.ops.ApiConfig.Coordinator;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.bot.store.RedisBroadcasts;
import cn.gridbot.bot.store.RedisVisits;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.broadcast.BroadcastCommands;
import cn.gridbot.handlers.broadcast.Estimator;
import cn.gridbot.handlers.broadcast.Notice;
import cn.gridbot.handlers.broadcast.Targets;
import cn.gridbot.handlers.directory.CareTarget;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Directory.Scope;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Tickets;
import cn.gridbot.handlers.time.ScheduleControl;
import cn.gridbot.handlers.visit.Visits;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.Clock;

/**
 * The coordinators' notices (通知群发), schedules (定时提醒) and visits (走访) of {@code /api/v1}.
 * A notice is drafted, confirmed and cancelled exactly as in chat: the API call is the chat
 * command the coordinator would type (通知 …, 确认, 取消), given to the same
 * {@link BroadcastCommands} as a message from their directory mobile on platform {@code api}, and
 * its decision (DraftNotice, ClearDraft, RecordNotice and the group pushes) is committed by
 * {@link DecisionWriter}. Scope is checked first so that a target outside the token's community
 * or street is 403 (chat answers with a refusal instead).
 */
final class CoordinationApi {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final AdminApi api;
  private final Directory dir;
  private final BroadcastCommands chat;
  private final RedisBroadcasts notices;
  private final Estimator estimator;
  private final Targets targets;
  private final DecisionWriter writer;
  private final ScheduleControl schedules;
  private final RedisVisits visitStore;
  private final Visits visits;
  private final Redis redis;
  private final Clock clock;

  CoordinationApi(AdminApi api, Directory dir, Redis redis, DecisionWriter writer, OpsRoutes.Coordination c) {
    this.api = api;
    this.dir = dir;
    this.redis = redis;
    this.writer = writer;
    this.chat = c.chat();
    this.notices = c.notices();
    this.estimator = c.estimator();
    this.schedules = c.schedules();
    this.visitStore = c.visits();
    this.targets = new Targets(dir);
    this.visits = new Visits(dir, Tickets.ZONE);
    this.clock = c.clock();
  }

  // --- broadcasts ----------------------------------------------------------------------------

  /** A chat command as the coordinator; the bot's answer comes back as {@code message}. */
  private record Said(boolean applied, String message, String tag) {}

  private Future<Optional<Said>> say(Coordinator who, String text) {
    InboundMessage m = TicketActions.message(who, text);
    return chat.handle(m).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      StringBuilder reply = new StringBuilder();
      Decision d = TicketActions.withoutApiReplies(found.get(), reply);
      if (d.state().isEmpty()) {
        return Future.succeededFuture(Optional.of(new Said(false, reply.toString(), null)));
      }
      return writer.commit(d, null, null, null, null)
          .map(r -> Optional.of(new Said(r == DecisionWriter.Result.APPLIED, reply.toString(), d.tag())));
    });
  }

  private static String draftKey(Coordinator who) {
    return ResidentRef.of(TicketActions.message(who, "")).key();
  }

  private Set<String> communitiesOf(Notice n) {
    return targets.resolve(n.targets()).map(Targets.Resolved::communities).orElse(Set.of());
  }

  private boolean covers(Coordinator who, Set<String> communities) {
    return !communities.isEmpty() && communities.stream().allMatch(c -> api.coversCommunity(who, c));
  }

  void createBroadcast(RoutingContext ctx) {
    Coordinator who = who(ctx);
    JsonObject b = ctx.body().asJsonObject();
    String spec = b.getString("targets").strip();
    String text = b.getString("text").strip();
    Optional<Targets.Resolved> resolved = targets.resolve(spec);
    if (resolved.isEmpty()) {
      invalid(ctx, "targets", "没有识别出发送对象「" + spec + "」。可以写：和平小区3号楼、和平小区3、5号楼、和平小区、heping-01、和平社区全体、桂林路街道、全体。");
      return;
    }
    if (!covers(who, resolved.get().communities())) {
      ctx.fail(AdminApi.forbidden("target " + spec));
      return;
    }
    String when = "";
    if (b.getString("sendAt") != null) {
      Instant at;
      try {
        at = java.time.OffsetDateTime.parse(b.getString("sendAt")).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        invalid(ctx, "sendAt", "not an ISO 8601 date-time with offset, e.g. 2026-11-27T08:00:00+08:00");
        return;
      }
      if (!at.isAfter(clock.instant())) {
        invalid(ctx, "sendAt", "发送时间已过");
        return;
      }
      when = " 定时 " + WHEN.format(at.atZone(Tickets.ZONE));
    }
    String command = "通知 " + spec + when + " " + text;
    say(who, command).compose(said -> {
      if (said.isEmpty() || !said.get().applied()) {
        String why = said.map(Said::message).orElse("not a notice");
        return api.audited(ctx, "broadcast.draft", spec, "refused", why)
            .compose(v -> Future.<JsonObject>failedFuture(new HttpFailure(409, why)));
      }
      return notices.draft(draftKey(who)).compose(d -> api.audited(ctx, "broadcast.draft", spec, "applied",
          d.map(n -> n.groups().size() + " groups").orElse(null)).map(v -> draftJson(d.orElseThrow())
          .put("message", said.get().message())));
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private void invalid(RoutingContext ctx, String field, String reason) {
    ctx.response().setStatusCode(400);
    ctx.json(new JsonObject().put("error", "invalid request").put("field", field).put("reason", reason));
  }

  /** The preview: groups, groups per platform, the time the robots' limits need. */
  private JsonObject draftJson(Notice n) {
    Estimator.Estimate e = estimator.estimate(n.groups());
    JsonObject byPlatform = new JsonObject();
    e.groupsByPlatform().forEach(byPlatform::put);
    JsonArray groups = new JsonArray();
    n.groups().forEach(g -> groups.add(new JsonObject().put("group", g).put("name", groupName(g))));
    return new JsonObject().put("draft", true).put("author", n.author()).put("targets", n.targets())
        .put("text", n.text()).put("sendAt", n.sendAt() == null ? null : n.sendAt().toString())
        .put("total", n.groups().size()).put("byPlatform", byPlatform)
        .put("estimatedSeconds", e.duration().toSeconds()).put("groups", groups);
  }

  /** "building:heping-xiaoqu:3" → 和平小区3号楼. */
  String groupName(String group) {
    String[] p = group.split(":");
    if (p.length == 3 && p[0].equals("building")) {
      String name = dir.compounds().stream().filter(c -> c.id().equals(p[1])).findFirst().map(c -> c.name()).orElse(p[1]);
      return name + p[2] + "号楼";
    }
    return group;
  }

  void getDraft(RoutingContext ctx) {
    notices.draft(draftKey(who(ctx))).onSuccess(d -> {
      if (d.isEmpty()) {
        ctx.fail(HttpFailure.notFound("no draft"));
      } else {
        ctx.json(draftJson(d.get()));
      }
    }).onFailure(ctx::fail);
  }

  void confirmBroadcast(RoutingContext ctx) {
    Coordinator who = who(ctx);
    notices.draft(draftKey(who)).compose(d -> {
      if (d.isEmpty()) {
        return Future.<JsonObject>failedFuture(HttpFailure.notFound("no draft to confirm (drafts last one hour)"));
      }
      return say(who, "确认").compose(said -> {
        if (said.isEmpty() || !said.get().applied()) {
          return Future.failedFuture(new HttpFailure(409, said.map(Said::message).orElse("no draft to confirm")));
        }
        String id = said.get().tag();
        boolean scheduled = d.get().sendAt() != null;
        return api.audited(ctx, "broadcast.confirm", id, "applied",
            (scheduled ? "scheduled " + d.get().sendAt() : "sent") + " to " + d.get().groups().size() + " groups")
            .map(v -> new JsonObject().put("id", id).put("state", scheduled ? "scheduled" : "sent")
                .put("total", d.get().groups().size()).put("message", said.get().message()));
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void cancelBroadcast(RoutingContext ctx) {
    Coordinator who = who(ctx);
    notices.draft(draftKey(who)).compose(d -> {
      if (d.isEmpty()) {
        return Future.<Void>failedFuture(HttpFailure.notFound("no draft"));
      }
      return say(who, "取消").compose(said -> api.audited(ctx, "broadcast.cancel", d.get().targets(),
          said.isPresent() && said.get().applied() ? "applied" : "refused", null));
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  void getBroadcast(RoutingContext ctx) {
    String id = ctx.pathParam("id").toUpperCase();
    Coordinator who = who(ctx);
    notices.get(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.<JsonObject>failedFuture(HttpFailure.notFound("no notice " + id));
      }
      if (!covers(who, communitiesOf(found.get()))) {
        return Future.failedFuture(AdminApi.forbidden("notice " + id));
      }
      return report(found.get(), true);
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** 撤回通知 #N1002: a scheduled notice not yet sent is withdrawn. */
  void withdrawBroadcast(RoutingContext ctx) {
    String id = ctx.pathParam("id").toUpperCase();
    Coordinator who = who(ctx);
    notices.get(id).compose(found -> {
      if (found.isEmpty()) {
        return Future.<JsonObject>failedFuture(HttpFailure.notFound("no notice " + id));
      }
      if (!covers(who, communitiesOf(found.get()))) {
        return Future.failedFuture(AdminApi.forbidden("notice " + id));
      }
      return say(who, "撤回通知 #" + id).compose(said -> {
        boolean applied = said.isPresent() && said.get().applied();
        String message = said.map(Said::message).orElse("");
        return api.audited(ctx, "broadcast.withdraw", id, applied ? "applied" : "refused", message)
            .compose(v -> applied ? report(found.get(), true).map(r -> r.put("message", message))
                : Future.failedFuture(new HttpFailure(409, message)));
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void listBroadcasts(RoutingContext ctx) {
    int limit = ctx.queryParams().get("limit") == null ? 50 : Integer.parseInt(ctx.queryParams().get("limit"));
    Coordinator who = who(ctx);
    notices.recent(Math.min(1000, limit * 4)).compose(ids -> {
      List<Future<Optional<Notice>>> all = ids.stream().map(notices::get).toList();
      return Future.all(all).compose(v -> {
        List<Future<JsonObject>> reports = new ArrayList<>();
        for (Future<Optional<Notice>> f : all) {
          f.result().filter(n -> covers(who, communitiesOf(n))).ifPresent(n -> {
            if (reports.size() < limit) {
              reports.add(report(n, false));
            }
          });
        }
        return Future.all(reports).map(x -> {
          JsonArray out = new JsonArray();
          reports.forEach(r -> out.add(r.result()));
          return out;
        });
      });
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  /** A notice with its delivery: sent / pending / failed (with the reason) per group. */
  private Future<JsonObject> report(Notice n, boolean perGroup) {
    return notices.status(n.id()).compose(status -> notices.state(n.id()).map(state -> {
      int sent = 0;
      int failed = 0;
      JsonArray groups = new JsonArray();
      for (String g : n.groups()) {
        String s = status.get(g);
        JsonObject one = new JsonObject().put("group", g).put("name", groupName(g));
        if ("sent".equals(s)) {
          sent++;
          one.put("status", "sent");
        } else if (s != null && s.startsWith("failed")) {
          failed++;
          one.put("status", "failed").put("reason", s.replaceFirst("^failed:?\\s*", ""));
        } else {
          one.put("status", "pending");
        }
        groups.add(one);
      }
      JsonObject out = new JsonObject().put("id", n.id()).put("author", n.author()).put("targets", n.targets())
          .put("text", n.text()).put("createdAt", n.createdAt().toString())
          .put("sendAt", n.sendAt() == null ? null : n.sendAt().toString()).put("state", state.orElse("sent"))
          .put("total", n.groups().size()).put("sent", sent).put("failed", failed)
          .put("pending", n.groups().size() - sent - failed);
      if (perGroup) {
        out.put("groups", groups);
      }
      return out;
    }));
  }

  // --- schedules -----------------------------------------------------------------------------

  /** A patrol of a grid in the token's scope; anything district-wide for street tokens only. */
  private boolean coversSchedule(Coordinator who, String id) {
    if (id.startsWith("patrol:")) {
      return dir.grid(id.substring(7)).map(g -> api.coversCommunity(who, g.communityId())).orElse(false);
    }
    return who.scope() == Scope.STREET;
  }

  void listSchedules(RoutingContext ctx) {
    Coordinator who = who(ctx);
    redis.<Map<String, String>>call(c -> c.hgetall(redis.key("schedule:last"))).map(last -> {
      JsonArray out = new JsonArray();
      for (ScheduleControl.Schedule s : schedules.schedules()) {
        if (!coversSchedule(who, s.id())) {
          continue;
        }
        String ms = last.get(s.id());
        out.add(new JsonObject().put("id", s.id()).put("description", s.description()).put("cron", s.cron())
            .put("lastRun", ms == null ? null : Instant.ofEpochMilli(Long.parseLong(ms)).toString()));
      }
      return out;
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  void triggerSchedule(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (schedules.schedules().stream().noneMatch(s -> s.id().equals(id))) {
      ctx.fail(HttpFailure.notFound("no schedule " + id));
      return;
    }
    if (!coversSchedule(ctx.get(AdminApi.WHO), id)) {
      ctx.fail(AdminApi.forbidden("schedule " + id));
      return;
    }
    schedules.trigger(id).compose(v -> api.audited(ctx, "schedule.trigger", id, "applied", null))
        .onSuccess(v -> {
          ctx.response().setStatusCode(202);
          ctx.json(new JsonObject().put("triggered", id).put("message", "已触发「" + id + "」，稍后即发出。"));
        }).onFailure(ctx::fail);
  }

  // --- visits --------------------------------------------------------------------------------

  void listVisits(RoutingContext ctx) {
    Coordinator who = who(ctx);
    String grid = ctx.queryParams().get("grid");
    if (grid != null) {
      Optional<Grid> g = dir.grid(grid);
      if (g.isEmpty()) {
        ctx.fail(HttpFailure.notFound("no grid " + grid));
        return;
      }
      if (!api.coversCommunity(who, g.get().communityId())) {
        ctx.fail(AdminApi.forbidden("grid " + grid));
        return;
      }
    }
    String dueFilter = ctx.queryParams().get("due");
    Instant now = clock.instant();
    Instant endOfDay = LocalDate.ofInstant(now, Tickets.ZONE).plusDays(1).atStartOfDay(Tickets.ZONE).toInstant();
    visitStore.lastVisits().map(last -> {
      JsonArray out = new JsonArray();
      visits.all(last).stream()
          .filter(d -> grid == null || d.target().gridId().equals(grid))
          .filter(d -> dir.grid(d.target().gridId()).map(g -> api.coversCommunity(who, g.communityId())).orElse(false))
          .filter(d -> !"today".equals(dueFilter) || d.due().isBefore(endOfDay))
          .sorted(Comparator.comparing(Visits.Due::due))
          .forEach(d -> out.add(visitJson(d, now, endOfDay)));
      return out;
    }).onSuccess(ctx::json).onFailure(ctx::fail);
  }

  private JsonObject visitJson(Visits.Due d, Instant now, Instant endOfDay) {
    CareTarget t = d.target();
    return new JsonObject().put("id", t.id()).put("name", t.name()).put("grid", t.gridId())
        .put("gridName", dir.grid(t.gridId()).map(Grid::name).orElse(t.gridId())).put("address", t.address())
        .put("group", t.group()).put("groupName", Visits.group(t.group())).put("visitEveryDays", t.visitEveryDays())
        .put("lastVisit", d.last() == null ? null : d.last().toString())
        .put("due", d.last() == null ? null : d.due().toString())
        .put("dueToday", d.due().isBefore(endOfDay)).put("overdue", d.due().isBefore(now));
  }

  void visitHistory(RoutingContext ctx) {
    String id = ctx.pathParam("target");
    Optional<CareTarget> t = dir.careTargets().stream().filter(x -> x.id().equals(id)).findFirst();
    if (t.isEmpty()) {
      ctx.fail(HttpFailure.notFound("no care target " + id));
      return;
    }
    String community = dir.grid(t.get().gridId()).map(Grid::communityId).orElse(null);
    if (!api.coversCommunity(who(ctx), community)) {
      ctx.fail(AdminApi.forbidden("care target " + id));
      return;
    }
    Instant now = clock.instant();
    Instant endOfDay = LocalDate.ofInstant(now, Tickets.ZONE).plusDays(1).atStartOfDay(Tickets.ZONE).toInstant();
    visitStore.lastVisits().compose(last -> visitStore.history(id).map(h -> {
      JsonArray history = new JsonArray();
      h.forEach(e -> history.add(new JsonObject().put("at", Instant.ofEpochMilli(e.getLong("at")).toString())
          .put("actor", e.getString("actor")).put("note", e.getString("note"))));
      return visitJson(visits.due(t.get(), last), now, endOfDay).put("history", history);
    })).onSuccess(ctx::json).onFailure(ctx::fail);
  }
}
