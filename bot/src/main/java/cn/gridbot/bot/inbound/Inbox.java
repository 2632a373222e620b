package cn.gridbot.bot.inbound;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import cn.gridbot.handlers.InboundMessage;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;

/**
 * The durable record of accepted inbound messages: a Redis stream plus a dedupe key per platform
 * message id, written by one script, so that a message is either recorded once or not at all.
 * The webhook edge acknowledges the platform only after {@link #record} succeeded.
 *
 * <p>Keys: {@code <prefix>inbox} (stream, field {@code msg} = JSON of the message),
 * {@code <prefix>inbox:seen:<platform>:<channel>:<id>} (string, TTL = dedupe window).
 */
public final class Inbox {
  /** KEYS[1] dedupe key, KEYS[2] stream; ARGV[1] ttl seconds, ARGV[2] message JSON. */
  private static final Script RECORD = new Script("""
      if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
        return redis.call('XADD', KEYS[2], '*', 'msg', ARGV[2])
      end
      return false
      """, ScriptOutputType.VALUE);

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
    String[] keys = {seenKey(m), streamKey()};
    return RECORD.run(redis, keys, Long.toString(dedupeTtlSeconds), InboundCodec.encode(m));
  }
}
