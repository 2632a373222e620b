package cn.gridbot.bot.http;

import cn.gridbot.bot.inbound.Inbox;
import cn.gridbot.bot.platform.sandbox.SandboxOutbox;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.RedisUnavailable;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP edge: health, the webhook routes of every platform adapter, and the sandbox outbox.
 * A webhook message is acknowledged only after it is durably recorded in the inbox.
 */
public final class HttpServerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServerVerticle.class);
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final String host;
  private final int port;
  private final int maxBodyBytes;
  private final Map<String, WebhookAdapter> adapters;
  private final Inbox inbox;
  private final Redis redis;
  private final Health health;
  private final SandboxOutbox sandbox;
  private HttpServer server;
  private java.util.function.Function<Router, Future<Void>> extraRoutes = r -> Future.succeededFuture();
  private java.util.function.BiConsumer<String, String> inboundOutcomes = (platform, outcome) -> { };

  /** More routes (the operators' ones), added before the catch-all; set before deploying. */
  public HttpServerVerticle withRoutes(java.util.function.Function<Router, Future<Void>> routes) {
    this.extraRoutes = routes;
    return this;
  }

  /** Told (platform, accepted|duplicate|ignored|rejected) for every webhook message; set before deploying. */
  public HttpServerVerticle onInbound(java.util.function.BiConsumer<String, String> listener) {
    this.inboundOutcomes = listener;
    return this;
  }

  public HttpServerVerticle(String host, int port, int maxBodyBytes, Map<String, WebhookAdapter> adapters,
      Inbox inbox, Redis redis, Health health, SandboxOutbox sandbox) {
    this.host = host;
    this.port = port;
    this.maxBodyBytes = maxBodyBytes;
    this.adapters = Map.copyOf(adapters);
    this.inbox = inbox;
    this.redis = redis;
    this.health = health;
    this.sandbox = sandbox;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/health/live").handler(this::handleLive);
    router.get("/health").handler(this::handleHealth);
    router.route("/webhooks/:platform/:channelId")
        .handler((io.vertx.ext.web.handler.PlatformHandler) this::refuseForms)
        .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
        .handler(this::handleWebhook);
    if (sandbox != null) {
      router.get("/sandbox/messages").handler(this::handleSandboxList);
      router.delete("/sandbox/messages").handler(this::handleSandboxClear);
      // The ceiling for benchmarks: the same server reading a body and answering 200, nothing else.
      router.post("/sandbox/noop").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
          .handler(ctx -> ctx.response().end("{\"status\":\"ok\"}"));
    }
    return extraRoutes.apply(router).compose(v -> {
      router.route().last().handler(ctx -> ctx.fail(HttpFailure.notFound("no such resource")));
      router.route().failureHandler(this::handleFailure);
      server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
          .setMaxFormAttributeSize(maxBodyBytes));
      return server.requestHandler(router).listen();
    });
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Stops taking new requests and lets in-flight ones finish within the grace period. */
  public Future<Void> shutdown(long graceMs) {
    return server == null ? Future.succeededFuture() : server.shutdown(graceMs, TimeUnit.MILLISECONDS);
  }

  private void handleLive(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  private void handleHealth(RoutingContext ctx) {
    Map<String, String> components = new TreeMap<>(health.snapshot());
    Future<String> redisCheck = redis.problem() != null
        ? Future.succeededFuture(redis.problem())
        : redis.<String>call(c -> c.ping()).map(pong -> (String) null)
            .otherwise(err -> "Redis does not answer: " + err.getMessage());
    redisCheck.onComplete(ar -> {
      String redisProblem = ar.succeeded() ? ar.result() : ar.cause().getMessage();
      components.put("redis", redisProblem == null ? "" : redisProblem);
      JsonObject body = new JsonObject();
      JsonObject comps = new JsonObject();
      JsonArray reasons = new JsonArray();
      components.forEach((name, problem) -> {
        comps.put(name, problem.isEmpty() ? "UP" : problem);
        if (!problem.isEmpty()) {
          reasons.add(name + ": " + problem);
        }
      });
      boolean up = reasons.isEmpty();
      body.put("status", up ? "UP" : "DOWN").put("components", comps);
      if (!up) {
        body.put("reasons", reasons);
      }
      ctx.response().setStatusCode(up ? 200 : 503);
      ctx.json(body);
    });
  }

  /**
   * No platform posts forms; the body handler would decode a form body itself, and a malformed
   * one (a stray {@code %}) made it throw, a 500 whose message quoted the body. 415 before that.
   */
  private void refuseForms(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String t = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT).trim();
    if (t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/")) {
      ctx.fail(HttpFailure.unsupportedType("webhooks take no form bodies"));
      return;
    }
    ctx.next();
  }

  private void handleWebhook(RoutingContext ctx) {
    String platform = ctx.pathParam("platform");
    String channelId = ctx.pathParam("channelId");
    WebhookAdapter adapter = adapters.get(platform);
    if (adapter == null || !CHANNEL.matcher(channelId).matches()) {
      ctx.fail(HttpFailure.notFound("unknown platform or channel"));
      return;
    }
    WebhookRequest req = new WebhookRequest(ctx.request().method(), channelId,
        ctx.request().headers(), ctx.queryParams(), ctx.body().buffer() == null
            ? io.vertx.core.buffer.Buffer.buffer() : ctx.body().buffer(), Instant.now());
    WebhookOutcome outcome = adapter.parse(req);
    if (outcome instanceof WebhookOutcome.Handshake h) {
      ctx.response().putHeader("Content-Type", h.contentType()).end(h.body());
    } else if (outcome instanceof WebhookOutcome.Ignored i) {
      inboundOutcomes.accept(platform, "ignored");
      respond(ctx, i.contentType(), i.ackBody(), new JsonObject().put("status", "ignored").put("reason", i.reason()));
    } else if (outcome instanceof WebhookOutcome.Accepted a) {
      inbox.record(a.message(), a.route()).onComplete(ar -> {
        if (ar.failed()) {
          ctx.fail(ar.cause());
          return;
        }
        boolean duplicate = ar.result() == null;
        inboundOutcomes.accept(platform, duplicate ? "duplicate" : "accepted");
        LOG.info("webhook {}/{} message {} {}", platform, channelId, a.message().messageId(),
            duplicate ? "duplicate" : "recorded");
        respond(ctx, a.contentType(), a.ackBody(), new JsonObject()
            .put("status", duplicate ? "duplicate" : "accepted").put("id", a.message().messageId()));
      });
    }
  }

  private static void respond(RoutingContext ctx, String contentType, String body, JsonObject fallback) {
    if (body == null) {
      ctx.json(fallback);
    } else {
      ctx.response().putHeader("Content-Type", contentType).end(body);
    }
  }

  private void handleSandboxList(RoutingContext ctx) {
    int limit;
    try {
      limit = Integer.parseInt(ctx.queryParams().get("limit") == null ? "200" : ctx.queryParams().get("limit"));
    } catch (NumberFormatException e) {
      ctx.fail(HttpFailure.badPayload("limit: a whole number"));
      return;
    }
    sandbox.list(ctx.queryParams().get("conversation"), ctx.queryParams().get("group"), Math.max(1, limit))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail);
  }

  private void handleSandboxClear(RoutingContext ctx) {
    sandbox.clear().onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void handleFailure(RoutingContext ctx) {
    Throwable err = ctx.failure();
    int status;
    String reason;
    if (err instanceof HttpFailure f) {
      status = f.status();
      reason = f.getMessage();
    } else if (err instanceof RedisUnavailable) {
      status = 503;
      reason = "storage unavailable, retry later";
    } else if (err == null && ctx.statusCode() > 0) {
      status = ctx.statusCode();
      reason = status == 413 ? "body too large" : "request failed";
    } else {
      status = 500;
      reason = "internal error";
      // The exception's message may quote the request (a decoder's does): only its type and
      // origin at ERROR, the whole of it at DEBUG.
      StackTraceElement[] where = err == null ? new StackTraceElement[0] : err.getStackTrace();
      LOG.error("unhandled failure on {} {}: {} at {}", ctx.request().method(), ctx.request().path(),
          err == null ? "no exception" : err.getClass().getName(), where.length > 0 ? where[0] : "?");
      LOG.debug("unhandled failure on {} {}", ctx.request().method(), ctx.request().path(), err);
    }
    if (ctx.response().ended()) {
      return;
    }
    if (status >= 400 && status < 500 && ctx.pathParam("platform") != null && adapters.containsKey(ctx.pathParam("platform"))) {
      inboundOutcomes.accept(ctx.pathParam("platform"), "rejected");
    }
    if (status >= 500 && status != 503) {
      LOG.warn("{} {} -> {}", ctx.request().method(), ctx.request().path(), status);
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("error", reason).encode());
  }
}
