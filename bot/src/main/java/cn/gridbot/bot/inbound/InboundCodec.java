package cn.gridbot.bot.inbound;

import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON form of an {@link InboundMessage} as it is stored in the inbox stream. */
public final class InboundCodec {
  private InboundCodec() {}

  public static String encode(InboundMessage m) {
    return new JsonObject()
        .put("platform", m.platform()).put("channel", m.channelId()).put("id", m.messageId())
        .put("conversation", m.conversationId()).put("sender", m.senderId())
        .put("senderName", m.senderName()).put("senderMobile", m.senderMobile())
        .put("group", m.groupId()).put("text", m.text())
        .put("receivedAt", m.receivedAt().toEpochMilli())
        .encode();
  }

  /** @throws IllegalArgumentException when the JSON is not a stored message */
  public static InboundMessage decode(String json) {
    try {
      JsonObject o = new JsonObject(json);
      return new InboundMessage(o.getString("platform"), o.getString("channel"), o.getString("id"),
          o.getString("conversation"), o.getString("sender"), o.getString("senderName"),
          o.getString("senderMobile"), o.getString("group"), o.getString("text"),
          Instant.ofEpochMilli(o.getLong("receivedAt")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stored inbound message: " + e.getMessage(), e);
    }
  }
}
