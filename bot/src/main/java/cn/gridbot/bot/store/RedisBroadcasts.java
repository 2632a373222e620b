package cn.gridbot.bot.store;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.broadcast.BroadcastStore;
import cn.gridbot.handlers.broadcast.Notice;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link BroadcastStore} on Redis: {@code broadcast:<id>} (hash: json, state scheduled|sent),
 * {@code broadcast:<id>:status} (hash group → sent | failed: reason, written by delivery),
 * {@code broadcast:draft:<coordinator>} (string, 1 h), {@code broadcasts} and
 * {@code broadcasts:scheduled} (sorted sets), {@code broadcast:seq}.
 */
public final class RedisBroadcasts implements BroadcastStore {
  private final Redis redis;

  public RedisBroadcasts(Redis redis) {
    this.redis = redis;
  }

  static JsonObject json(Notice n) {
    return new JsonObject().put("id", n.id()).put("author", n.author()).put("targets", n.targets())
        .put("groups", new JsonArray(n.groups())).put("text", n.text())
        .put("sendAt", n.sendAt() == null ? null : n.sendAt().toEpochMilli())
        .put("createdAt", n.createdAt().toEpochMilli());
  }

  static Notice notice(JsonObject o) {
    List<String> groups = new ArrayList<>();
    o.getJsonArray("groups").forEach(g -> groups.add((String) g));
    Long sendAt = o.getLong("sendAt");
    return new Notice(o.getString("id"), o.getString("author"), o.getString("targets"), groups, o.getString("text"),
        sendAt == null ? null : Instant.ofEpochMilli(sendAt), Instant.ofEpochMilli(o.getLong("createdAt")));
  }

  @Override
  public Future<String> nextId() {
    return redis.<Long>call(c -> c.incr(redis.key("broadcast:seq"))).map(n -> "N" + (1000 + n));
  }

  @Override
  public Future<Optional<Notice>> draft(String coordinatorKey) {
    return redis.<String>call(c -> c.get(redis.key("broadcast:draft:" + coordinatorKey)))
        .map(j -> Optional.ofNullable(j).map(x -> notice(new JsonObject(x))));
  }

  @Override
  public Future<Optional<Notice>> get(String id) {
    return redis.<String>call(c -> c.hget(redis.key("broadcast:" + id), "json"))
        .map(j -> Optional.ofNullable(j).map(x -> notice(new JsonObject(x))));
  }

  @Override
  public Future<Map<String, String>> status(String id) {
    return redis.call(c -> c.hgetall(redis.key("broadcast:" + id + ":status")));
  }

  /** Scheduled notices whose time has come. */
  public Future<List<Notice>> due(Instant now) {
    return redis.<List<String>>call(c -> c.zrangebyscore(redis.key("broadcasts:scheduled"),
            Range.create(0, now.toEpochMilli()), Limit.create(0, 20)))
        .compose(ids -> {
          List<Future<Optional<Notice>>> all = ids.stream().map(this::get).toList();
          return Future.all(all).map(v -> {
            List<Notice> out = new ArrayList<>();
            all.forEach(f -> f.result().ifPresent(out::add));
            return out;
          });
        });
  }

  @Override
  public Future<Optional<String>> state(String id) {
    return redis.<String>call(c -> c.hget(redis.key("broadcast:" + id), "state")).map(Optional::ofNullable);
  }

  /** Ids of the newest notices first (the {@code broadcasts} sorted set, by creation time). */
  public Future<List<String>> recent(int limit) {
    return redis.call(c -> c.zrevrange(redis.key("broadcasts"), 0, limit - 1));
  }
}
