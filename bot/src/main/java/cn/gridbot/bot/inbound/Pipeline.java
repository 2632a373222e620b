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
import java.util.List;
import java.util.function.Predicate;
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
  /** The handler name of decisions about messages over the sender limit. */
  static final String FLOOD = "sender-limit";
  private final Inbox inbox;
  private final HandlerChain chain;
  private final DecisionWriter writer;
  private final ConversationLock lock;
  private final StreamConsumer consumer;
  private SenderLimit limit;
  private Predicate<InboundMessage> neverLimited = m -> false;

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

  /**
   * The partition of an inbox entry: its {@code conv} field, or for an entry without one (written
   * by an earlier version, or put back from the failed list) the key read from its JSON.
   */
  static String conversationOf(java.util.Map<String, String> body) {
    String conv = body.get("conv");
    if (conv != null) {
      return conv;
    }
    try {
      return conversationOf(InboundCodec.decode(body.get("msg")));
    } catch (RuntimeException unreadable) {
      return "";
    }
  }

  static String conversationOf(InboundMessage m) {
    return m.platform() + ":" + m.channelId() + ":" + m.conversationId();
  }

  /**
   * Drops messages of a sender over {@code limit} (one polite answer per window), except those
   * {@code neverLimited} says must go through (staff, emergencies); it is asked only for messages
   * over the limit, on the event loop, and must not block. Set before {@link #start}.
   */
  public Pipeline withSenderLimit(SenderLimit limit, Predicate<InboundMessage> neverLimited) {
    this.limit = limit;
    this.neverLimited = neverLimited;
    return this;
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
    String conversation = conversationOf(m); // the same key the consumer partitioned by, without decoding again
    return handle(e, m, conversation);
  }

  private Future<Void> handle(StreamConsumer.Entry e, InboundMessage m, String conversation) {
    String lockKey = lock.key(conversation);
    // With a sender limit, the script that takes the lock also counts the message (one round trip).
    Future<ConversationLock.Held<SenderLimit.Verdict>> held = limit == null || !limit.enabled()
        ? lock.acquire(conversation).map(token -> new ConversationLock.Held<>(token, SenderLimit.Verdict.ALLOW))
        : lock.acquire(conversation, (key, token, leaseMs) -> limit.checkLocked(m, key, token, leaseMs));
    return held.compose(h -> {
      // The decision script releases the lock when it commits; otherwise (a failure) it is released here.
      boolean[] released = {false};
      Lock under = new Lock(lockKey, h.token(), released);
      SenderLimit.Verdict verdict = admit(m, h.value());
      return (verdict == SenderLimit.Verdict.ALLOW ? decideAndCommit(m, e.id(), 0, under)
          : dropOverLimit(m, e.id(), verdict, under))
          .eventually(() -> released[0] ? Future.succeededFuture() : lock.release(conversation, h.token()));
    });
  }

  /** The conversation lock a commit releases; {@code released[0]} is set once a commit did. */
  private record Lock(String key, String token, boolean[] released) {
    DecisionWriter.Result committed(DecisionWriter.Result r) {
      if (r != DecisionWriter.Result.CONFLICT) {
        released[0] = true;
      }
      return r;
    }
  }

  private SenderLimit.Verdict admit(InboundMessage m, SenderLimit.Verdict v) {
    if (v != SenderLimit.Verdict.ALLOW && neverLimited.test(m)) {
      LOG.info("message {}/{} {} over the sender limit but let through (staff or emergency)", m.platform(),
          m.channelId(), m.messageId());
      return SenderLimit.Verdict.ALLOW;
    }
    return v;
  }

  /**
   * Acknowledges a message over the sender's limit without handling it: no ticket, no push. The
   * first one of the window gets the polite answer, unless it was said in a group (the bot does
   * not lecture a whole group).
   */
  private Future<Void> dropOverLimit(InboundMessage m, String entryId, SenderLimit.Verdict verdict, Lock under) {
    boolean answer = verdict == SenderLimit.Verdict.WARN && !m.inGroup();
    Decision d = answer ? Decision.reply(FLOOD, m, SenderLimit.POLITE) : new Decision(FLOOD, List.of());
    return writer.commit(d, inbox.streamKey(), Inbox.GROUP, consumer.attemptsKey(), entryId, under.key(),
        under.token()).map(under::committed).map(result -> {
          LOG.info("message {}/{} {} over the sender limit: dropped{}", m.platform(), m.channelId(), m.messageId(),
              answer ? ", polite answer sent" : "");
          return null;
        });
  }

  private Future<Void> decideAndCommit(InboundMessage m, String entryId, int conflicts, Lock under) {
    return chain.handle(m).compose(decision -> writer.commit(decision, inbox.streamKey(), Inbox.GROUP,
        consumer.attemptsKey(), entryId, under.key(), under.token()).map(under::committed).compose(result -> {
          if (result == DecisionWriter.Result.CONFLICT) {
            if (conflicts >= MAX_CONFLICTS) {
              return Future.failedFuture(new IllegalStateException("ticket kept changing under message " + m.messageId()));
            }
            return decideAndCommit(m, entryId, conflicts + 1, under);
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
