package cn.gridbot.bot.outbound;

import cn.gridbot.bot.redis.Redis;

/**
 * The durable queue of outgoing messages: a Redis stream ({@code <prefix>outbox}, field
 * {@code out} = JSON), written by {@link cn.gridbot.bot.store.DecisionWriter} in the same script
 * as the state change that caused them, and drained by {@link Delivery}.
 */
public final class Outbox {
  public static final String GROUP = "delivery";

  private final Redis redis;

  public Outbox(Redis redis) {
    this.redis = redis;
  }

  public String streamKey() {
    return redis.key("outbox");
  }

  public String deadKey() {
    return redis.key("outbox:dead");
  }

}
