package cn.gridbot.bot.platform;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.platform.sandbox.SandboxAdapter;
import cn.gridbot.bot.platform.sandbox.SandboxOutbox;
import cn.gridbot.bot.redis.Redis;
import io.vertx.core.Vertx;
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

  private Platforms(SandboxOutbox sandbox) {
    this.sandbox = sandbox;
  }

  /** Builds the platforms from the service configuration. */
  public static Platforms create(Vertx vertx, Redis redis, BotConfig config) {
    SandboxOutbox sandbox = config.sandbox().enabled()
        ? new SandboxOutbox(redis, config.sandbox().outboxKeep()) : null;
    Platforms p = new Platforms(sandbox);
    if (sandbox != null) {
      p.adapters.put("sandbox", new SandboxAdapter());
      p.senders.put("sandbox", sandbox);
    }
    return p;
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

  /** The platform a directory group is on; until groups are configured, the sandbox. */
  public Function<String, String> groupPlatform() {
    return group -> "sandbox";
  }
}
