package cn.gridbot.bot.store;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.visit.VisitStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link VisitStore} on Redis: {@code <prefix>visits:last} (hash target → ms) and a history list per target. */
public final class RedisVisits implements VisitStore {
  private final Redis redis;

  public RedisVisits(Redis redis) {
    this.redis = redis;
  }

  @Override
  public Future<Map<String, Instant>> lastVisits() {
    return redis.<Map<String, String>>call(c -> c.hgetall(redis.key("visits:last"))).map(m -> {
      Map<String, Instant> out = new HashMap<>();
      m.forEach((k, v) -> out.put(k, Instant.ofEpochMilli(Long.parseLong(v))));
      return out;
    });
  }

  /** A target's visit history ("一户一卷"), oldest first. */
  public Future<List<JsonObject>> history(String targetId) {
    return redis.<List<String>>call(c -> c.lrange(redis.key("visits:" + targetId), 0, -1))
        .map(l -> l.stream().map(JsonObject::new).toList());
  }
}
