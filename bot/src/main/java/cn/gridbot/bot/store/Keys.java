package cn.gridbot.bot.store;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.taxonomy.Category;

/** The Redis keys of tickets and conversations (all under the configured prefix; see README). */
public final class Keys {
  private final Redis redis;

  public Keys(Redis redis) {
    this.redis = redis;
  }

  String ticket(String id) {
    return redis.key("ticket:" + id);
  }

  String history(String id) {
    return redis.key("ticket:" + id + ":history");
  }

  String sequence() {
    return redis.key("ticket:seq");
  }

  String byStatus(String status) {
    return redis.key("tickets:status:" + status);
  }

  String byGrid(String grid) {
    return redis.key("tickets:grid:" + grid);
  }

  String byResident(String residentKey) {
    return redis.key("tickets:resident:" + residentKey);
  }

  String ledger(String placeKey) {
    return redis.key("tickets:place:" + placeKey);
  }

  String openAt(Category category, String placeKey) {
    return redis.key("tickets:open:" + category.id() + ":" + placeKey);
  }

  public String deadlines() {
    return redis.key("tickets:deadline");
  }

  String question(String residentKey) {
    return redis.key("conv:" + residentKey);
  }

  String questionExpiry() {
    return redis.key("conv:expiry");
  }

  String questionLapse() {
    return redis.key("conv:lapse");
  }

  String home(String residentKey) {
    return redis.key("resident:" + residentKey);
  }

  String outbox() {
    return redis.key("outbox");
  }
}
