package cn.gridbot.bot.config;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.config.ConfigYaml;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds {@link BotConfig} from the built-in {@code gridbot.yaml}, an override file of the same
 * name (merged key by key over the built-in one) and {@code GRIDBOT_*} environment variables.
 */
public final class BotConfigLoader {
  public static final String FILE = "gridbot.yaml";
  /** Short names kept for the command-line contract. */
  private static final Map<String, String> ALIASES = Map.of(
      "redis.embedded.data_dir", "GRIDBOT_DATA_DIR");

  private BotConfigLoader() {}

  /**
   * @throws ConfigException naming the file (or environment variable), key and reason
   */
  public static BotConfig load(ConfigFiles files, Map<String, String> env) {
    JsonNode merged = read(ConfigFiles.builtInStream(FILE), "config/" + FILE);
    String file = files.describe(FILE);
    if (files.overridden(FILE)) {
      merge((ObjectNode) merged, read(files.open(FILE), file));
    }
    ConfigTree t = new ConfigTree(file, merged, env, ALIASES);
    BotConfig config = new BotConfig(
        new BotConfig.Http(
            t.string("http.host", "0.0.0.0"),
            t.integer("http.port", 8080, 0, 65535),
            t.integer("http.max_body_bytes", 65536, 1024, 16 * 1024 * 1024),
            Duration.ofMillis(t.integer("http.shutdown_grace_ms", 10000, 0, 600_000))),
        redis(t),
        new BotConfig.Inbox(
            Duration.ofHours(t.integer("inbox.dedupe_ttl_hours", 72, 1, 24 * 30)),
            Duration.ofMillis(t.integer("inbox.claim_idle_ms", 30000, 100, 3_600_000)),
            t.integer("inbox.max_attempts", 5, 1, 100)),
        delivery(t),
        new BotConfig.Tickets(
            Duration.ofHours(t.integer("tickets.duplicate_window_hours", 72, 0, 24 * 90)),
            t.decimal("tickets.duplicate_similarity", 0.2, 0, 1),
            Duration.ofSeconds(t.integer("tickets.question_ttl_seconds", 1800, 1, 24 * 3600))),
        new BotConfig.Sandbox(
            t.bool("sandbox.enabled", true),
            t.integer("sandbox.outbox_keep", 1000, 1, 1_000_000),
            t.integer("sandbox.send_delay_ms", 0, 0, 60_000)),
        new BotConfig.Flood(t.integer("flood.sender_per_minute", 20, 0, 10_000)),
        ChannelsConfigLoader.load(files, env));
    t.rejectUnknown();
    checkReplayWindows(config);
    return config;
  }

  /**
   * A signed request may be replayed within its timestamp window; the inbox dedupe key is what
   * makes such a replay harmless, so it must outlive every channel's window.
   */
  /** The adapters' default timestamp windows in seconds (FeishuAdapter, GenericAdapter; others 1 h). */
  static final Map<String, Long> DEFAULT_WINDOWS = Map.of("feishu", 8 * 3600L, "generic", 300L);

  private static void checkReplayWindows(BotConfig config) {
    long ttl = config.inbox().dedupeTtl().toSeconds();
    config.channels().channels().forEach((platform, byId) -> byId.forEach((id, c) -> {
      String skew = c.value("max_skew_seconds");
      long window = skew != null ? Long.parseLong(skew) : DEFAULT_WINDOWS.getOrDefault(platform, 3600L);
      if (window > ttl) {
        throw new ConfigException(ChannelsConfigLoader.FILE, "channels." + platform + "." + id + ".max_skew_seconds",
            "must not exceed inbox.dedupe_ttl_hours (" + ttl + " s), or replays inside the window are not deduplicated");
      }
    }));
  }

  private static BotConfig.Delivery delivery(ConfigTree t) {
    String quiet = t.string("delivery.quiet_hours", "22:00-07:00").trim();
    java.time.LocalTime start = null;
    java.time.LocalTime end = null;
    if (!quiet.isEmpty()) {
      String[] parts = quiet.split("-");
      try {
        start = java.time.LocalTime.parse(parts[0].trim());
        end = java.time.LocalTime.parse(parts[1].trim());
      } catch (RuntimeException e) {
        throw t.errorAt("delivery.quiet_hours", "expected HH:MM-HH:MM or empty, got '" + quiet + "'");
      }
    }
    int base = t.integer("delivery.backoff_base_ms", 1000, 1, 3_600_000);
    int max = t.integer("delivery.backoff_max_ms", 300_000, 1, 86_400_000);
    if (max < base) {
      throw t.errorAt("delivery.backoff_max_ms", "must not be less than backoff_base_ms");
    }
    int batch = t.integer("delivery.batch", 64, 1, 1000);
    return new BotConfig.Delivery(t.integer("delivery.max_attempts", 8, 1, 100), Duration.ofMillis(base),
        Duration.ofMillis(max), start, end, t.decimal("delivery.bulk_share", 0.75, 0.05, 1.0),
        batch, t.integer("delivery.in_flight", batch, 1, 10_000),
        Duration.ofMillis(t.integer("delivery.rate_window_ms", 60_000, 100, 3_600_000)));
  }

  private static BotConfig.Redis redis(ConfigTree t) {
    String url = t.string("redis.url", "").trim();
    if (!url.isEmpty() && !url.matches("(redis|rediss|redis-sentinel|rediss-sentinel)://.+")) {
      throw new ConfigException("environment or " + FILE, "redis.url",
          "expected redis://, rediss:// or redis-sentinel://, got '" + BotConfig.Redis.redact(url) + "'");
    }
    String prefix = t.string("redis.key_prefix", "gb:");
    if (!prefix.matches("[A-Za-z0-9:_{}-]*")) {
      throw new ConfigException(FILE, "redis.key_prefix", "letters, digits and : _ - { } only");
    }
    return new BotConfig.Redis(url.isEmpty() ? null : url,
        Duration.ofMillis(t.integer("redis.command_timeout_ms", 2000, 50, 60_000)),
        prefix,
        new BotConfig.Embedded(
            Path.of(t.string("redis.embedded.data_dir", "./data")),
            t.bool("redis.embedded.appendonly", true),
            t.integer("redis.embedded.maxmemory_mb", 256, 16, 65536)));
  }

  private static JsonNode read(InputStream in, String file) {
    if (in == null) {
      throw new ConfigException(file, "", "missing");
    }
    try (in) {
      return ConfigYaml.readMapping(in, file, true);
    } catch (IOException e) {
      throw new ConfigException(file, "", "cannot read: " + e.getMessage());
    }
  }

  private static void merge(ObjectNode base, JsonNode over) {
    Iterator<Map.Entry<String, JsonNode>> it = over.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = base.get(e.getKey());
      if (existing instanceof ObjectNode baseObj && e.getValue().isObject()) {
        merge(baseObj, e.getValue());
      } else {
        base.set(e.getKey(), e.getValue());
      }
    }
  }
}
