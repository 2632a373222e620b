package cn.gridbot.bot.platform.sandbox;

import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.OutgoingCodec;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The sandbox channel's "platform": records what the bot would send, in a capped Redis list
 * ({@code <prefix>sandbox:sent}, newest first), readable through {@code GET /sandbox/messages}.
 * Every directory group of the demo is on the sandbox, so nothing leaves the machine.
 */
public final class SandboxOutbox implements ChannelSender {
  /** KEYS[1] list; ARGV[1] record, ARGV[2] last index kept. One call per message. */
  private static final cn.gridbot.bot.redis.Script RECORD = new cn.gridbot.bot.redis.Script("""
      redis.call('LPUSH', KEYS[1], ARGV[1])
      redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]))
      return 1
      """, io.lettuce.core.ScriptOutputType.INTEGER);

  private final Redis redis;
  private final int keep;
  private final io.vertx.core.Vertx vertx;
  private final long delayMs;

  public SandboxOutbox(Redis redis, int keep) {
    this(null, redis, keep, 0);
  }

  /**
   * @param delayMs simulated platform latency per message (demos, tests of slow platforms); 0 = none
   */
  public SandboxOutbox(io.vertx.core.Vertx vertx, Redis redis, int keep, long delayMs) {
    this.vertx = vertx;
    this.delayMs = delayMs;
    this.redis = redis;
    this.keep = keep;
  }

  @Override
  public String platform() {
    return "sandbox";
  }

  String key() {
    return redis.key("sandbox:sent");
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    if (delayMs > 0 && vertx != null) {
      io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
      vertx.setTimer(delayMs, id -> record(message, idempotencyKey).onComplete(later));
      return later.future();
    }
    return record(message, idempotencyKey);
  }

  private Future<Void> record(Outgoing message, String idempotencyKey) {
    String record = OutgoingCodec.toJson(message).put("key", idempotencyKey)
        .put("at", System.currentTimeMillis()).encode();
    return RECORD.<Long>run(redis, new String[] {key()}, record, Integer.toString(keep - 1)).mapEmpty();
  }

  /** What was sent, oldest first, optionally only to one conversation or group. */
  public Future<JsonArray> list(String conversation, String group, int limit) {
    return redis.<List<String>>call(c -> c.lrange(key(), 0, keep - 1)).map(items -> {
      JsonArray out = new JsonArray();
      for (int i = items.size() - 1; i >= 0; i--) {
        JsonObject o = new JsonObject(items.get(i));
        if (conversation != null && !conversation.equals(o.getString("conversation"))) {
          continue;
        }
        if (group != null && !group.equals(o.getString("group"))) {
          continue;
        }
        out.add(o);
      }
      while (out.size() > limit) {
        out.remove(0);
      }
      return out;
    });
  }

  public Future<Void> clear() {
    return redis.<Long>call(c -> c.del(key())).mapEmpty();
  }
}
