package cn.gridbot.bot.inbound;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import cn.gridbot.handlers.InboundMessage;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;

/**
 * How many messages one sender (platform + channel + sender id) may have handled per minute,
 * counted in Redis so that every instance enforces the same limit. The window starts with the
 * sender's first message and lasts a minute. The first {@code limit} messages of a window are
 * {@link Verdict#ALLOW allowed}, the next one gets the polite answer ({@link Verdict#WARN}), the
 * rest are {@link Verdict#DROP dropped}.
 *
 * <p>Idempotent per message id: a retried entry (after a crash, or claimed by another instance)
 * gets the verdict it got the first time, so the polite answer is sent once.
 *
 * <p>Key: {@code <prefix>flood:<platform>:<channel>:<sender>}, a sorted set of the window's message
 * ids scored by arrival order, at most {@code limit + 1} members, expiring one minute after the
 * window's first message.
 */
public final class SenderLimit {
  /** The answer to a sender over the limit; it names the emergency numbers, since nothing else is read. */
  public static final String POLITE = "您发送得太频繁了，请稍后再试。紧急情况请直接拨打 110 / 119 / 120。";

  /** What to do with one message. */
  public enum Verdict { ALLOW, WARN, DROP }

  static final long WINDOW_MS = 60_000;

  /**
   * KEYS[1] the sender's zset; ARGV[1] message id, ARGV[2] limit, ARGV[3] window ms. Returns the
   * message's place in the window (0-based), or limit + 1 when it is past the polite answer.
   */
  private static final String COUNT_SOURCE = """
      local limit = tonumber(ARGV[2])
      local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
      if rank then return rank end
      local n = redis.call('ZCARD', KEYS[1])
      if n > limit then return limit + 1 end
      redis.call('ZADD', KEYS[1], n, ARGV[1])
      if n == 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
      return n
      """;
  private static final Script COUNT = new Script(COUNT_SOURCE, ScriptOutputType.INTEGER);

  /**
   * The same count, done only if the conversation lock is taken in the same step: KEYS[2] the lock
   * key, ARGV[4] its token, ARGV[5] its lease in ms (the rest as {@link #COUNT}). Returns -1, having
   * done nothing, when the lock is busy.
   */
  private static final Script LOCK_AND_COUNT = new Script("""
      if not redis.call('SET', KEYS[2], ARGV[4], 'NX', 'PX', ARGV[5]) then return -1 end
      """ + COUNT_SOURCE, ScriptOutputType.INTEGER);

  private final Redis redis;
  private final int limit;

  /** @param limit messages per sender and minute; 0 = no limit */
  public SenderLimit(Redis redis, int limit) {
    this.redis = redis;
    this.limit = limit;
  }

  public boolean enabled() {
    return limit > 0;
  }

  /** Counts the message and says what to do with it. Called on an event loop. */
  public Future<Verdict> check(InboundMessage m) {
    if (!enabled()) {
      return Future.succeededFuture(Verdict.ALLOW);
    }
    return COUNT.<Long>run(redis, new String[] {key(m)}, m.messageId(), Integer.toString(limit), Long.toString(WINDOW_MS))
        .map(this::verdict);
  }

  /**
   * Takes the conversation lock ({@code lockKey} set to {@code token} if absent, for
   * {@code leaseMs}) and, only if it got it, counts the message, in one script: a
   * {@link cn.gridbot.bot.store.ConversationLock.Attempt}. Completes with null when the lock is
   * busy (nothing counted). Only when {@link #enabled}. Called on an event loop.
   */
  public Future<Verdict> checkLocked(InboundMessage m, String lockKey, String token, long leaseMs) {
    return LOCK_AND_COUNT.<Long>run(redis, new String[] {key(m), lockKey}, m.messageId(), Integer.toString(limit),
        Long.toString(WINDOW_MS), token, Long.toString(leaseMs)).map(place -> place < 0 ? null : verdict(place));
  }

  private String key(InboundMessage m) {
    return redis.key("flood:" + m.platform() + ":" + m.channelId() + ":" + m.senderId());
  }

  private Verdict verdict(long place) {
    return place < limit ? Verdict.ALLOW : place == limit ? Verdict.WARN : Verdict.DROP;
  }
}
