package cn.gridbot.bot.platform;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A stand-in for one chat platform's API on a free port. It checks credentials and signatures the
 * way the platform does (with its own code, not GridBot's), answers HTTP 200 with the platform's
 * error codes, and can be told to rate-limit the next N calls.
 */
final class StubPlatform implements AutoCloseable {
  /** One accepted call: which endpoint and the JSON it carried. */
  record Call(String endpoint, JsonObject body) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final AtomicInteger rateLimitNext = new AtomicInteger();
  final AtomicInteger tokenFetches = new AtomicInteger();
  /** When above 0: a real sliding one-minute limit per robot, as DingTalk enforces it. */
  volatile int perMinute;
  /** The window of that limit: DingTalk's minute, or shorter for a test that crosses windows. */
  volatile long windowMs = 60_000;
  /** Sends refused because the limit above was exceeded. */
  final AtomicInteger limitViolations = new AtomicInteger();
  private final java.util.Deque<Long> window = new java.util.ArrayDeque<>();

  /** True when the call fits the robot's one-minute window (and is counted in it). */
  synchronized boolean withinLimit() {
    if (perMinute <= 0) {
      return true;
    }
    long now = System.currentTimeMillis();
    while (!window.isEmpty() && window.peekFirst() <= now - windowMs) {
      window.pollFirst();
    }
    if (window.size() >= perMinute) {
      limitViolations.incrementAndGet();
      return false;
    }
    window.addLast(now);
    return true;
  }
  /** Mutable platform state (the current access token), so a test can rotate it. */
  final Map<String, String> state = new ConcurrentHashMap<>();
  private final Vertx vertx;
  private final HttpServer server;

  private StubPlatform(Vertx vertx, Router router) {
    this.vertx = vertx;
    this.server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  String base() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  List<Call> calls(String endpoint) {
    return calls.stream().filter(c -> c.endpoint().equals(endpoint)).toList();
  }

  @Override
  public void close() {
    server.close().await();
  }

  static Router router(Vertx vertx) {
    Router r = Router.router(vertx);
    r.route().handler(BodyHandler.create());
    return r;
  }

  static void answer(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  static JsonObject err(String field, int code, String msg) {
    return new JsonObject().put(field, code).put(field.equals("code") ? "msg" : "errmsg", msg);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * DingTalk: sessionWebhook posts ({@code /robot/sendBySession}) and a custom robot
   * ({@code /robot/send?access_token=..&timestamp=..&sign=..}) with 加签 checked like DingTalk.
   */
  static StubPlatform dingTalk(Vertx vertx, String accessToken, String robotSecret) {
    Router r = router(vertx);
    StubPlatform[] self = new StubPlatform[1];
    r.post("/robot/sendBySession").handler(ctx -> {
      if (self[0].rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer(ctx, err("errcode", 130101, "send too fast, exceed 20 times per minute"));
        return;
      }
      self[0].calls.add(new Call("session:" + ctx.queryParams().get("session"), ctx.body().asJsonObject()));
      answer(ctx, err("errcode", 0, "ok"));
    });
    r.post("/robot/send").handler(ctx -> {
      if (!accessToken.equals(ctx.queryParams().get("access_token"))) {
        answer(ctx, err("errcode", 300005, "token is not exist"));
        return;
      }
      String ts = ctx.queryParams().get("timestamp");
      String sign = ctx.queryParams().get("sign"); // Vert.x has URL-decoded it
      if (ts == null || Math.abs(System.currentTimeMillis() - Long.parseLong(ts)) > 3_600_000L) {
        answer(ctx, err("errcode", 310000, "invalid timestamp"));
        return;
      }
      String expected = Base64.getEncoder().encodeToString(hmac(robotSecret.getBytes(StandardCharsets.UTF_8),
          (ts + "\n" + robotSecret).getBytes(StandardCharsets.UTF_8)));
      if (!expected.equals(sign)) {
        answer(ctx, err("errcode", 310000, "sign not match"));
        return;
      }
      if (self[0].rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 || !self[0].withinLimit()) {
        answer(ctx, err("errcode", 130101, "send too fast, exceed 20 times per minute"));
        return;
      }
      self[0].calls.add(new Call("robot", ctx.body().asJsonObject()));
      answer(ctx, err("errcode", 0, "ok"));
    });
    return self[0] = new StubPlatform(vertx, r);
  }

  /** WeChat Official Account: access_token (each new one invalidates the old) and 客服消息. */
  static StubPlatform weChatMp(Vertx vertx, String appId, String appSecret) {
    Router r = router(vertx);
    StubPlatform[] self = new StubPlatform[1];
    r.get("/cgi-bin/token").handler(ctx -> {
      if (!appId.equals(ctx.queryParams().get("appid")) || !appSecret.equals(ctx.queryParams().get("secret"))) {
        answer(ctx, err("errcode", 40125, "invalid appsecret"));
        return;
      }
      String token = "MPTOKEN" + self[0].tokenFetches.incrementAndGet();
      self[0].state.put("token", token);
      answer(ctx, new JsonObject().put("access_token", token).put("expires_in", 7200));
    });
    r.post("/cgi-bin/message/custom/send").handler(ctx -> {
      if (!ctx.queryParams().get("access_token").equals(self[0].state.get("token"))) {
        answer(ctx, err("errcode", 40001, "invalid credential, access_token is invalid or not latest"));
        return;
      }
      self[0].calls.add(new Call("custom", ctx.body().asJsonObject()));
      answer(ctx, err("errcode", 0, "ok"));
    });
    return self[0] = new StubPlatform(vertx, r);
  }

  /** WeCom: 群机器人 webhook (key checked, 45009 when rate-limited) and 智能机器人 response_url (single use). */
  static StubPlatform weCom(Vertx vertx, String robotKey, String corpId, String corpSecret) {
    Router r = router(vertx);
    StubPlatform[] self = new StubPlatform[1];
    r.get("/cgi-bin/gettoken").handler(ctx -> {
      if (!corpId.equals(ctx.queryParams().get("corpid")) || !corpSecret.equals(ctx.queryParams().get("corpsecret"))) {
        answer(ctx, err("errcode", 40001, "invalid credential"));
        return;
      }
      String token = "WCTOKEN" + self[0].tokenFetches.incrementAndGet();
      self[0].state.put("token", token);
      answer(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok").put("access_token", token).put("expires_in", 7200));
    });
    r.post("/cgi-bin/message/send").handler(ctx -> {
      if (!ctx.queryParams().get("access_token").equals(self[0].state.get("token"))) {
        answer(ctx, err("errcode", 42001, "access_token expired"));
        return;
      }
      self[0].calls.add(new Call("app", ctx.body().asJsonObject()));
      answer(ctx, err("errcode", 0, "ok"));
    });
    Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    r.post("/cgi-bin/webhook/send").handler(ctx -> {
      if (!robotKey.equals(ctx.queryParams().get("key"))) {
        answer(ctx, err("errcode", 93000, "invalid webhook url"));
        return;
      }
      if (self[0].rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer(ctx, err("errcode", 45009, "api freq out of limit"));
        return;
      }
      JsonObject b = ctx.body().asJsonObject();
      String type = b.getString("msgtype");
      if (!"text".equals(type) && !"markdown".equals(type)) {
        answer(ctx, err("errcode", 40008, "invalid message type"));
        return;
      }
      int limit = "markdown".equals(type) ? 4096 : 2048;
      if (b.getJsonObject(type).getString("content").getBytes(StandardCharsets.UTF_8).length > limit) {
        answer(ctx, err("errcode", 45002, "content size out of limit"));
        return;
      }
      self[0].calls.add(new Call("robot", b));
      answer(ctx, err("errcode", 0, "ok"));
    });
    r.post("/cgi-bin/aibot/response").handler(ctx -> {
      if (!usedCodes.add(ctx.queryParams().get("response_code"))) {
        answer(ctx, err("errcode", 40058, "response_code used"));
        return;
      }
      self[0].calls.add(new Call("response", ctx.body().asJsonObject()));
      answer(ctx, err("errcode", 0, "ok"));
    });
    return self[0] = new StubPlatform(vertx, r);
  }

  /** Feishu: tenant_access_token, im/v1/messages (Bearer checked) and a signed custom bot. */
  static StubPlatform feishu(Vertx vertx, String appId, String appSecret, String botSecret) {
    Router r = router(vertx);
    StubPlatform[] self = new StubPlatform[1];
    r.post("/open-apis/auth/v3/tenant_access_token/internal").handler(ctx -> {
      JsonObject b = ctx.body().asJsonObject();
      if (!appId.equals(b.getString("app_id")) || !appSecret.equals(b.getString("app_secret"))) {
        answer(ctx, err("code", 10014, "app secret invalid"));
        return;
      }
      self[0].tokenFetches.incrementAndGet();
      answer(ctx, new JsonObject().put("code", 0).put("msg", "ok").put("tenant_access_token", "t-stub").put("expire", 7200));
    });
    r.post("/open-apis/im/v1/messages").handler(ctx -> {
      if (!"Bearer t-stub".equals(ctx.request().getHeader("Authorization"))) {
        ctx.response().setStatusCode(400);
        answer(ctx, err("code", 99991663, "Invalid access token for authorization"));
        return;
      }
      self[0].calls.add(new Call("message", ctx.body().asJsonObject()));
      answer(ctx, new JsonObject().put("code", 0).put("msg", "success").put("data", new JsonObject()));
    });
    r.post("/open-apis/bot/v2/hook/:hook").handler(ctx -> {
      JsonObject b = ctx.body().asJsonObject();
      String ts = b.getString("timestamp");
      String expected = ts == null ? null : Base64.getEncoder().encodeToString(
          hmac((ts + "\n" + botSecret).getBytes(StandardCharsets.UTF_8), new byte[0]));
      if (ts == null || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(ts)) > 3600
          || !expected.equals(b.getString("sign"))) {
        answer(ctx, err("code", 19021, "sign match fail or timestamp is not within one hour from current time"));
        return;
      }
      if (self[0].rateLimitNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        answer(ctx, err("code", 11232, "frequency limited"));
        return;
      }
      self[0].calls.add(new Call("robot", b));
      answer(ctx, new JsonObject().put("StatusCode", 0).put("StatusMessage", "success").put("code", 0).put("msg", "success"));
    });
    return self[0] = new StubPlatform(vertx, r);
  }

  /** A generic-protocol peer that checks GridBot's reply signature. */
  static StubPlatform generic(Vertx vertx, String secret) {
    Router r = router(vertx);
    StubPlatform[] self = new StubPlatform[1];
    r.post("/reply").handler(ctx -> {
      String ts = ctx.request().getHeader("X-GridBot-Timestamp");
      String sig = ctx.request().getHeader("X-GridBot-Signature");
      byte[] raw = ctx.body().buffer().getBytes();
      byte[] data = (ts + "\n" + new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      String expected = HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), data));
      if (sig == null || !MessageDigest.isEqual(expected.getBytes(), sig.getBytes())) {
        ctx.response().setStatusCode(401).end();
        return;
      }
      self[0].calls.add(new Call("reply", ctx.body().asJsonObject()));
      ctx.response().setStatusCode(204).end();
    });
    return self[0] = new StubPlatform(vertx, r);
  }
}
