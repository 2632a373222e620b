package cn.gridbot.bot.platform.wechatmp;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.platform.AccessTokens;
import cn.gridbot.bot.platform.PlatformCall;
import cn.gridbot.bot.platform.Senders;
import cn.gridbot.bot.platform.TextParts;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Replies to 公众号 residents through the customer-service message API (客服消息, allowed within
 * 48 hours of the resident's last message), with an access_token shared through Redis.
 * Texts above {@link #MAX_BYTES} are split into numbered parts.
 */
public final class WeChatMpSender implements ChannelSender {
  /** Assumed limit of a customer-service text (not in the reference; the common 2048-byte rule). */
  static final int MAX_BYTES = 2048;
  static final PlatformCall.Codes CODES = new PlatformCall.Codes(WeChatMpAdapter.PLATFORM,
      Set.of(-1, 45009, 45011), Set.of(40001, 40014, 42001));

  private final WebClient client;
  private final AccessTokens tokens;
  private final Map<String, ChannelsConfig.Channel> channels;

  public WeChatMpSender(WebClient client, AccessTokens tokens, Map<String, ChannelsConfig.Channel> channels) {
    this.client = client;
    this.tokens = tokens;
    this.channels = Map.copyOf(channels);
  }

  @Override
  public String platform() {
    return WeChatMpAdapter.PLATFORM;
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    if (!(message instanceof Outgoing.Reply r)) {
      return Future.failedFuture(new PermanentSendFailure("wechat-mp has no group robots"));
    }
    ChannelsConfig.Channel c = channels.get(r.channelId());
    if (c == null || c.secret("app_secret").isEmpty()) {
      return Future.failedFuture(new PermanentSendFailure("wechat-mp channel " + r.channelId()
          + " has no app_secret_env: cannot reply"));
    }
    String base = base(c);
    return Senders.inOrder(TextParts.split(r.text(), MAX_BYTES), (part, i) ->
        tokens.withToken(platform() + ":" + c.id(), () -> fetch(c), token -> PlatformCall.postJson(client,
            base + "/cgi-bin/message/custom/send?access_token=" + enc(token),
            new JsonObject().put("touser", r.conversationId()).put("msgtype", "text")
                .put("text", new JsonObject().put("content", part)), CODES)));
  }

  private Future<AccessTokens.Token> fetch(ChannelsConfig.Channel c) {
    return PlatformCall.get(client, base(c) + "/cgi-bin/token?grant_type=client_credential&appid="
        + enc(c.value("app_id")) + "&secret=" + enc(c.secretValue("app_secret")), CODES)
        .map(j -> new AccessTokens.Token(j.getString("access_token"), j.getLong("expires_in", 7200L)));
  }

  static String base(ChannelsConfig.Channel c) {
    return c.value("api_base") == null ? "https://api.weixin.qq.com" : c.value("api_base");
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
