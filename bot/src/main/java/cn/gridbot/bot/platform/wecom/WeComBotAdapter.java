package cn.gridbot.bot.platform.wecom;

import static cn.gridbot.bot.platform.Webhooks.*;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.http.WebhookRequest;
import cn.gridbot.bot.platform.crypto.WxCrypt;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * 企业微信智能机器人 JSON callback ({@code /webhooks/wecom-bot/{channel}}): URL check and encrypted
 * JSON with receiveid "". A text message's {@code response_url} (single use, valid 1 hour) is
 * stored as the conversation's reply route. In a group the conversation is the chat id and the
 * leading {@code @robot} is removed from the text.
 */
public final class WeComBotAdapter implements WebhookAdapter {
  public static final String PLATFORM = "wecom-bot";
  static final long DEFAULT_SKEW_SECONDS = 3600;
  static final long RESPONSE_URL_TTL_MS = 3_600_000L;
  private static final Set<String> JSON_TYPES = Set.of("application/json", "text/json");

  private final Map<String, ChannelsConfig.Channel> channels;
  private final Map<String, String> chatGroups;
  private final Map<String, WxCrypt> crypts = new HashMap<>();

  /** @param chatGroups platform chat id → directory group id */
  public WeComBotAdapter(Map<String, ChannelsConfig.Channel> channels, Map<String, String> chatGroups) {
    this.channels = Map.copyOf(channels);
    this.chatGroups = Map.copyOf(chatGroups);
    channels.forEach((id, c) -> crypts.put(id, WxCrypt.fromEncodingAesKey(c.secretValue("aes_key"))));
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public WebhookOutcome parse(WebhookRequest req) {
    ChannelsConfig.Channel c = channel(channels, req.channelId());
    requireMethod(req, HttpMethod.GET, HttpMethod.POST);
    if (req.method() == HttpMethod.GET) {
      return new WebhookOutcome.Handshake("text/plain", WxCallback.verifyUrl(req, c, crypts.get(c.id()), ""));
    }
    requireContentType(req, JSON_TYPES);
    Object enc = json(req.body().getBytes()).getValue("encrypt");
    if (!(enc instanceof String encrypt) || encrypt.isEmpty()) {
      throw HttpFailure.badPayload("missing encrypt");
    }
    JsonObject msg = json(WxCallback.open(req, c, crypts.get(c.id()), encrypt, "", DEFAULT_SKEW_SECONDS));
    if (!"text".equals(msg.getValue("msgtype"))) {
      return new WebhookOutcome.Ignored("not a text message", "text/plain", "");
    }
    JsonObject from = msg.getValue("from") instanceof JsonObject f ? f : new JsonObject();
    String user = id(str(from, "userid"), "from.userid");
    JsonObject textObj = msg.getValue("text") instanceof JsonObject t ? t : new JsonObject();
    String text = str(textObj, "content");
    if (text == null) {
      throw HttpFailure.badPayload("missing text.content");
    }
    boolean group = "group".equals(msg.getValue("chattype"));
    String conversation = user;
    String groupId = null;
    if (group) {
      String chat = id(str(msg, "chatid"), "chatid");
      conversation = chat;
      groupId = chatGroups.getOrDefault(chat, "chat:" + chat);
      text = text.strip().replaceFirst("^@\\S+\\s*", "");
    }
    String responseUrl = str(msg, "response_url");
    String base = c.value("api_base") == null ? "https://qyapi.weixin.qq.com" : c.value("api_base");
    WebhookOutcome.ReplyRoute route = responseUrl != null && responseUrl.startsWith(base + "/")
        ? new WebhookOutcome.ReplyRoute(responseUrl, req.receivedAt().toEpochMilli() + RESPONSE_URL_TTL_MS, true)
        : null;
    InboundMessage m = new InboundMessage(PLATFORM, c.id(), id(str(msg, "msgid"), "msgid"), conversation, user,
        null, null, groupId, text.strip(), req.receivedAt());
    return new WebhookOutcome.Accepted(m, "text/plain", "", route);
  }

  static String str(JsonObject o, String key) {
    return o.getValue(key) instanceof String s ? s : null;
  }
}
