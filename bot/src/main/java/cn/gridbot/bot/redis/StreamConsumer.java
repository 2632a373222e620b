package cn.gridbot.bot.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Redis stream through a consumer group and hands each entry to a handler, which acks it
 * (so that the ack can be part of the handler's own atomic write). Entries a handler fails on stay
 * pending and are tried again; entries left pending by a dead consumer are claimed after an idle
 * time; after {@code maxAttempts} an entry goes to {@code park}.
 *
 * <p>Blocking reads use a dedicated connection, lifted into Vert.x futures: no event loop blocks.
 */
public final class StreamConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(StreamConsumer.class);

  /** One entry, with how many times it was handed out (1 on first delivery). */
  public record Entry(String id, Map<String, String> body, long attempt) {}

  private final Vertx vertx;
  private final Redis redis;
  private final String stream;
  private final String group;
  private final String consumer;
  private final Duration claimIdle;
  private final int maxAttempts;
  private final Function<Entry, Future<Void>> handler;
  private final Function<Entry, Future<Void>> park;
  private final String attemptsKey;
  private volatile boolean running;
  private StatefulRedisConnection<String, String> blocking;
  private long claimTimer = -1;
  private final Promise<Void> stopped = Promise.promise();

  public StreamConsumer(Vertx vertx, Redis redis, String stream, String group, String consumer,
      Duration claimIdle, int maxAttempts, Function<Entry, Future<Void>> handler,
      Function<Entry, Future<Void>> park) {
    this.vertx = vertx;
    this.redis = redis;
    this.stream = stream;
    this.group = group;
    this.consumer = consumer;
    this.claimIdle = claimIdle;
    this.maxAttempts = maxAttempts;
    this.handler = handler;
    this.park = park;
    this.attemptsKey = stream + ":attempts:" + group;
  }

  /**
   * KEYS[1] stream, KEYS[2] attempts hash, KEYS[3] parking list or delayed zset; ARGV[1] group,
   * ARGV[2] id, ARGV[3] record or "", ARGV[4] score for a zset or "".
   */
  private static final Script ACK = new Script("""
      if ARGV[3] ~= '' then
        if ARGV[4] ~= '' then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[3])
        else redis.call('LPUSH', KEYS[3], ARGV[3]) end
      end
      redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
      redis.call('XDEL', KEYS[1], ARGV[2])
      return redis.call('HDEL', KEYS[2], ARGV[2])
      """, io.lettuce.core.ScriptOutputType.INTEGER);

  /** Acknowledges and deletes an entry (a handler that has no atomic write of its own). */
  public Future<Void> ack(String id) {
    return ACK.<Long>run(redis, new String[] {stream, attemptsKey, attemptsKey}, group, id, "", "").mapEmpty();
  }

  /** Moves an entry's record to a list (dead letters) and acknowledges it, atomically. */
  public Future<Void> parkInto(String listKey, String id, String record) {
    return ACK.<Long>run(redis, new String[] {stream, attemptsKey, listKey}, group, id, record, "").mapEmpty();
  }

  /** Moves an entry's record into a sorted set at {@code score} (a retry later) and acknowledges it, atomically. */
  public Future<Void> deferInto(String zsetKey, String id, String record, long score) {
    return ACK.<Long>run(redis, new String[] {stream, attemptsKey, zsetKey}, group, id, record, Long.toString(score))
        .mapEmpty();
  }

  /** The stream this consumer reads. */
  public String stream() {
    return stream;
  }

  /** The hash that counts deliveries per entry; the handler deletes its field on ack. */
  public String attemptsKey() {
    return attemptsKey;
  }

  /** Starts reading; completes once the group exists and the loop runs. */
  public Future<Void> start() {
    running = true;
    return ensureGroup()
        .compose(v -> redis.dedicatedConnection())
        .map(conn -> {
          blocking = conn;
          claimTimer = vertx.setPeriodic(Math.max(50, claimIdle.toMillis() / 2), id -> claimIdle());
          // Our own pending entries first (a restart under the same consumer name), then new ones.
          loop("0");
          return null;
        });
  }

  private Future<Void> ensureGroup() {
    return redis.<String>call(c -> c.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), group,
            XGroupCreateArgs.Builder.mkstream()))
        .<Void>mapEmpty()
        .recover(err -> err instanceof RedisBusyException || String.valueOf(err.getMessage()).contains("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(err));
  }

  private void loop(String from) {
    if (!running) {
      stopped.tryComplete();
      return;
    }
    XReadArgs args = XReadArgs.Builder.count(batch);
    if (">".equals(from)) {
      args.block(1000);
    }
    Future.fromCompletionStage(blocking.async().xreadgroup(Consumer.from(group, consumer), args,
            XReadArgs.StreamOffset.from(stream, from)), vertx.getOrCreateContext())
        .compose(this::handleAll)
        .onComplete(ar -> {
          if (ar.failed()) {
            if (running) {
              LOG.warn("reading {} failed: {}; retrying", stream, ar.cause().getMessage());
            }
            vertx.setTimer(500, id -> loop(">"));
          } else if ("0".equals(from) && ar.result() > 0) {
            loop("0");
          } else {
            loop(">");
          }
        });
  }

  /**
   * Handles a batch: entries of the same partition one after the other, in stream order;
   * different partitions at the same time. Without a partition function, all in order.
   */
  private Future<Integer> handleAll(List<StreamMessage<String, String>> messages) {
    java.util.Map<String, Future<Void>> tails = new java.util.LinkedHashMap<>();
    for (StreamMessage<String, String> m : messages) {
      String p = partition == null ? "" : partition.apply(m.getBody());
      Future<Void> tail = tails.getOrDefault(p, Future.succeededFuture());
      tails.put(p, tail.compose(v -> handleOne(m.getId(), m.getBody())));
    }
    return Future.join(new java.util.ArrayList<>(tails.values())).map(v -> messages.size())
        .recover(err -> Future.succeededFuture(messages.size()));
  }

  private Function<Map<String, String>, String> partition;

  /** Lets entries of different partitions (e.g. destinations) be handled concurrently. */
  public StreamConsumer partitionedBy(Function<Map<String, String>, String> key) {
    this.partition = key;
    return this;
  }

  /** Reads up to this many entries at a time (default 64). */
  public StreamConsumer batch(int n) {
    this.batch = n;
    return this;
  }

  private int batch = 64;

  private Future<Void> handleOne(String id, Map<String, String> body) {
    if (body == null || body.isEmpty()) {
      // Deleted while pending: nothing left to do but acknowledge it.
      return ack(id);
    }
    // An entry this instance is still working on (a long batch) can come back through the idle
    // claim; it is neither handled twice nor counted as a failed attempt.
    if (!inFlight.add(id)) {
      return Future.succeededFuture();
    }
    return attemptOne(id, body).eventually(() -> {
      inFlight.remove(id);
      return Future.succeededFuture();
    });
  }

  private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Future<Void> attemptOne(String id, Map<String, String> body) {
    return redis.<Long>call(c -> c.hincrby(attemptsKey, id, 1)).compose(attempt -> {
      Entry e = new Entry(id, body, attempt);
      if (attempt > maxAttempts) {
        LOG.error("{} entry {} failed {} times; parked", stream, id, maxAttempts);
        return park.apply(e);
      }
      return handler.apply(e).recover(err -> {
        LOG.warn("{} entry {} failed (attempt {}): {}", stream, id, attempt, err.toString());
        return Future.succeededFuture();
      });
    });
  }

  private void claimIdle() {
    if (!running || !redis.isConnected()) {
      return;
    }
    redis.<io.lettuce.core.models.stream.ClaimedMessages<String, String>>call(c -> c.xautoclaim(stream,
            XAutoClaimArgs.Builder.xautoclaim(Consumer.from(group, consumer), claimIdle, "0-0").count(batch)))
        .compose(claimed -> {
          Future<Void> chain = Future.succeededFuture();
          for (StreamMessage<String, String> m : claimed.getMessages()) {
            chain = chain.compose(v -> handleOne(m.getId(), m.getBody()));
          }
          return chain;
        })
        .onFailure(err -> LOG.debug("claiming idle entries of {} failed: {}", stream, err.getMessage()));
  }

  /** Stops reading after the current batch; closes the dedicated connection. */
  public Future<Void> stop() {
    running = false;
    if (claimTimer >= 0) {
      vertx.cancelTimer(claimTimer);
    }
    StatefulRedisConnection<String, String> c = blocking;
    if (c == null) {
      return Future.succeededFuture();
    }
    return stopped.future().timeout(2, java.util.concurrent.TimeUnit.SECONDS)
        .recover(err -> Future.succeededFuture())
        .compose(v -> Future.fromCompletionStage(c.closeAsync(), vertx.getOrCreateContext()));
  }
}
