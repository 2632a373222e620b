package cn.gridbot.bot.platform.feishu;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.platform.AccessTokens;
import cn.gridbot.bot.platform.PlatformCall;
import cn.gridbot.bot.platform.RobotRateLimiter;
import cn.gridbot.bot.platform.Senders;
import cn.gridbot.bot.platform.TextParts;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feishu outbound: replies into the chat a message came from ({@code im/v1/messages},
 * receive_id_type=chat_id, tenant_access_token shared through Redis, {@code uuid} = outbox id so
 * Feishu drops a resend within an hour), and group pushes through 自定义机器人 webhooks signed in
 * the body ({@code timestamp} in seconds + {@code sign}). Custom bots cannot @ by mobile: mentions
 * are written as {@code @name}.
 */
public final class FeishuSender implements ChannelSender {
  /** Custom-bot bodies are limited to 20 KB; leave room for the JSON around the text. */
  static final int MAX_BYTES = 18_000;
  static final PlatformCall.Codes CODES = new PlatformCall.Codes(FeishuAdapter.PLATFORM,
      Set.of(11232, 99991400, 1000004, 1000005), Set.of(99991661, 99991663, 99991664, 99991665, 99991668));

  private final WebClient client;
  private final AccessTokens tokens;
  private final Map<String, ChannelsConfig.Channel> channels;
  private final Map<String, ChannelsConfig.Group> groups;
  private final RobotRateLimiter limiter;

  public FeishuSender(WebClient client, AccessTokens tokens, RobotRateLimiter limiter,
      Map<String, ChannelsConfig.Channel> channels, Map<String, ChannelsConfig.Group> groups) {
    this.client = client;
    this.limiter = limiter;
    this.tokens = tokens;
    this.channels = Map.copyOf(channels);
    this.groups = Map.copyOf(groups);
  }

  @Override
  public String platform() {
    return FeishuAdapter.PLATFORM;
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    if (message instanceof Outgoing.GroupPush g) {
      return Senders.toRobot(groups, platform(), "Feishu", g, robot -> push(robot, g));
    }
    Outgoing.Reply r = (Outgoing.Reply) message;
    ChannelsConfig.Channel c = channels.get(r.channelId());
    if (c == null || c.secret("app_secret").isEmpty()) {
      return Future.failedFuture(new PermanentSendFailure("feishu channel " + r.channelId()
          + " has no app_secret_env: cannot reply"));
    }
    String base = base(c);
    return Senders.inOrder(TextParts.split(r.text(), MAX_BYTES), (part, i) ->
        tokens.withToken(platform() + ":" + c.id(), () -> fetch(c), token -> PlatformCall.postJson(client,
            base + "/open-apis/im/v1/messages?receive_id_type=chat_id",
            new JsonObject().put("receive_id", r.conversationId()).put("msg_type", "text")
                .put("content", new JsonObject().put("text", part).encode())
                .put("uuid", (idempotencyKey + "-" + i)), CODES, token)));
  }

  private Future<Void> push(ChannelsConfig.Group robot, Outgoing.GroupPush g) {
    String text = Senders.withMentions(g.text(), g.mentions(), false);
    List<String> parts = TextParts.split(text, MAX_BYTES);
    return limiter.send(platform(), robot.webhook().value(), parts.size(), RobotRateLimiter.FEISHU_PER_MINUTE,
        g.lane(), () -> Senders.inOrder(parts, (part, i) -> PlatformCall.postJson(client,
            robot.webhook().value(), robotBody(robot, part, System.currentTimeMillis() / 1000), CODES)));
  }

  static JsonObject robotBody(ChannelsConfig.Group robot, String text, long nowSeconds) {
    JsonObject body = new JsonObject().put("msg_type", "text").put("content", new JsonObject().put("text", text));
    if (robot.secret() != null) {
      String ts = Long.toString(nowSeconds);
      body.put("timestamp", ts).put("sign", Signatures.feishuBot(robot.secret().value(), ts));
    }
    return body;
  }

  private Future<AccessTokens.Token> fetch(ChannelsConfig.Channel c) {
    return PlatformCall.postJson(client, base(c) + "/open-apis/auth/v3/tenant_access_token/internal",
        new JsonObject().put("app_id", c.value("app_id")).put("app_secret", c.secretValue("app_secret")), CODES)
        .map(j -> new AccessTokens.Token(j.getString("tenant_access_token"), j.getLong("expire", 7200L)));
  }

  static String base(ChannelsConfig.Channel c) {
    return c.value("api_base") == null ? "https://open.feishu.cn" : c.value("api_base");
  }
}
