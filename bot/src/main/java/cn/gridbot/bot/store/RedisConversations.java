package cn.gridbot.bot.store;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.conversation.ConversationStore;
import cn.gridbot.handlers.conversation.PendingQuestion;
import cn.gridbot.handlers.understanding.Place;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Optional;

/** {@link ConversationStore} on Redis: the open question and the remembered home per resident. */
public final class RedisConversations implements ConversationStore {
  private final Redis redis;
  private final Keys keys;
  private final Clock clock;

  public RedisConversations(Redis redis, Clock clock) {
    this.redis = redis;
    this.keys = new Keys(redis);
    this.clock = clock;
  }

  @Override
  public Future<Optional<PendingQuestion>> pending(String residentKey) {
    return redis.<String>call(c -> c.get(keys.question(residentKey))).map(json -> Optional.ofNullable(json)
        .map(j -> Json.question(new JsonObject(j)))
        .filter(q -> q.expiresAt().isAfter(clock.instant())));
  }

  @Override
  public Future<Optional<Place>> home(String residentKey) {
    return redis.<String>call(c -> c.hget(keys.home(residentKey), "home"))
        .map(json -> Optional.ofNullable(json).map(j -> Json.place(new JsonObject(j))));
  }
}
