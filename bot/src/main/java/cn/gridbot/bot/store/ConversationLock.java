package cn.gridbot.bot.store;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.UUID;

/**
 * A per-conversation lock in Redis, so that two instances never handle two messages of one
 * resident at the same time (the second would not see the first one's question or ticket).
 * Held at most {@code leaseMs}; released only by its holder.
 */
public final class ConversationLock {
  private static final Script RELEASE = new Script("""
      if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
      return 0
      """, ScriptOutputType.INTEGER);

  private final Vertx vertx;
  private final Redis redis;
  private final long leaseMs;

  public ConversationLock(Vertx vertx, Redis redis, long leaseMs) {
    this.vertx = vertx;
    this.redis = redis;
    this.leaseMs = leaseMs;
  }

  /** Completes with a token once the lock is held; fails after about {@code leaseMs} of waiting. */
  public Future<String> acquire(String conversation) {
    String token = UUID.randomUUID().toString();
    Promise<String> p = Promise.promise();
    attempt(redis.key("lock:conv:" + conversation), token, System.currentTimeMillis() + leaseMs, p);
    return p.future();
  }

  private void attempt(String key, String token, long giveUpAt, Promise<String> p) {
    redis.<String>call(c -> c.set(key, token, SetArgs.Builder.nx().px(leaseMs))).onComplete(ar -> {
      if (ar.failed()) {
        p.fail(ar.cause());
      } else if ("OK".equals(ar.result())) {
        p.complete(token);
      } else if (System.currentTimeMillis() > giveUpAt) {
        p.fail(new IllegalStateException("conversation busy"));
      } else {
        vertx.setTimer(20, id -> attempt(key, token, giveUpAt, p));
      }
    });
  }

  public Future<Void> release(String conversation, String token) {
    return RELEASE.<Long>run(redis, new String[] {redis.key("lock:conv:" + conversation)}, token).mapEmpty();
  }
}
