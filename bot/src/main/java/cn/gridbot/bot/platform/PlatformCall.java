package cn.gridbot.bot.platform;

import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.outbound.RetryableSendFailure;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Set;

/**
 * One HTTP call to a platform API, with the platforms' error semantics: HTTP 200 does not mean
 * success, the body's {@code errcode}/{@code code} does. Network errors, 5xx, 429 and the given
 * transient codes fail with {@link RetryableSendFailure}; other non-zero codes with
 * {@link PermanentSendFailure}. Failure messages name the platform, the code and never the URL
 * (URLs carry keys and tokens).
 */
public final class PlatformCall {
  static final long TIMEOUT_MS = 10_000;

  /** How a platform reports errors. */
  public record Codes(String platform, Set<Integer> transientCodes, Set<Integer> tokenCodes) {
    /**
     * The body's code: {@code errcode} (WeChat, WeCom, DingTalk), else {@code code} (Feishu), else
     * the legacy Feishu {@code StatusCode}; 0 when none of them is present.
     */
    static int code(JsonObject body) {
      for (String k : new String[] {"errcode", "code", "StatusCode"}) {
        if (body.getValue(k) instanceof Number n) {
          return n.intValue();
        }
      }
      return 0;
    }
  }

  /** A token the platform said is invalid or expired; the caller drops it and retries. */
  public static final class TokenRejected extends RuntimeException {
    public TokenRejected(String message) {
      super(message, null, false, false);
    }
  }

  private PlatformCall() {}

  public static Future<JsonObject> postJson(WebClient client, String url, JsonObject body, Codes codes) {
    return send(client.postAbs(url).timeout(TIMEOUT_MS), Buffer.buffer(body.encode()), codes, null);
  }

  public static Future<JsonObject> postJson(WebClient client, String url, JsonObject body, Codes codes,
      String bearer) {
    return send(client.postAbs(url).timeout(TIMEOUT_MS), Buffer.buffer(body.encode()), codes, bearer);
  }

  public static Future<JsonObject> get(WebClient client, String url, Codes codes) {
    return send(client.getAbs(url).timeout(TIMEOUT_MS), null, codes, null);
  }

  private static Future<JsonObject> send(HttpRequest<Buffer> req, Buffer body, Codes codes, String bearer) {
    if (bearer != null) {
      req.putHeader("Authorization", "Bearer " + bearer);
    }
    Future<HttpResponse<Buffer>> f;
    if (body != null) {
      req.putHeader("Content-Type", "application/json; charset=utf-8");
      f = req.sendBuffer(body);
    } else {
      f = req.send();
    }
    return f.transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new RetryableSendFailure(codes.platform() + ": network error: "
            + ar.cause().getClass().getSimpleName()));
      }
      return Future.succeededFuture(check(ar.result(), codes));
    });
  }

  static JsonObject check(HttpResponse<Buffer> resp, Codes codes) {
    int status = resp.statusCode();
    JsonObject json = null;
    try {
      json = resp.bodyAsJsonObject();
    } catch (RuntimeException notJson) {
      // handled below
    }
    String p = codes.platform();
    if (json != null) {
      int code = Codes.code(json);
      if (code != 0) {
        String msg = p + ": code " + code + " (HTTP " + status + ")";
        if (codes.tokenCodes().contains(code)) {
          throw new TokenRejected(msg);
        }
        if (codes.transientCodes().contains(code) || status == 429 || status >= 500) {
          throw new RetryableSendFailure(msg);
        }
        throw new PermanentSendFailure(msg);
      }
    }
    if (status == 429 || status >= 500) {
      throw new RetryableSendFailure(p + ": HTTP " + status);
    }
    if (status >= 300) {
      throw new PermanentSendFailure(p + ": HTTP " + status);
    }
    if (json == null) {
      throw new PermanentSendFailure(p + ": the answer is not JSON (HTTP " + status + ")");
    }
    return json;
  }
}
