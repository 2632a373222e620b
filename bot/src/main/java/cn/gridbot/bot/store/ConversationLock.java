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
    return acquire(conversation, (key, token, lease) -> redis.<String>call(c -> c.set(key, token,
        SetArgs.Builder.nx().px(lease))).map(ok -> "OK".equals(ok) ? Boolean.TRUE : null)).map(Held::token);
  }

  /**
   * One try at taking the lock: a command or script that sets {@code key} to {@code token} with
   * NX and a lease of {@code leaseMs} and may do more in the same atomic step; its future holds
   * what it found, or null when the lock was busy (then nothing else may have been done).
   */
  @FunctionalInterface
  public interface Attempt<T> {
    Future<T> run(String key, String token, long leaseMs);
  }

  /** A lock held: the token to release it with, and what the attempt that took it returned. */
  public record Held<T>(String token, T value) {}

  /** Like {@link #acquire(String)}, with {@code attempt} taking the lock (and doing more with it). */
  public <T> Future<Held<T>> acquire(String conversation, Attempt<T> attempt) {
    String token = UUID.randomUUID().toString();
    Promise<Held<T>> p = Promise.promise();
    attempt(key(conversation), token, System.currentTimeMillis() + leaseMs, attempt, p);
    return p.future();
  }

  /** The Redis key of a conversation's lock. */
  public String key(String conversation) {
    return redis.key("lock:conv:" + conversation);
  }

  private <T> void attempt(String key, String token, long giveUpAt, Attempt<T> attempt, Promise<Held<T>> p) {
    attempt.run(key, token, leaseMs).onComplete(ar -> {
      if (ar.failed()) {
        // The attempt may have taken the lock before failing (a timeout): give it back, best effort.
        RELEASE.<Long>run(redis, new String[] {key}, token);
        p.fail(ar.cause());
      } else if (ar.result() != null) {
        p.complete(new Held<>(token, ar.result()));
      } else if (System.currentTimeMillis() > giveUpAt) {
        p.fail(new IllegalStateException("conversation busy"));
      } else {
        vertx.setTimer(20, id -> attempt(key, token, giveUpAt, attempt, p));
      }
    });
  }

  public Future<Void> release(String conversation, String token) {
    return RELEASE.<Long>run(redis, new String[] {key(conversation)}, token).mapEmpty();
  }
}
