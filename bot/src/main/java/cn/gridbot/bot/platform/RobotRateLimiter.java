package cn.gridbot.bot.platform;

import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.outbound.RetryableSendFailure;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Keeps group-robot sends under the platform's per-robot limit (WeCom and DingTalk: 20 per
 * minute; Feishu custom bots: 100 per minute), across all instances, with a sliding one-minute
 * window in Redis. Going over is worse than waiting: WeCom counts refused sends against the limit
 * and DingTalk throttles the robot for 10 minutes. All parts of one message are reserved at once,
 * so a message is never cut off half-way by the limiter.
 *
 * <p>Key: {@code <prefix>ratelimit:<platform>:<first 16 hex of SHA-256(webhook URL)>}, a sorted set
 * of send times, TTL one minute.
 */
public final class RobotRateLimiter {
  public static final int WECOM_PER_MINUTE = 20;
  public static final int DINGTALK_PER_MINUTE = 20;
  public static final int FEISHU_PER_MINUTE = 100;
  static final long WINDOW_MS = 60_000;

  /**
   * KEYS[1] zset; ARGV now, window, limit, n, member prefix. Returns -1 when reserved, else the
   * milliseconds until enough of the window has passed for {@code n} more sends.
   */
  private static final Script RESERVE = new Script("""
      local now = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local limit = tonumber(ARGV[3])
      local n = tonumber(ARGV[4])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      local used = redis.call('ZCARD', KEYS[1])
      if used + n > limit then
        local oldest = redis.call('ZRANGE', KEYS[1], used + n - limit - 1, used + n - limit - 1, 'WITHSCORES')
        if oldest[2] then return math.max(1, tonumber(oldest[2]) + window - now) end
        return window
      end
      for i = 1, n do redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. i) end
      redis.call('PEXPIRE', KEYS[1], window)
      return -1
      """, ScriptOutputType.INTEGER);

  /**
   * KEYS[1] zset; ARGV now, window, member prefix, n. Moves a reservation's sends to {@code now}
   * (after they went out), so that the window counts from when the platform may have seen them.
   */
  private static final Script SENT = new Script("""
      for i = 1, tonumber(ARGV[4]) do redis.call('ZADD', KEYS[1], ARGV[1], ARGV[3] .. ':' .. i) end
      redis.call('PEXPIRE', KEYS[1], ARGV[2])
      return 1
      """, ScriptOutputType.INTEGER);

  private final Redis redis;
  private final double bulkShare;
  private final long windowMs;

  /**
   * @param bulkShare the share of a robot's limit that bulk notices may use, so that a broadcast
   *     leaves room for emergencies and assignments to the same robot
   */
  public RobotRateLimiter(Redis redis, double bulkShare) {
    this(redis, bulkShare, WINDOW_MS);
  }

  /**
   * @param windowMs the window the per-minute limits apply to: the platforms' minute; shorter only
   *     against a stub platform that enforces the same shorter window (tests, benchmarks)
   */
  public RobotRateLimiter(Redis redis, double bulkShare, long windowMs) {
    this.redis = redis;
    this.bulkShare = bulkShare;
    this.windowMs = windowMs;
  }

  /**
   * Reserves {@code parts} sends to the robot; fails with {@link RetryableSendFailure} when the
   * window is full (the outbox retries later) and with {@link PermanentSendFailure} when one
   * message alone needs more sends than the limit allows.
   */
  public Future<Void> reserve(String platform, String webhook, int parts, int robotPerMinute,
      cn.gridbot.handlers.Outgoing.Lane lane) {
    return reserve(platform, webhook, parts, robotPerMinute, lane, UUID.randomUUID().toString());
  }

  /**
   * Reserves {@code parts} sends (as {@link #reserve}), makes them with {@code send}, and then
   * counts them from the moment {@code send} ended, whatever its outcome. The platform counts a
   * send when it arrives, which can be well after the reservation (a new connection, a slow
   * network, a pause): counted from the reservation, the next window's first sends could reach the
   * platform while it still counts the previous window's late ones, and go over its limit.
   */
  public Future<Void> send(String platform, String webhook, int parts, int robotPerMinute,
      cn.gridbot.handlers.Outgoing.Lane lane, java.util.function.Supplier<Future<Void>> send) {
    String member = UUID.randomUUID().toString();
    return reserve(platform, webhook, parts, robotPerMinute, lane, member)
        .compose(v -> send.get().eventually(() -> SENT.<Long>run(redis, new String[] {key(platform, webhook)},
            Long.toString(System.currentTimeMillis()), Long.toString(windowMs), member, Integer.toString(parts))
            .recover(err -> Future.succeededFuture())));
  }

  private String key(String platform, String webhook) {
    return redis.key("ratelimit:" + platform + ":" + HexFormat.of().formatHex(
        Signatures.sha256().digest(webhook.getBytes(StandardCharsets.UTF_8))).substring(0, 16));
  }

  private Future<Void> reserve(String platform, String webhook, int parts, int robotPerMinute,
      cn.gridbot.handlers.Outgoing.Lane lane, String member) {
    int perMinute = lane == cn.gridbot.handlers.Outgoing.Lane.BULK
        ? Math.max(1, (int) Math.floor(robotPerMinute * bulkShare)) : robotPerMinute;
    if (parts > perMinute) {
      return Future.failedFuture(new PermanentSendFailure(platform + ": a message of " + parts
          + " parts exceeds the robot's " + perMinute + " per minute"));
    }
    return RESERVE.<Long>run(redis, new String[] {key(platform, webhook)}, Long.toString(System.currentTimeMillis()),
            Long.toString(windowMs), Integer.toString(perMinute), Integer.toString(parts), member)
        .compose(wait -> wait < 0 ? Future.<Void>succeededFuture()
            : Future.failedFuture(RetryableSendFailure.notSent(platform + ": robot at its limit of " + perMinute
                + " messages per minute", wait)));
  }
}
