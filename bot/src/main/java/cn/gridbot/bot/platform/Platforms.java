package cn.gridbot.bot.platform;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.platform.dingtalk.DingTalkAdapter;
import cn.gridbot.bot.platform.dingtalk.DingTalkSender;
import cn.gridbot.bot.platform.feishu.FeishuAdapter;
import cn.gridbot.bot.platform.feishu.FeishuSender;
import cn.gridbot.bot.platform.generic.GenericAdapter;
import cn.gridbot.bot.platform.generic.GenericSender;
import cn.gridbot.bot.platform.sandbox.SandboxAdapter;
import cn.gridbot.bot.platform.sandbox.SandboxOutbox;
import cn.gridbot.bot.platform.wechatmp.WeChatMpAdapter;
import cn.gridbot.bot.platform.wechatmp.WeChatMpSender;
import cn.gridbot.bot.platform.wecom.WeComAdapter;
import cn.gridbot.bot.platform.wecom.WeComBotAdapter;
import cn.gridbot.bot.platform.wecom.WeComBotSender;
import cn.gridbot.bot.platform.wecom.WeComSender;
import cn.gridbot.bot.redis.Redis;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The chat platforms this instance speaks: inbound adapters by path segment, outbound senders by
 * platform id, and which platform each directory group is on. Built once at startup.
 */
public final class Platforms {
  private final Map<String, WebhookAdapter> adapters = new HashMap<>();
  private final Map<String, ChannelSender> senders = new HashMap<>();
  private final SandboxOutbox sandbox;
  private final Map<String, ChannelsConfig.Group> groups;
  /** HTTP/1.1 connections kept to one platform host at most. */
  static final int HTTP_CONNECTIONS_PER_HOST = 32;
  /** Shared by every sender; kept here so that it lives as long as the service. */
  private WebClient client;

  private Platforms(SandboxOutbox sandbox, Map<String, ChannelsConfig.Group> groups) {
    this.sandbox = sandbox;
    this.groups = Map.copyOf(groups);
  }

  /** Builds the platforms from the service configuration. */
  public static Platforms create(Vertx vertx, Redis redis, BotConfig config) {
    SandboxOutbox sandbox = config.sandbox().enabled()
        ? new SandboxOutbox(vertx, redis, config.sandbox().outboxKeep(), config.sandbox().sendDelayMs()) : null;
    ChannelsConfig ch = config.channels();
    Platforms p = new Platforms(sandbox, ch.groups());
    if (sandbox != null) {
      p.adapters.put("sandbox", new SandboxAdapter());
      p.senders.put("sandbox", sandbox);
    }
    // Robots of one platform share its host: the pool is per host, so it bounds how many sends to
    // a platform are on their way at once (Vert.x's default of 5 made delivery wait for sockets).
    p.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("GridBot/0.1")
        .setConnectTimeout(5000).setIdleTimeout(60).setFollowRedirects(false),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(HTTP_CONNECTIONS_PER_HOST));
    AccessTokens tokens = new AccessTokens(vertx, redis);
    ReplyRoutes routes = new ReplyRoutes(redis);
    RobotRateLimiter limiter = new RobotRateLimiter(redis, config.delivery().bulkShare(),
        config.delivery().rateWindow().toMillis());
    p.add(new WeChatMpAdapter(ch.of(WeChatMpAdapter.PLATFORM)),
        new WeChatMpSender(p.client, tokens, ch.of(WeChatMpAdapter.PLATFORM)));
    p.add(new WeComAdapter(ch.of(WeComAdapter.PLATFORM)),
        new WeComSender(p.client, tokens, limiter, ch.of(WeComAdapter.PLATFORM), ch.groups()));
    p.add(new WeComBotAdapter(ch.of(WeComBotAdapter.PLATFORM), chatGroups(ch, "wecom")),
        new WeComBotSender(p.client, routes));
    p.add(new DingTalkAdapter(ch.of(DingTalkAdapter.PLATFORM), chatGroups(ch, "dingtalk")),
        new DingTalkSender(p.client, routes, limiter, ch.groups()));
    p.add(new FeishuAdapter(ch.of(FeishuAdapter.PLATFORM), chatGroups(ch, "feishu")),
        new FeishuSender(p.client, tokens, limiter, ch.of(FeishuAdapter.PLATFORM), ch.groups()));
    p.add(new GenericAdapter(ch.of(GenericAdapter.PLATFORM)),
        new GenericSender(p.client, ch.of(GenericAdapter.PLATFORM)));
    return p;
  }

  private void add(WebhookAdapter adapter, ChannelSender sender) {
    adapters.put(adapter.platform(), adapter);
    senders.put(sender.platform(), sender);
  }

  /** Platform chat id → directory group id, from the groups' {@code chat_ids}. */
  static Map<String, String> chatGroups(ChannelsConfig ch, String platform) {
    Map<String, String> out = new HashMap<>();
    ch.groups().values().stream().filter(g -> g.platform().equals(platform))
        .forEach(g -> g.chatIds().forEach(id -> out.put(id, g.id())));
    return out;
  }

  public Map<String, WebhookAdapter> adapters() {
    return Map.copyOf(adapters);
  }

  public Map<String, ChannelSender> senders() {
    return Map.copyOf(senders);
  }

  /** The sandbox outbox, or null when the sandbox is disabled. */
  public SandboxOutbox sandbox() {
    return sandbox;
  }

  /** The platform a directory group's robot is on ({@code channels.yaml} groups); else the sandbox. */
  public Function<String, String> groupPlatform() {
    return group -> {
      ChannelsConfig.Group g = groups.get(group);
      return g == null ? "sandbox" : g.platform();
    };
  }

  /**
   * How long a set of groups takes under the robots' limits: groups sharing a robot share its
   * per-minute budget (bulk gets {@code bulkShare} of it); the sandbox has no limit.
   */
  public cn.gridbot.handlers.broadcast.Estimator estimator(double bulkShare) {
    return groupIds -> {
      Map<String, Integer> byPlatform = new java.util.TreeMap<>();
      Map<String, Integer> perRobot = new HashMap<>();
      Map<String, Integer> limits = new HashMap<>();
      for (String id : groupIds) {
        ChannelsConfig.Group g = groups.get(id);
        byPlatform.merge(g == null ? "sandbox" : g.platform(), 1, Integer::sum);
        if (g != null) {
          String robot = g.platform() + "|" + Integer.toHexString(g.webhook().value().hashCode());
          perRobot.merge(robot, 1, Integer::sum);
          int perMinute = g.platform().equals("feishu") ? RobotRateLimiter.FEISHU_PER_MINUTE
              : g.platform().equals("dingtalk") ? RobotRateLimiter.DINGTALK_PER_MINUTE : RobotRateLimiter.WECOM_PER_MINUTE;
          limits.put(robot, Math.max(1, (int) Math.floor(perMinute * bulkShare)));
        }
      }
      long minutes = 0;
      for (Map.Entry<String, Integer> e : perRobot.entrySet()) {
        int limit = limits.get(e.getKey());
        minutes = Math.max(minutes, (e.getValue() + limit - 1) / limit - 1);
      }
      return new cn.gridbot.handlers.broadcast.Estimator.Estimate(byPlatform, java.time.Duration.ofMinutes(minutes));
    };
  }
}
