package cn.gridbot.bot.inbound;

import cn.gridbot.bot.outbound.Outbox;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.StreamConsumer;
import cn.gridbot.handlers.HandlerChain;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes recorded inbound messages from the inbox stream, runs the handler chain, and commits the
 * decision (outgoing messages) together with the inbox acknowledgement. A message that fails is
 * tried again, also by another instance after the claim idle time; after the configured number
 * of attempts it is parked in {@code <prefix>inbox:failed} for an operator.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private final Redis redis;
  private final Inbox inbox;
  private final Outbox outbox;
  private final HandlerChain chain;
  private final StreamConsumer consumer;

  public Pipeline(Vertx vertx, Redis redis, Inbox inbox, Outbox outbox, HandlerChain chain,
      String consumerName, Duration claimIdle, int maxAttempts) {
    this.redis = redis;
    this.inbox = inbox;
    this.outbox = outbox;
    this.chain = chain;
    this.consumer = new StreamConsumer(vertx, redis, inbox.streamKey(), Inbox.GROUP, consumerName,
        claimIdle, maxAttempts, this::process, this::park);
  }

  public Future<Void> start() {
    return consumer.start();
  }

  public Future<Void> stop() {
    return consumer.stop();
  }

  private Future<Void> process(StreamConsumer.Entry e) {
    InboundMessage m;
    try {
      m = InboundCodec.decode(e.body().get("msg"));
    } catch (IllegalArgumentException bad) {
      LOG.error("inbox entry {} unreadable; parked", e.id());
      return park(e);
    }
    return chain.handle(m).compose(decision -> {
      LOG.info("message {}/{} {} handled by {} -> {} outgoing", m.platform(), m.channelId(),
          m.messageId(), decision.handler(), decision.outgoing().size());
      return outbox.commit(decision.outgoing(), inbox.streamKey(), Inbox.GROUP,
          consumer.attemptsKey(), e.id());
    }).mapEmpty();
  }

  private Future<Void> park(StreamConsumer.Entry e) {
    String record = new JsonObject().put("id", e.id()).put("msg", e.body().get("msg"))
        .put("attempts", e.attempt()).put("at", System.currentTimeMillis()).encode();
    return consumer.parkInto(inbox.failedKey(), e.id(), record);
  }
}
