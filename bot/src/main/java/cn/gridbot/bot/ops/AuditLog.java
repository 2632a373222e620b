package cn.gridbot.bot.ops;

import cn.gridbot.bot.redis.Redis;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * Who changed what through the admin API or Open311, when and from where: {@code <prefix>audit},
 * a list of JSON entries, newest first, capped at {@link #KEEP}. Never holds tokens.
 */
public final class AuditLog {
  static final int KEEP = 10_000;
  private final Redis redis;

  public AuditLog(Redis redis) {
    this.redis = redis;
  }

  String key() {
    return redis.key("audit");
  }

  /**
   * Records one write. Called on an event loop.
   *
   * @param who the token or key id ({@code demo-heping}), never the secret
   * @param outcome {@code applied}, {@code refused} or {@code conflict}
   */
  public Future<Void> record(String who, String action, String target, String from, String outcome, String detail) {
    String entry = new JsonObject().put("at", Instant.now().toString()).put("who", who).put("action", action)
        .put("target", target).put("from", from).put("outcome", outcome).put("detail", detail).encode();
    return redis.<Long>call(c -> c.lpush(key(), entry))
        .compose(n -> redis.<String>call(c -> c.ltrim(key(), 0, KEEP - 1))).mapEmpty();
  }

  /** The newest entries first. */
  public Future<JsonArray> list(int limit) {
    return redis.<java.util.List<String>>call(c -> c.lrange(key(), 0, limit - 1)).map(l -> {
      JsonArray out = new JsonArray();
      l.forEach(s -> out.add(new JsonObject(s)));
      return out;
    });
  }
}
