package cn.gridbot.bot.outbound;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.StreamConsumer;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox entries through the sender of their platform and acknowledges each only after
 * the platform confirmed it. A group push goes to the platform its group is configured on.
 * A crash between a platform's confirmation and the ack resends that one message on restart.
 */
public final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private final Redis redis;
  private final Outbox outbox;
  private final Map<String, ChannelSender> senders;
  private final Function<String, String> groupPlatform;
  private final StreamConsumer consumer;
  private volatile java.util.function.BiConsumer<String, String> delivered = (platform, entryId) -> { };

  /** Told (platform, outbox entry id) after each confirmed delivery (metrics); must not block. */
  public Delivery onDelivered(java.util.function.BiConsumer<String, String> listener) {
    this.delivered = listener;
    return this;
  }

  /**
   * @param groupPlatform the platform a directory group is on (the demo: {@code sandbox})
   */
  public Delivery(Vertx vertx, Redis redis, Outbox outbox, Map<String, ChannelSender> senders,
      Function<String, String> groupPlatform, String consumerName, Duration claimIdle, int maxAttempts) {
    this.redis = redis;
    this.outbox = outbox;
    this.senders = Map.copyOf(senders);
    this.groupPlatform = groupPlatform;
    this.consumer = new StreamConsumer(vertx, redis, outbox.streamKey(), Outbox.GROUP, consumerName,
        claimIdle, maxAttempts, this::deliver, this::park);
  }

  public Future<Void> start() {
    return consumer.start();
  }

  public Future<Void> stop() {
    return consumer.stop();
  }

  private Future<Void> deliver(StreamConsumer.Entry e) {
    Outgoing out;
    try {
      out = OutgoingCodec.decode(e.body().get("out"));
    } catch (IllegalArgumentException bad) {
      return park(e);
    }
    String platform = out instanceof Outgoing.Reply r ? r.platform()
        : groupPlatform.apply(((Outgoing.GroupPush) out).groupId());
    ChannelSender sender = senders.get(platform);
    if (sender == null) {
      LOG.error("no sender for platform {}; outbox entry {} parked", platform, e.id());
      return park(e);
    }
    return sender.send(out, e.id()).compose(v -> consumer.ack(e.id()))
        .onSuccess(v -> delivered.accept(platform, e.id()));
  }

  /** Moves an entry that cannot be delivered to the dead-letter list and acknowledges it. */
  private Future<Void> park(StreamConsumer.Entry e) {
    String record = new JsonObject().put("id", e.id()).put("out", e.body().get("out"))
        .put("attempts", e.attempt()).put("at", System.currentTimeMillis()).encode();
    return consumer.parkInto(outbox.deadKey(), e.id(), record);
  }
}
