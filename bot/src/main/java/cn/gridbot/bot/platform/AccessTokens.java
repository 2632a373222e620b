package cn.gridbot.bot.platform;

import cn.gridbot.bot.outbound.RetryableSendFailure;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Platform access tokens (公众号 / WeCom access_token, Feishu tenant_access_token) shared by every
 * instance through Redis. One instance refreshes under a lock, because a new 公众号 token
 * invalidates the old one: instances refreshing on their own would log each other out.
 *
 * <p>Keys: {@code <prefix>token:<name>} = {@code {"token","exp"}} (exp in epoch ms), TTL = the
 * token's lifetime; {@code <prefix>token:<name>:lock} = owner id, {@code SET NX PX 10000}.
 * A token is refreshed once less than {@link #REFRESH_MARGIN_MS} of its life is left; while another
 * instance refreshes, the old one is used as long as it is still valid.
 */
public final class AccessTokens {
  static final long REFRESH_MARGIN_MS = 300_000;
  static final long LOCK_MS = 10_000;
  static final int WAIT_ROUNDS = 40;
  static final long WAIT_STEP_MS = 150;

  /** A fresh token and its lifetime in seconds, as the platform answered. */
  public record Token(String value, long expiresInSeconds) {
    @Override
    public String toString() {
      return "Token[***, expiresIn=" + expiresInSeconds + "]";
    }
  }

  private static final Script RELEASE = new Script("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """, ScriptOutputType.INTEGER);

  private static final Script DROP = new Script("""
      local v = redis.call('GET', KEYS[1])
      if v and cjson.decode(v)['token'] == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """, ScriptOutputType.INTEGER);

  private final Vertx vertx;
  private final Redis redis;
  private final String owner = UUID.randomUUID().toString();

  public AccessTokens(Vertx vertx, Redis redis) {
    this.vertx = vertx;
    this.redis = redis;
  }

  String key(String name) {
    return redis.key("token:" + name);
  }

  /**
   * The current token of {@code name} (e.g. {@code wechat-mp:heping}), fetched with
   * {@code fetch} when there is none or it is about to expire. Called on an event loop.
   */
  public Future<String> get(String name, Supplier<Future<Token>> fetch) {
    return attempt(name, fetch, 0);
  }

  private Future<String> attempt(String name, Supplier<Future<Token>> fetch, int round) {
    return redis.<String>call(c -> c.get(key(name))).compose(raw -> {
      long now = System.currentTimeMillis();
      JsonObject cached = raw == null ? null : new JsonObject(raw);
      long exp = cached == null ? 0 : cached.getLong("exp", 0L);
      if (cached != null && exp - now > REFRESH_MARGIN_MS) {
        return Future.succeededFuture(cached.getString("token"));
      }
      return redis.<String>call(c -> c.set(key(name) + ":lock", owner, SetArgs.Builder.nx().px(LOCK_MS)))
          .compose(ok -> {
            if ("OK".equals(ok)) {
              // Read again under the lock: a refresh that ended between our read and our lock
              // left a fresh token, and fetching another would log that one out.
              return redis.<String>call(c -> c.get(key(name))).compose(again -> {
                JsonObject now2 = again == null ? null : new JsonObject(again);
                if (now2 != null && now2.getLong("exp", 0L) - System.currentTimeMillis() > REFRESH_MARGIN_MS) {
                  return RELEASE.<Long>run(redis, new String[] {key(name) + ":lock"}, owner)
                      .transform(ar -> Future.succeededFuture(now2.getString("token")));
                }
                return refresh(name, fetch);
              });
            }
            if (cached != null && exp > now) {
              return Future.succeededFuture(cached.getString("token"));
            }
            if (round >= WAIT_ROUNDS) {
              return Future.failedFuture(new RetryableSendFailure(name + ": token refresh by another instance is taking long"));
            }
            Promise<String> p = Promise.promise();
            vertx.setTimer(WAIT_STEP_MS, id -> attempt(name, fetch, round + 1).onComplete(p));
            return p.future();
          });
    });
  }

  private Future<String> refresh(String name, Supplier<Future<Token>> fetch) {
    String lock = key(name) + ":lock";
    Future<Token> fetched;
    try {
      fetched = fetch.get();
    } catch (RuntimeException e) {
      fetched = Future.failedFuture(e);
    }
    return fetched.compose(t -> {
      long lifeMs = Math.max(1, t.expiresInSeconds()) * 1000;
      String json = new JsonObject().put("token", t.value()).put("exp", System.currentTimeMillis() + lifeMs).encode();
      return redis.<String>call(c -> c.set(key(name), json, SetArgs.Builder.px(lifeMs))).map(ok -> t.value());
    }).eventually(() -> RELEASE.<Long>run(redis, new String[] {lock}, owner));
  }

  /**
   * Runs {@code call} with the current token; when the platform rejects the token
   * ({@link PlatformCall.TokenRejected}), drops it and tries once more with a fresh one.
   */
  public <T> Future<T> withToken(String name, Supplier<Future<Token>> fetch,
      java.util.function.Function<String, Future<T>> call) {
    return get(name, fetch).compose(token -> call.apply(token).recover(err -> {
      if (!(err instanceof PlatformCall.TokenRejected)) {
        return Future.failedFuture(err);
      }
      return invalidate(name, token).compose(v -> get(name, fetch)).compose(call::apply)
          .recover(again -> Future.failedFuture(again instanceof PlatformCall.TokenRejected
              ? new RetryableSendFailure(again.getMessage()) : again));
    }));
  }

  /** Drops {@code token} if it is still the shared one (the platform said it is invalid). */
  public Future<Void> invalidate(String name, String token) {
    return DROP.<Long>run(redis, new String[] {key(name)}, token).mapEmpty();
  }
}
