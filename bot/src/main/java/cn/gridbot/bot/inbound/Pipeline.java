package cn.gridbot.bot.inbound;

import cn.gridbot.bot.redis.StreamConsumer;
import cn.gridbot.bot.store.ConversationLock;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.HandlerChain;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes recorded inbound messages from the inbox stream, runs the handler chain under the
 * conversation's lock, and commits the decision (tickets, state, outgoing messages) together with
 * the inbox acknowledgement. A decision that lost a race on a ticket is recomputed. A message
 * that keeps failing is tried again, also by another instance after the claim idle time; after
 * the configured number of attempts it is parked in {@code <prefix>inbox:failed}.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final int MAX_CONFLICTS = 5;
  private final Inbox inbox;
  private final HandlerChain chain;
  private final DecisionWriter writer;
  private final ConversationLock lock;
  private final StreamConsumer consumer;

  public Pipeline(Vertx vertx, Inbox inbox, HandlerChain chain, DecisionWriter writer, ConversationLock lock,
      String consumerName, Duration claimIdle, int maxAttempts) {
    this.inbox = inbox;
    this.chain = chain;
    this.writer = writer;
    this.lock = lock;
    this.consumer = new StreamConsumer(vertx, inbox.redis(), inbox.streamKey(), Inbox.GROUP, consumerName,
        claimIdle, maxAttempts, this::process, this::park)
        // Messages of one conversation in order; different conversations of a batch at the same time.
        .partitionedBy(Pipeline::conversationOf);
  }

  static String conversationOf(java.util.Map<String, String> body) {
    try {
      InboundMessage m = InboundCodec.decode(body.get("msg"));
      return m.platform() + ":" + m.channelId() + ":" + m.conversationId();
    } catch (RuntimeException unreadable) {
      return "";
    }
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
    String conversation = conversationOf(e.body());
    return lock.acquire(conversation).compose(token -> decideAndCommit(m, e.id(), 0)
        .eventually(() -> lock.release(conversation, token)));
  }

  private Future<Void> decideAndCommit(InboundMessage m, String entryId, int conflicts) {
    return chain.handle(m).compose(decision -> writer.commit(decision, inbox.streamKey(), Inbox.GROUP,
        consumer.attemptsKey(), entryId).compose(result -> {
          if (result == DecisionWriter.Result.CONFLICT) {
            if (conflicts >= MAX_CONFLICTS) {
              return Future.failedFuture(new IllegalStateException("ticket kept changing under message " + m.messageId()));
            }
            return decideAndCommit(m, entryId, conflicts + 1);
          }
          log(m, decision, result);
          return Future.succeededFuture();
        }));
  }

  private static void log(InboundMessage m, Decision d, DecisionWriter.Result result) {
    LOG.info("message {}/{} {} handled by {}: tickets {}, {} outgoing{}", m.platform(), m.channelId(),
        m.messageId(), d.handler(), d.tickets().stream().map(c -> c.after().id() + " " + c.event().action()
            + (c.event().to() == null ? "" : "→" + c.event().to())).toList(), d.outgoing().size(),
        result == DecisionWriter.Result.ALREADY_HANDLED ? " (already handled elsewhere, dropped)" : "");
  }

  private Future<Void> park(StreamConsumer.Entry e) {
    String record = new JsonObject().put("id", e.id()).put("msg", e.body().get("msg"))
        .put("attempts", e.attempt()).put("at", System.currentTimeMillis()).encode();
    return consumer.parkInto(inbox.failedKey(), e.id(), record);
  }
}
