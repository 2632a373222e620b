package cn.gridbot.bot.platform.feishu;

import static cn.gridbot.bot.platform.Webhooks.*;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.http.WebhookRequest;
import cn.gridbot.bot.platform.crypto.FeishuCrypt;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.bot.platform.crypto.WxCrypt;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * 飞书 event subscription ({@code /webhooks/feishu/{channel}}).
 *
 * <p>With an {@code encrypt_key} (recommended) every event is encrypted and carries
 * {@code X-Lark-Signature} = hex(SHA-256(ts + nonce + encrypt_key ‖ body)), checked on the raw
 * bytes before decrypting; as in the official SDK, only {@code url_verification} may come
 * unsigned, and it is then checked by its verification token. Without an encrypt key Feishu signs
 * nothing and the verification token in every event is the only proof (constant-time compared).
 *
 * <p>{@code im.message.receive_v1} text messages become messages with id = {@code header.event_id}
 * (Feishu retries with the same id), conversation = the chat id, and the {@code @_user_N}
 * placeholders of mentions removed from the text.
 */
public final class FeishuAdapter implements WebhookAdapter {
  public static final String PLATFORM = "feishu";
  /**
   * Feishu retries a failed push after 15 s, 5 min, 1 h and 6 h (about 7.1 h in all), and it is
   * not documented whether a retry carries a new timestamp; so the window is 8 h. That is safe
   * because it is shorter than the inbox dedupe TTL: a replay of a recorded event is a duplicate.
   */
  static final long DEFAULT_SKEW_SECONDS = 8 * 3600;
  private static final Set<String> JSON_TYPES = Set.of("application/json");
  private static final String ACK = "{\"msg\":\"success\"}";

  private final Map<String, ChannelsConfig.Channel> channels;
  private final Map<String, String> chatGroups;
  private final Map<String, FeishuCrypt> crypts = new HashMap<>();

  /** @param chatGroups Feishu chat_id → directory group id */
  public FeishuAdapter(Map<String, ChannelsConfig.Channel> channels, Map<String, String> chatGroups) {
    this.channels = Map.copyOf(channels);
    this.chatGroups = Map.copyOf(chatGroups);
    channels.forEach((id, c) -> c.secret("encrypt_key").ifPresent(k -> crypts.put(id, new FeishuCrypt(k.value()))));
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public WebhookOutcome parse(WebhookRequest req) {
    ChannelsConfig.Channel c = channel(channels, req.channelId());
    requireMethod(req, HttpMethod.POST);
    requireContentType(req, JSON_TYPES);
    byte[] raw = req.body().getBytes();
    FeishuCrypt crypt = crypts.get(c.id());
    boolean signed = false;
    JsonObject event;
    if (crypt != null) {
      String signature = req.headers().get("X-Lark-Signature");
      if (signature != null) {
        String ts = header(req, "X-Lark-Request-Timestamp");
        String nonce = header(req, "X-Lark-Request-Nonce");
        String expected = Signatures.feishuEvent(ts, nonce, c.secretValue("encrypt_key"), raw);
        if (!Signatures.matches(expected, signature)) {
          throw HttpFailure.rejected("bad signature");
        }
        requireFresh(ts, false, req.receivedAt(), maxSkew(c, DEFAULT_SKEW_SECONDS));
        signed = true;
      }
      Object enc = json(raw).getValue("encrypt");
      if (!(enc instanceof String encrypted)) {
        throw HttpFailure.rejected("this channel takes encrypted events only");
      }
      try {
        event = json(crypt.decrypt(encrypted));
      } catch (WxCrypt.CryptoException e) {
        throw HttpFailure.rejected("cannot decrypt: " + e.getMessage());
      }
    } else {
      event = json(raw);
    }
    String vtoken = c.secretValue("verification_token");
    if ("url_verification".equals(event.getValue("type"))) {
      if (!Signatures.matches(vtoken, str(event, "token"))) {
        throw HttpFailure.rejected("bad verification token");
      }
      String challenge = str(event, "challenge");
      if (challenge == null) {
        throw HttpFailure.badPayload("missing challenge");
      }
      return new WebhookOutcome.Handshake("application/json", new JsonObject().put("challenge", challenge).encode());
    }
    if (crypt != null && !signed) {
      throw HttpFailure.rejected("missing X-Lark-Signature");
    }
    JsonObject header = obj(event, "header");
    if (!Signatures.matches(vtoken, str(header, "token"))) {
      throw HttpFailure.rejected("bad verification token");
    }
    if (!"im.message.receive_v1".equals(header.getValue("event_type"))) {
      return new WebhookOutcome.Ignored("event type not used", "application/json", ACK);
    }
    String eventId = id(str(header, "event_id"), "header.event_id");
    JsonObject body = obj(event, "event");
    JsonObject sender = obj(body, "sender");
    if (!"user".equals(sender.getValue("sender_type"))) {
      return new WebhookOutcome.Ignored("not from a user", "application/json", ACK);
    }
    JsonObject message = obj(body, "message");
    if (!"text".equals(message.getValue("message_type"))) {
      return new WebhookOutcome.Ignored("not a text message", "application/json", ACK);
    }
    String content = str(message, "content");
    if (content == null) {
      throw HttpFailure.badPayload("missing message.content");
    }
    String text = str(json(content), "text");
    if (text == null) {
      throw HttpFailure.badPayload("message.content has no text");
    }
    if (message.getValue("mentions") instanceof JsonArray mentions) {
      for (Object o : mentions) {
        if (o instanceof JsonObject mention && str(mention, "key") != null) {
          text = text.replace(str(mention, "key"), "");
        }
      }
    }
    text = text.replaceAll("@_user_\\d+|@_all", "").replaceAll("\\s{2,}", " ").strip();
    String chat = id(str(message, "chat_id"), "message.chat_id");
    JsonObject senderIds = obj(sender, "sender_id");
    String openId = id(str(senderIds, "open_id"), "sender.sender_id.open_id");
    String groupId = "group".equals(message.getValue("chat_type")) ? chatGroups.getOrDefault(chat, "chat:" + chat) : null;
    InboundMessage m = new InboundMessage(PLATFORM, c.id(), eventId, chat, openId, null, null, groupId, text,
        req.receivedAt());
    return new WebhookOutcome.Accepted(m, "application/json", ACK);
  }

  static String str(JsonObject o, String key) {
    return o.getValue(key) instanceof String s && !s.isEmpty() ? s : null;
  }

  static JsonObject obj(JsonObject o, String key) {
    if (o.getValue(key) instanceof JsonObject j) {
      return j;
    }
    throw HttpFailure.badPayload("missing " + key);
  }
}
