package cn.gridbot.bot.outbound;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import cn.gridbot.handlers.Outgoing;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.util.List;

/**
 * The durable queue of outgoing messages: a Redis stream ({@code <prefix>outbox}, field
 * {@code out} = JSON). The pipeline writes a message's decisions and acknowledges the inbound
 * entry in one script, so a crash leaves either both or neither.
 */
public final class Outbox {
  /**
   * KEYS[1] outbox stream, KEYS[2] inbox stream, KEYS[3] inbox attempts hash;
   * ARGV[1] inbox group, ARGV[2] inbox entry id, ARGV[3..] outgoing JSON.
   */
  private static final Script COMMIT = new Script("""
      for i = 3, #ARGV do
        redis.call('XADD', KEYS[1], '*', 'out', ARGV[i])
      end
      redis.call('XACK', KEYS[2], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[2], ARGV[2])
      redis.call('HDEL', KEYS[3], ARGV[2])
      return #ARGV - 2
      """, ScriptOutputType.INTEGER);

  public static final String GROUP = "delivery";

  private final Redis redis;

  public Outbox(Redis redis) {
    this.redis = redis;
  }

  public String streamKey() {
    return redis.key("outbox");
  }

  public String deadKey() {
    return redis.key("outbox:dead");
  }

  /**
   * Queues the messages and acknowledges the inbound entry they answer, atomically.
   * Called on an event loop.
   */
  public Future<Long> commit(List<Outgoing> messages, String inboxStream, String inboxGroup,
      String inboxAttemptsKey, String inboxEntryId) {
    String[] keys = {streamKey(), inboxStream, inboxAttemptsKey};
    String[] args = new String[messages.size() + 2];
    args[0] = inboxGroup;
    args[1] = inboxEntryId;
    for (int i = 0; i < messages.size(); i++) {
      args[i + 2] = OutgoingCodec.encode(messages.get(i));
    }
    return COMMIT.run(redis, keys, args);
  }
}
