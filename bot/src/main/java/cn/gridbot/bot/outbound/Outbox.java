package cn.gridbot.bot.outbound;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The durable queue of outgoing messages: one Redis stream per priority lane
 * ({@code <prefix>outbox:emergency|interactive|reminder|bulk}, fields {@code out} = JSON,
 * {@code key} = idempotency key, {@code tag} = broadcast id or empty, {@code attempt}, {@code dest} =
 * destination, absent from entries put back from the delayed set or the dead letters), written by
 * {@link cn.gridbot.bot.store.DecisionWriter} in the same script as the state change that caused
 * them, and drained by {@link Delivery}. Entries waiting for a retry or a rate-limit window sit in
 * the sorted set {@code <prefix>outbox:delayed} (score = when).
 */
public final class Outbox {
  public static final String GROUP = "delivery";

  private final Redis redis;

  public Outbox(Redis redis) {
    this.redis = redis;
  }

  public String streamKey(Outgoing.Lane lane) {
    return redis.key("outbox:" + lane.name().toLowerCase());
  }

  public String delayedKey() {
    return redis.key("outbox:delayed");
  }

  public String deadKey() {
    return redis.key("outbox:dead");
  }

  /** The fields of a new outbox entry, as XADD arguments after the stream key and id. */
  public static String[] fields(Outgoing o, String tag) {
    return new String[] {"out", OutgoingCodec.encode(o), "key", UUID.randomUUID().toString(),
        "tag", tag == null ? "" : tag, "attempt", "0", "dest", destination(o)};
  }

  /**
   * Where a message goes: its group, or the conversation a reply answers. Stored beside the JSON
   * as {@code dest} so that delivery can partition entries without decoding them.
   */
  static String destination(Outgoing o) {
    if (o instanceof Outgoing.GroupPush g) {
      return g.groupId() == null ? "" : g.groupId();
    }
    Outgoing.Reply r = (Outgoing.Reply) o;
    return r.platform() + ":" + r.channelId() + ":" + r.conversationId();
  }

  /** An entry as stored in the delayed set (self-contained, so it can go back to its lane). */
  static String delayed(Outgoing.Lane lane, java.util.Map<String, String> body, long attempt, String reason) {
    return new JsonObject().put("lane", lane.name()).put("out", body.get("out")).put("key", body.get("key"))
        .put("tag", body.getOrDefault("tag", "")).put("attempt", attempt).put("reason", reason)
        .put("nonce", UUID.randomUUID().toString()).encode();
  }
}
