package cn.gridbot.bot.platform;

import cn.gridbot.bot.inbound.Inbox;
import cn.gridbot.bot.redis.Redis;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Reads the reply routes the webhook edge stored with inbound messages (see
 * {@link Inbox#record(cn.gridbot.handlers.InboundMessage, cn.gridbot.bot.http.WebhookOutcome.ReplyRoute)}):
 * DingTalk sessionWebhooks (reusable until they expire: the newest is used) and WeCom 智能机器人
 * response_urls (single use: the oldest unexpired one is used, then removed).
 */
public final class ReplyRoutes {
  /** A stored route and its raw list entry (to remove it after use). */
  public record Route(String url, long expiresAtMillis, String raw) {
    @Override
    public String toString() {
      return "Route[expiresAt=" + expiresAtMillis + "]";
    }
  }

  private static final long SAFETY_MS = 5_000;
  private final Redis redis;

  public ReplyRoutes(Redis redis) {
    this.redis = redis;
  }

  private String key(String platform, String channel, String conversation) {
    return Inbox.routeKey(redis, platform, channel, conversation);
  }

  private Future<List<Route>> all(String platform, String channel, String conversation) {
    return redis.<List<String>>call(c -> c.lrange(key(platform, channel, conversation), 0, -1)).map(items ->
        items.stream().map(raw -> {
          JsonObject o = new JsonObject(raw);
          return new Route(o.getString("url"), o.getLong("exp", 0L), raw);
        }).toList());
  }

  /** The newest route that is still valid for a few seconds. */
  public Future<Optional<Route>> newest(String platform, String channel, String conversation) {
    long now = System.currentTimeMillis();
    return all(platform, channel, conversation).map(list -> {
      for (int i = list.size() - 1; i >= 0; i--) {
        if (list.get(i).expiresAtMillis() > now + SAFETY_MS) {
          return Optional.of(list.get(i));
        }
      }
      return Optional.empty();
    });
  }

  /** The oldest route that is still valid for a few seconds. */
  public Future<Optional<Route>> oldest(String platform, String channel, String conversation) {
    long now = System.currentTimeMillis();
    return all(platform, channel, conversation).map(list -> list.stream()
        .filter(r -> r.expiresAtMillis() > now + SAFETY_MS).findFirst());
  }

  /** Removes a used single-use route. */
  public Future<Void> consume(String platform, String channel, String conversation, Route r) {
    return redis.<Long>call(c -> c.lrem(key(platform, channel, conversation), 1, r.raw())).mapEmpty();
  }
}
