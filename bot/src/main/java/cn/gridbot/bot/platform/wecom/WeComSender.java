package cn.gridbot.bot.platform.wecom;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.platform.AccessTokens;
import cn.gridbot.bot.platform.PlatformCall;
import cn.gridbot.bot.platform.RobotRateLimiter;
import cn.gridbot.bot.platform.Senders;
import cn.gridbot.bot.platform.TextParts;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.Person;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WeCom outbound: group pushes through 群机器人 webhooks (text with {@code mentioned_mobile_list},
 * 2048 bytes per message, split into parts) and replies to app users through the app-message API
 * ({@code message/send}, access_token shared through Redis).
 */
public final class WeComSender implements ChannelSender {
  static final int MAX_TEXT_BYTES = 2048;
  static final PlatformCall.Codes CODES = new PlatformCall.Codes(WeComAdapter.PLATFORM,
      Set.of(-1, 45009, 45033), Set.of(40014, 42001, 41001));

  private final WebClient client;
  private final AccessTokens tokens;
  private final Map<String, ChannelsConfig.Channel> channels;
  private final Map<String, ChannelsConfig.Group> groups;
  private final RobotRateLimiter limiter;

  public WeComSender(WebClient client, AccessTokens tokens, RobotRateLimiter limiter,
      Map<String, ChannelsConfig.Channel> channels, Map<String, ChannelsConfig.Group> groups) {
    this.client = client;
    this.limiter = limiter;
    this.tokens = tokens;
    this.channels = Map.copyOf(channels);
    this.groups = Map.copyOf(groups);
  }

  @Override
  public String platform() {
    return WeComAdapter.PLATFORM;
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    if (message instanceof Outgoing.GroupPush g) {
      return Senders.toRobot(groups, platform(), "WeCom", g, robot -> robot.markdown() ? pushMarkdown(client, limiter, robot.webhook().value(), g)
            : pushToRobot(client, limiter, robot.webhook().value(), g));
    }
    Outgoing.Reply r = (Outgoing.Reply) message;
    ChannelsConfig.Channel c = channels.get(r.channelId());
    if (c == null || c.secret("corp_secret").isEmpty()) {
      return Future.failedFuture(new PermanentSendFailure("wecom channel " + r.channelId()
          + " has no corp_secret_env: cannot reply"));
    }
    String base = base(c);
    return Senders.inOrder(TextParts.split(r.text(), MAX_TEXT_BYTES), (part, i) ->
        tokens.withToken(platform() + ":" + c.id(), () -> fetch(c), token -> PlatformCall.postJson(client,
            base + "/cgi-bin/message/send?access_token=" + enc(token),
            new JsonObject().put("touser", r.conversationId()).put("msgtype", "text")
                .put("agentid", Long.parseLong(c.value("agent_id")))
                .put("text", new JsonObject().put("content", part)), CODES)));
  }

  /** Posts a group push to a 群机器人 webhook: text parts, mobiles in the first part. */
  static Future<Void> pushToRobot(WebClient client, RobotRateLimiter limiter, String webhook, Outgoing.GroupPush g) {
    JsonArray mobiles = new JsonArray();
    for (Person p : g.mentions()) {
      if (p.mobile() != null) {
        mobiles.add(p.mobile());
      }
    }
    String text = Senders.withMentions(g.text(), g.mentions().stream().filter(p -> p.mobile() == null).toList(), false);
    List<String> parts = TextParts.split(text, MAX_TEXT_BYTES);
    return limiter.send(WeComAdapter.PLATFORM, webhook, parts.size(), RobotRateLimiter.WECOM_PER_MINUTE, g.lane(),
        () -> Senders.inOrder(parts, (part, i) -> {
      JsonObject t = new JsonObject().put("content", part);
      if (i == 0 && !mobiles.isEmpty()) {
        t.put("mentioned_mobile_list", mobiles);
      }
      return PlatformCall.postJson(client, webhook, new JsonObject().put("msgtype", "text").put("text", t), CODES);
    }));
  }

  /** WeCom's markdown content limit, in bytes. */
  static final int MAX_MARKDOWN_BYTES = 4096;

  /**
   * A group push as markdown: the first line bold, the rest as written. WeCom's markdown cannot
   * @mention by mobile number, so when there are people to mention a short text message carrying
   * {@code mentioned_mobile_list} follows it.
   */
  static Future<Void> pushMarkdown(WebClient client, RobotRateLimiter limiter, String webhook, Outgoing.GroupPush g) {
    String text = g.text();
    int nl = text.indexOf('\n');
    String md = nl < 0 ? "**" + text + "**" : "**" + text.substring(0, nl) + "**" + text.substring(nl);
    List<String> parts = TextParts.split(md, MAX_MARKDOWN_BYTES);
    JsonArray mobiles = new JsonArray();
    g.mentions().stream().map(Person::mobile).filter(java.util.Objects::nonNull).forEach(mobiles::add);
    int sends = parts.size() + (mobiles.isEmpty() ? 0 : 1);
    return limiter.send(WeComAdapter.PLATFORM, webhook, sends, RobotRateLimiter.WECOM_PER_MINUTE, g.lane(),
        () -> Senders.inOrder(parts, (part, i) -> PlatformCall.postJson(client, webhook,
            new JsonObject().put("msgtype", "markdown").put("markdown", new JsonObject().put("content", part)), CODES))
        .compose(v -> mobiles.isEmpty() ? Future.succeededFuture() : PlatformCall.postJson(client, webhook,
            new JsonObject().put("msgtype", "text").put("text", new JsonObject().put("content", "请查看上一条消息 ↑")
                .put("mentioned_mobile_list", mobiles)), CODES).mapEmpty()));
  }

  private Future<AccessTokens.Token> fetch(ChannelsConfig.Channel c) {
    return PlatformCall.get(client, base(c) + "/cgi-bin/gettoken?corpid=" + enc(c.value("corp_id"))
        + "&corpsecret=" + enc(c.secretValue("corp_secret")), CODES)
        .map(j -> new AccessTokens.Token(j.getString("access_token"), j.getLong("expires_in", 7200L)));
  }

  static String base(ChannelsConfig.Channel c) {
    return c.value("api_base") == null ? "https://qyapi.weixin.qq.com" : c.value("api_base");
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
