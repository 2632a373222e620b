package cn.gridbot.bot.platform.dingtalk;

import static cn.gridbot.bot.platform.Webhooks.*;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.http.WebhookRequest;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * 钉钉企业内部机器人 HTTP callback ({@code /webhooks/dingtalk/{channel}}): headers {@code timestamp}
 * (ms, within 1 hour) and {@code sign} = Base64(HMAC-SHA256(appSecret, ts + "\n" + appSecret)).
 * Note that DingTalk's signature does not cover the body. The message's {@code sessionWebhook}
 * (reusable until {@code sessionWebhookExpiredTime}) is stored as the conversation's reply route.
 * Group messages that do not @ the robot ({@code isInAtList: false}) are ignored.
 */
public final class DingTalkAdapter implements WebhookAdapter {
  public static final String PLATFORM = "dingtalk";
  static final long DEFAULT_SKEW_SECONDS = 3600;
  /** The longest a sessionWebhook is kept: DingTalk gives it about 90 minutes. */
  static final long MAX_SESSION_MS = 2 * 3_600_000L;
  private static final Set<String> JSON_TYPES = Set.of("application/json");

  private final Map<String, ChannelsConfig.Channel> channels;
  private final Map<String, String> chatGroups;

  /** @param chatGroups DingTalk conversationId → directory group id */
  public DingTalkAdapter(Map<String, ChannelsConfig.Channel> channels, Map<String, String> chatGroups) {
    this.channels = Map.copyOf(channels);
    this.chatGroups = Map.copyOf(chatGroups);
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
    String timestamp = header(req, "timestamp");
    String sign = header(req, "sign");
    if (!Signatures.matches(Signatures.dingTalk(c.secretValue("app_secret"), timestamp), sign)) {
      throw HttpFailure.rejected("bad signature");
    }
    requireFresh(timestamp, true, req.receivedAt(), maxSkew(c, DEFAULT_SKEW_SECONDS));
    JsonObject o = json(req.body().getBytes());
    if (!"text".equals(o.getValue("msgtype"))) {
      return new WebhookOutcome.Ignored("not a text message", "application/json", "{}");
    }
    boolean group = "2".equals(String.valueOf(o.getValue("conversationType")));
    if (group && Boolean.FALSE.equals(o.getValue("isInAtList"))) {
      return new WebhookOutcome.Ignored("not addressed to the robot", "application/json", "{}");
    }
    String conversation = id(str(o, "conversationId"), "conversationId");
    String sender = str(o, "senderStaffId") != null ? str(o, "senderStaffId") : str(o, "senderId");
    JsonObject textObj = o.getValue("text") instanceof JsonObject t ? t : new JsonObject();
    String text = str(textObj, "content");
    if (text == null) {
      throw HttpFailure.badPayload("missing text.content");
    }
    String groupId = group ? chatGroups.getOrDefault(conversation, "chat:" + conversation) : null;
    WebhookOutcome.ReplyRoute route = null;
    String session = str(o, "sessionWebhook");
    String base = c.value("api_base") == null ? "https://oapi.dingtalk.com" : c.value("api_base");
    if (session != null && session.startsWith(base + "/") && o.getValue("sessionWebhookExpiredTime") instanceof Number exp) {
      // The expiry is the sender's word (DingTalk's sign does not cover the body): never longer
      // than a sessionWebhook lives (about 90 minutes), and a huge number must not reach PEXPIRE.
      long latest = req.receivedAt().toEpochMilli() + MAX_SESSION_MS;
      route = new WebhookOutcome.ReplyRoute(session, Math.min(exp.longValue(), latest), false);
    }
    InboundMessage m = new InboundMessage(PLATFORM, c.id(), id(str(o, "msgId"), "msgId"), conversation,
        id(sender, "senderStaffId"), str(o, "senderNick"), str(o, "senderMobile"), groupId, text.strip(),
        req.receivedAt());
    return new WebhookOutcome.Accepted(m, "application/json", "{}", route);
  }

  static String str(JsonObject o, String key) {
    return o.getValue(key) instanceof String s && !s.isEmpty() ? s : null;
  }
}
