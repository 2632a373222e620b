package cn.gridbot.bot.platform.wechatmp;

import static cn.gridbot.bot.platform.Webhooks.*;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.http.WebhookRequest;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.bot.platform.crypto.WxCrypt;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.http.HttpMethod;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * 微信公众号 server callback ({@code /webhooks/wechat-mp/{channel}}): the GET URL check, and text
 * messages in plaintext or safe (AES) mode. A channel with an {@code aes_key} accepts safe mode
 * only, so that nobody can downgrade it to unsigned bodies. Events and non-text messages are
 * acknowledged and ignored. The answer is always {@code success}: replies go out through the
 * customer-service message API.
 */
public final class WeChatMpAdapter implements WebhookAdapter {
  public static final String PLATFORM = "wechat-mp";
  static final long DEFAULT_SKEW_SECONDS = 3600;
  private static final Set<String> XML_TYPES = Set.of("text/xml", "application/xml");

  private final Map<String, ChannelsConfig.Channel> channels;
  private final Map<String, WxCrypt> crypts = new HashMap<>();

  public WeChatMpAdapter(Map<String, ChannelsConfig.Channel> channels) {
    this.channels = Map.copyOf(channels);
    channels.forEach((id, c) -> c.secret("aes_key")
        .ifPresent(k -> crypts.put(id, WxCrypt.fromEncodingAesKey(k.value()))));
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public WebhookOutcome parse(WebhookRequest req) {
    ChannelsConfig.Channel c = channel(channels, req.channelId());
    requireMethod(req, HttpMethod.GET, HttpMethod.POST);
    String token = c.secretValue("token");
    String timestamp = query(req, "timestamp");
    String nonce = query(req, "nonce");
    if (req.method() == HttpMethod.GET) {
      String echostr = query(req, "echostr");
      if (!Signatures.matches(Signatures.wxSha1(token, timestamp, nonce), query(req, "signature"))) {
        throw HttpFailure.rejected("bad signature");
      }
      return new WebhookOutcome.Handshake("text/plain", echostr);
    }
    requireContentType(req, XML_TYPES);
    WxCrypt crypt = crypts.get(c.id());
    Map<String, String> msg;
    if (crypt != null) {
      if (!"aes".equals(req.query().get("encrypt_type"))) {
        throw HttpFailure.rejected("this channel accepts safe mode (encrypt_type=aes) only");
      }
      String msgSignature = query(req, "msg_signature");
      String encrypt = element(xml(req.body().getBytes()), "Encrypt");
      if (!Signatures.matches(Signatures.wxSha1(token, timestamp, nonce, encrypt), msgSignature)) {
        throw HttpFailure.rejected("bad signature");
      }
      requireFresh(timestamp, false, req.receivedAt(), maxSkew(c, DEFAULT_SKEW_SECONDS));
      try {
        msg = xml(crypt.decrypt(encrypt, c.value("app_id")));
      } catch (WxCrypt.CryptoException e) {
        throw HttpFailure.rejected("cannot decrypt: " + e.getMessage());
      }
    } else {
      if (!Signatures.matches(Signatures.wxSha1(token, timestamp, nonce), query(req, "signature"))) {
        throw HttpFailure.rejected("bad signature");
      }
      requireFresh(timestamp, false, req.receivedAt(), maxSkew(c, DEFAULT_SKEW_SECONDS));
      msg = xml(req.body().getBytes());
    }
    if (!"text".equals(msg.get("MsgType"))) {
      return new WebhookOutcome.Ignored("not a text message", "text/plain", "success");
    }
    String openid = id(msg.get("FromUserName"), "FromUserName");
    String text = element(msg, "Content").strip();
    if (text.isEmpty()) {
      return new WebhookOutcome.Ignored("empty text", "text/plain", "success");
    }
    InboundMessage m = new InboundMessage(PLATFORM, c.id(), id(msg.get("MsgId"), "MsgId"), openid, openid,
        null, null, null, text, req.receivedAt());
    return new WebhookOutcome.Accepted(m, "text/plain", "success");
  }
}
