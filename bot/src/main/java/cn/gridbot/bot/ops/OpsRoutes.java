package cn.gridbot.bot.ops;

import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.RedisUnavailable;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.bot.store.RedisTickets;
import cn.gridbot.handlers.Desk;
import cn.gridbot.nlp.understanding.Analyzer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything operators and coordinators use over HTTP, mounted from this one place: the admin
 * API ({@code /api/v1}, validated against {@code ops/openapi.yaml}), Open311 GeoReport v2
 * ({@code /open311/v2}), Prometheus metrics ({@code /metrics}) and the console ({@code /}).
 */
public final class OpsRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);
  static final String CONTRACT = "ops/openapi.yaml";
  private static final Pattern PARAM = Pattern.compile("(path|query|header|cookie) parameter (\\S+?)[ .:]");

  private final AdminApi api;
  private final Open311 open311;
  private final OpsMetrics metrics;
  private final Redis redis;
  private final TicketQuery query;
  private final DeadLetters dead;

  /** What the bot runs for coordination (notices, schedules, visits), handed over by {@code GridBot}. */
  public record Coordination(cn.gridbot.handlers.broadcast.BroadcastCommands chat,
      cn.gridbot.bot.store.RedisBroadcasts notices, cn.gridbot.handlers.broadcast.Estimator estimator,
      cn.gridbot.handlers.time.ScheduleControl schedules, cn.gridbot.bot.store.RedisVisits visits,
      java.time.Clock clock) {}

  private final CoordinationApi coordination;

  public OpsRoutes(ApiConfig config, Desk desk, Redis redis, RedisTickets tickets, DecisionWriter writer,
      Analyzer analyzer, OpsMetrics metrics, Coordination coordination) {
    this.redis = redis;
    this.metrics = metrics;
    this.query = new TicketQuery(redis, tickets);
    this.dead = new DeadLetters(redis);
    AuditLog audit = new AuditLog(redis);
    this.api = new AdminApi(config, desk, tickets, query, new TicketActions(desk, writer), dead, audit, analyzer, metrics);
    this.open311 = new Open311(config, desk, tickets, query, writer, audit);
    this.coordination = new CoordinationApi(api, desk.directory(), redis, writer, coordination);
  }

  /** The admin API's contract: the document as served, and as vertx-openapi read it. */
  public record Contract(io.vertx.core.buffer.Buffer text, OpenAPIContract contract) {}

  /**
   * Reads and resolves {@code ops/openapi.yaml} (a few hundred milliseconds at start, most of it
   * class loading and meta-schema validation): the file is read and parsed on a worker thread,
   * then vertx-openapi resolves it. Can be started before the routes are built.
   *
   * @param times where the time taken is recorded as "openapi contract", or null
   */
  public static Future<Contract> loadContract(Vertx vertx, cn.gridbot.bot.StartupTimes times) {
    long t0 = System.nanoTime();
    return vertx.executeBlocking(() -> {
      byte[] bytes;
      try (java.io.InputStream in = OpsRoutes.class.getClassLoader().getResourceAsStream(CONTRACT)) {
        if (in == null) {
          throw new IllegalStateException(CONTRACT + " is not on the class path");
        }
        bytes = in.readAllBytes();
      }
      io.vertx.core.buffer.Buffer text = io.vertx.core.buffer.Buffer.buffer(bytes);
      // The served document says servers: [/api/v1] (relative, as OpenAPI allows); vertx-openapi
      // wants an absolute URL to take the base path from, so the copy it reads has one.
      JsonObject raw = yaml(text.toString());
      raw.put("servers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", "http://localhost/api/v1")));
      return new Object[] {text, raw};
    }).compose(read -> OpenAPIContract.from(vertx, (JsonObject) read[1])
        .map(c -> new Contract((io.vertx.core.buffer.Buffer) read[0], c)))
        .onSuccess(c -> {
          if (times != null) {
            times.record("openapi contract", t0);
          }
        });
  }

  /** Adds the routes to {@code router}; completes once the OpenAPI contract is loaded. */
  public Future<Void> mount(Vertx vertx, Router router) {
    return mount(vertx, router, loadContract(vertx, null));
  }

  /** Adds the routes to {@code router} with a contract being loaded by {@link #loadContract}. */
  public Future<Void> mount(Vertx vertx, Router router, Future<Contract> contract) {
    router.get("/metrics").handler(this::handleMetrics);
    router.get("/").handler(ctx -> ctx.redirect("/console/"));
    router.route("/console/*").handler(StaticHandler.create("console").setCachingEnabled(false)
        .setDefaultContentEncoding("UTF-8"));
    mountOpen311(router);
    return contract.map(loaded -> {
      io.vertx.core.buffer.Buffer text = loaded.text();
      OpenAPIContract c = loaded.contract();
      router.get("/api/v1/openapi.yaml").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "application/yaml; charset=utf-8").end(text));
      // Body and token first (401 before 400). The generated router's routes are relative to
      // the base path (so it is mounted at /api/v1); its validator reads the full request path.
      router.route("/api/v1/*").handler(BodyHandler.create(false).setBodyLimit(65_536)).handler(api::authenticate);
      RouterBuilder builder = RouterBuilder.create(vertx, c, RequestExtractor.withBodyHandler());
      Map<String, Consumer<RoutingContext>> ops = Map.ofEntries(
          Map.entry("whoami", api::whoami),
          Map.entry("listTickets", api::listTickets),
          Map.entry("getTicket", api::getTicket),
          Map.entry("assignTicket", api::assignTicket),
          Map.entry("escalateTicket", api::escalateTicket),
          Map.entry("whistleTicket", api::whistleTicket),
          Map.entry("closeTicket", api::closeTicket),
          Map.entry("mergeTicket", api::mergeTicket),
          Map.entry("getDirectory", api::getDirectory),
          Map.entry("analyzeMessage", api::analyzeMessage),
          Map.entry("listDeadLetters", api::listDeadLetters),
          Map.entry("retryDeadLetter", api::retryDeadLetter),
          Map.entry("dropDeadLetter", api::dropDeadLetter),
          Map.entry("gridLedger", api::gridLedger),
          Map.entry("buildingLedger", api::buildingLedger),
          Map.entry("getStats", api::getStats),
          Map.entry("listAudit", api::listAudit),
          Map.entry("createBroadcast", coordination::createBroadcast),
          Map.entry("getDraft", coordination::getDraft),
          Map.entry("confirmBroadcast", coordination::confirmBroadcast),
          Map.entry("cancelBroadcast", coordination::cancelBroadcast),
          Map.entry("getBroadcast", coordination::getBroadcast),
          Map.entry("withdrawBroadcast", coordination::withdrawBroadcast),
          Map.entry("listBroadcasts", coordination::listBroadcasts),
          Map.entry("listSchedules", coordination::listSchedules),
          Map.entry("triggerSchedule", coordination::triggerSchedule),
          Map.entry("listVisits", coordination::listVisits),
          Map.entry("visitHistory", coordination::visitHistory));
      for (OpenAPIRoute route : builder.getRoutes()) {
        Consumer<RoutingContext> h = ops.get(route.getOperation().getOperationId());
        if (h == null) {
          throw new IllegalStateException("no handler for operation " + route.getOperation().getOperationId());
        }
        // Authentication is the root handler's job; the contract's security block documents it.
        route.setDoSecurity(false);
        io.vertx.openapi.contract.Operation operation = route.getOperation();
        route.addFailureHandler(ctx -> apiFailure(ctx, operation));
        route.addHandler(ctx -> {
          try {
            h.accept(ctx);
          } catch (HttpFailure f) {
            ctx.fail(f);
          }
        });
      }
      Router apiRouter = builder.createRouter();
      apiRouter.route().failureHandler(ctx -> apiFailure(ctx, null));
      router.route("/api/v1/*").subRouter(apiRouter);
      router.route("/api/v1/*").handler(ctx -> ctx.fail(HttpFailure.notFound("no such resource")))
          .failureHandler(ctx -> apiFailure(ctx, null));
      return (Void) null;
    });
  }

  private static JsonObject yaml(String text) {
    try {
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
      return new JsonObject(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(mapper.readTree(text)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(CONTRACT + ": " + e.getMessage(), e);
    }
  }

  private void mountOpen311(Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(65_536);
    router.getWithRegex("/open311/v2/services\\.(?<format>json|xml)").handler(open311::services);
    router.getWithRegex("/open311/v2/requests\\.(?<format>json|xml)").handler(ctx -> guard(ctx, open311::requests));
    router.postWithRegex("/open311/v2/requests\\.(?<format>json|xml)").handler(body)
        .handler(ctx -> guard(ctx, open311::create));
    router.getWithRegex("/open311/v2/requests/(?<id>[A-Za-z0-9]{1,12})\\.(?<format>json|xml)").handler(open311::request);
    router.route("/open311/*").last().handler(ctx -> ctx.fail(HttpFailure.notFound("no such resource")));
    router.route("/open311/*").failureHandler(open311::failure);
  }

  private static void guard(RoutingContext ctx, Consumer<RoutingContext> h) {
    try {
      h.accept(ctx);
    } catch (HttpFailure f) {
      ctx.fail(f);
    }
  }

  private void handleMetrics(RoutingContext ctx) {
    metrics.scrape(redis, query, dead).onSuccess(text -> ctx.response()
        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
        .onFailure(ctx::fail);
  }

  /** 400 with the field and the reason for validation errors; the family of HttpFailure otherwise. */
  static void apiFailure(RoutingContext ctx, io.vertx.openapi.contract.Operation operation) {
    Throwable err = ctx.failure();
    if (err instanceof HttpException h && h.getCause() != null) {
      err = h.getCause();
    }
    int status;
    JsonObject body = new JsonObject();
    if (err instanceof ValidatorException v) {
      status = 400;
      String field = null;
      String reason = v.getMessage();
      if (v instanceof SchemaValidationException s && s.getOutputUnit() != null) {
        OutputUnit u = deepest(s.getOutputUnit());
        String loc = u.getInstanceLocation();
        if (loc != null && !loc.isEmpty() && !loc.equals("#") && !loc.equals("/")) {
          field = loc.replaceFirst("^#?/", "").replace('/', '.');
        }
        if (u.getError() != null) {
          reason = u.getError();
        }
        String expected = expected(operation, field);
        if (expected != null) {
          reason += "; expected " + expected;
        }
      }
      Matcher m = PARAM.matcher(v.getMessage() + " ");
      if (field == null && m.find()) {
        field = m.group(2);
      }
      if (field == null && v.getMessage().toLowerCase().contains("body")) {
        field = "body";
      }
      body.put("error", "invalid request").put("field", field).put("reason", reason);
    } else if (err instanceof HttpFailure f) {
      status = f.status();
      body.put("error", f.getMessage());
    } else if (err instanceof RedisUnavailable) {
      status = 503;
      body.put("error", "storage unavailable, retry later");
    } else if (err instanceof HttpException h) {
      status = h.getStatusCode();
      body.put("error", h.getPayload() != null ? h.getPayload() : "request failed");
    } else if (err == null && ctx.statusCode() > 0) {
      status = ctx.statusCode();
      body.put("error", status == 413 ? "body too large" : "request failed");
    } else {
      status = 500;
      body.put("error", "internal error");
      LOG.error("admin API {} {} failed", ctx.request().method(), ctx.request().path(), err);
    }
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
  }

  /** The schema of a body property as the contract states it, e.g. {"type":"string","minLength":1}. */
  private static String expected(io.vertx.openapi.contract.Operation o, String field) {
    try {
      if (field == null || o == null || o.getRequestBody() == null) {
        return null;
      }
      var media = o.getRequestBody().getContent().get("application/json");
      JsonObject props = media == null ? null : media.getSchema().<JsonObject>get("properties");
      Object schema = props == null ? null : props.getValue(field);
      if (!(schema instanceof JsonObject s)) {
        return null;
      }
      JsonObject shown = new JsonObject();
      s.forEach(e -> {
        if (!e.getKey().startsWith("__") && !e.getKey().equals("description")) {
          shown.put(e.getKey(), e.getValue());
        }
      });
      return shown.encode();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The most specific error of a schema validation: the deepest leaf of the output tree. */
  private static OutputUnit deepest(OutputUnit u) {
    OutputUnit best = u;
    int bestDepth = -1;
    java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
    todo.push(new Object[] {u, 0});
    while (!todo.isEmpty()) {
      Object[] next = todo.pop();
      OutputUnit cur = (OutputUnit) next[0];
      int depth = (Integer) next[1];
      boolean leaf = cur.getErrors() == null || cur.getErrors().isEmpty();
      if (leaf && cur.getError() != null && depth > bestDepth) {
        best = cur;
        bestDepth = depth;
      }
      if (!leaf) {
        for (int i = cur.getErrors().size() - 1; i >= 0; i--) {
          todo.push(new Object[] {cur.getErrors().get(i), depth + 1});
        }
      }
    }
    return best;
  }

}
