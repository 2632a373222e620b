package cn.gridbot.bot.inbound;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import cn.gridbot.handlers.InboundMessage;
import io.lettuce.core.ScriptOutputType;
import cn.gridbot.bot.http.WebhookOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The durable record of accepted inbound messages: a Redis stream plus a dedupe key per platform
 * message id, written by one script, so that a message is either recorded once or not at all.
 * The webhook edge acknowledges the platform only after {@link #record} succeeded.
 *
 * <p>Keys: {@code <prefix>inbox} (stream, field {@code msg} = JSON of the message, {@code conv} =
 * its conversation key),
 * {@code <prefix>inbox:seen:<platform>:<channel>:<id>} (string, TTL = dedupe window),
 * {@code <prefix>route:<platform>:<channel>:<conversation>} (list of reply routes, see {@link #record}).
 */
public final class Inbox {
  /**
   * KEYS[1] dedupe key, KEYS[2] stream, KEYS[3] reply-route list; ARGV[1] ttl seconds, ARGV[2]
   * message JSON, ARGV[3] route JSON or "", ARGV[4] route TTL in ms, ARGV[5] the conversation key
   * the pipeline partitions by (so that it need not decode the JSON for that).
   */
  private static final Script RECORD = new Script("""
      if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
        if ARGV[3] ~= '' then
          redis.call('RPUSH', KEYS[3], ARGV[3])
          redis.call('LTRIM', KEYS[3], -20, -1)
          redis.call('PEXPIRE', KEYS[3], ARGV[4])
        end
        return redis.call('XADD', KEYS[2], '*', 'msg', ARGV[2], 'conv', ARGV[5])
      end
      return false
      """, ScriptOutputType.VALUE);

  /** No reply route is kept longer than a day (platforms give them 1 to 2 hours). */
  static final long MAX_ROUTE_TTL_MS = 24 * 3_600_000L;

  /** Consumer group of the pipeline on the inbox stream. */
  public static final String GROUP = "pipeline";

  private final Redis redis;
  private final long dedupeTtlSeconds;

  public Inbox(Redis redis, BotConfig.Inbox config) {
    this.redis = redis;
    this.dedupeTtlSeconds = config.dedupeTtl().toSeconds();
  }

  public Redis redis() {
    return redis;
  }

  public String streamKey() {
    return redis.key("inbox");
  }

  public String failedKey() {
    return redis.key("inbox:failed");
  }

  String seenKey(InboundMessage m) {
    return redis.key("inbox:seen:" + m.platform() + ":" + m.channelId() + ":" + m.messageId());
  }

  /**
   * Records a message durably. Called on an event loop.
   *
   * @return the stream entry id, or {@code null} when the message was already recorded (a retry)
   */
  public Future<String> record(InboundMessage m) {
    return record(m, null);
  }

  /**
   * Records a message and, in the same script, appends its reply route (if any) to
   * {@link #routeKey}: a list of {@code {"url","exp","once"}} JSON, newest last, at most 20,
   * expiring with the longest-lived route.
   */
  public Future<String> record(InboundMessage m, WebhookOutcome.ReplyRoute route) {
    String[] keys = {seenKey(m), streamKey(), routeKey(redis, m.platform(), m.channelId(), m.conversationId())};
    String routeJson = "";
    long ttlMs = 0;
    if (route != null) {
      // Capped: a platform's expiry far in the future (or garbage) must not fail PEXPIRE → 500.
      ttlMs = Math.min(route.expiresAtMillis() - System.currentTimeMillis(), MAX_ROUTE_TTL_MS);
      if (ttlMs > 0) {
        routeJson = new JsonObject().put("url", route.url()).put("exp", route.expiresAtMillis())
            .put("once", route.singleUse()).encode();
      }
    }
    return RECORD.run(redis, keys, Long.toString(dedupeTtlSeconds), InboundCodec.encode(m), routeJson,
        Long.toString(Math.max(ttlMs, 1)), Pipeline.conversationOf(m));
  }

  /** The reply routes of one conversation: {@code <prefix>route:<platform>:<channel>:<conversation>}. */
  public static String routeKey(Redis redis, String platform, String channel, String conversation) {
    return redis.key("route:" + platform + ":" + channel + ":" + conversation);
  }
}
