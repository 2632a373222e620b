package cn.gridbot.bot.platform.dingtalk;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.platform.PlatformCall;
import cn.gridbot.bot.platform.ReplyRoutes;
import cn.gridbot.bot.platform.RobotRateLimiter;
import cn.gridbot.bot.platform.Senders;
import cn.gridbot.bot.platform.TextParts;
import cn.gridbot.bot.platform.crypto.Signatures;
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
 * DingTalk outbound: replies through the conversation's newest unexpired {@code sessionWebhook}
 * (stored by the edge), group pushes through 自定义机器人 webhooks signed with
 * {@code &timestamp=<ms>&sign=<urlencoded Base64 HMAC>} and {@code at.atMobiles} (each mobile also
 * written as {@code @mobile} in the text, or DingTalk does not highlight it). Long texts are split.
 */
public final class DingTalkSender implements ChannelSender {
  /** Not stated in the reference; a conservative per-message size. */
  static final int MAX_BYTES = 4000;
  static final PlatformCall.Codes CODES = new PlatformCall.Codes(DingTalkAdapter.PLATFORM,
      Set.of(-1, 130101, 130102), Set.of());

  private final WebClient client;
  private final ReplyRoutes routes;
  private final Map<String, ChannelsConfig.Group> groups;
  private final RobotRateLimiter limiter;

  public DingTalkSender(WebClient client, ReplyRoutes routes, RobotRateLimiter limiter,
      Map<String, ChannelsConfig.Group> groups) {
    this.client = client;
    this.limiter = limiter;
    this.routes = routes;
    this.groups = Map.copyOf(groups);
  }

  @Override
  public String platform() {
    return DingTalkAdapter.PLATFORM;
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    if (message instanceof Outgoing.GroupPush g) {
      return Senders.toRobot(groups, platform(), "DingTalk", g, robot -> push(robot, g));
    }
    Outgoing.Reply r = (Outgoing.Reply) message;
    return routes.newest(platform(), r.channelId(), r.conversationId()).compose(route -> {
      if (route.isEmpty()) {
        return Future.failedFuture(new PermanentSendFailure("dingtalk: the conversation's sessionWebhook expired"));
      }
      return Senders.inOrder(TextParts.split(r.text(), MAX_BYTES), (part, i) -> PlatformCall.postJson(client,
          route.get().url(), new JsonObject().put("msgtype", "text").put("text", new JsonObject().put("content", part)),
          CODES));
    });
  }

  private Future<Void> push(ChannelsConfig.Group robot, Outgoing.GroupPush g) {
    JsonArray mobiles = new JsonArray();
    for (Person p : g.mentions()) {
      if (p.mobile() != null) {
        mobiles.add(p.mobile());
      }
    }
    String text = Senders.withMentions(g.text(), g.mentions(), true);
    List<String> parts = TextParts.split(text, MAX_BYTES);
    return limiter.send(platform(), robot.webhook().value(), parts.size(), RobotRateLimiter.DINGTALK_PER_MINUTE,
        g.lane(), () -> Senders.inOrder(parts, (part, i) -> {
          JsonObject body = new JsonObject().put("msgtype", "text").put("text", new JsonObject().put("content", part))
              .put("at", new JsonObject().put("atMobiles", mobiles).put("isAtAll", false));
          return PlatformCall.postJson(client, signedUrl(robot, System.currentTimeMillis()), body, CODES);
        }));
  }

  /** The robot's webhook with {@code timestamp} and {@code sign} appended when it has a secret. */
  static String signedUrl(ChannelsConfig.Group robot, long nowMillis) {
    String url = robot.webhook().value();
    if (robot.secret() == null) {
      return url;
    }
    String ts = Long.toString(nowMillis);
    String sign = URLEncoder.encode(Signatures.dingTalk(robot.secret().value(), ts), StandardCharsets.UTF_8);
    return url + (url.contains("?") ? "&" : "?") + "timestamp=" + ts + "&sign=" + sign;
  }
}
