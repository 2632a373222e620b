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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * 企业微信自建应用 callback ({@code /webhooks/wecom/{channel}}): URL check with an encrypted
 * echostr, and encrypted XML messages (receiveid = corpid). Text messages become direct messages
 * from the member's userid; everything else is acknowledged and ignored. Answers an empty body.
 */
public final class WeComAdapter implements WebhookAdapter {
  public static final String PLATFORM = "wecom";
  static final long DEFAULT_SKEW_SECONDS = 3600;
  private static final Set<String> XML_TYPES = Set.of("text/xml", "application/xml");

  private final Map<String, ChannelsConfig.Channel> channels;
  private final Map<String, WxCrypt> crypts = new HashMap<>();

  public WeComAdapter(Map<String, ChannelsConfig.Channel> channels) {
    this.channels = Map.copyOf(channels);
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
    String corpId = c.value("corp_id");
    if (req.method() == HttpMethod.GET) {
      return new WebhookOutcome.Handshake("text/plain", WxCallback.verifyUrl(req, c, crypts.get(c.id()), corpId));
    }
    requireContentType(req, XML_TYPES);
    String encrypt = element(xml(req.body().getBytes()), "Encrypt");
    Map<String, String> msg = xml(WxCallback.open(req, c, crypts.get(c.id()), encrypt, corpId, DEFAULT_SKEW_SECONDS));
    String agent = c.value("agent_id");
    if (agent != null && msg.get("AgentID") != null && !agent.equals(msg.get("AgentID").trim())) {
      throw HttpFailure.rejected("message for another agent");
    }
    if (!"text".equals(msg.get("MsgType"))) {
      return new WebhookOutcome.Ignored("not a text message", "text/plain", "");
    }
    String user = id(msg.get("FromUserName"), "FromUserName");
    String text = element(msg, "Content").strip();
    InboundMessage m = new InboundMessage(PLATFORM, c.id(), id(msg.get("MsgId"), "MsgId"), user, user,
        null, null, null, text, req.receivedAt());
    return new WebhookOutcome.Accepted(m, "text/plain", "");
  }
}
