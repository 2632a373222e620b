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

  /** KEYS[1] attempts hash; ARGV entry ids. Counts one more hand-out of each; returns the counts in order. */
  private static final Script COUNT = new Script("""
      local out = {}
      for i, id in ipairs(ARGV) do out[i] = redis.call('HINCRBY', KEYS[1], id, 1) end
      return out
      """, io.lettuce.core.ScriptOutputType.MULTI);

  private void loop(String from) {
    if (!running) {
      stoppedIfIdle();
      return;
    }
    boolean windowed = window > 0 && ">".equals(from);
    int count = batch;
    if (windowed) {
      synchronized (this) {
        int room = window - active;
        if (room < Math.max(1, Math.min(batch, window) / 2)) {
          // Resumed by the entry whose end makes room (see release).
          waitingForRoom = true;
          return;
        }
        count = Math.min(batch, room);
      }
    }
    XReadArgs args = XReadArgs.Builder.count(count);
    if (">".equals(from)) {
      args.block(1000);
    }
    Future<List<StreamMessage<String, String>>> read = Future.fromCompletionStage(blocking.async().xreadgroup(
        Consumer.from(group, consumer), args, XReadArgs.StreamOffset.from(stream, from)), vertx.getOrCreateContext());
    if (windowed) {
      read.onComplete(ar -> {
        if (ar.failed()) {
          if (running) {
            LOG.warn("reading {} failed: {}; retrying", stream, ar.cause().getMessage());
          }
          vertx.setTimer(500, id -> loop(">"));
        } else {
          dispatch(ar.result());
          loop(">");
        }
      });
      return;
    }
    read.compose(this::handleAll)
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
   * Handles a batch and completes when all of it is done: entries of the same partition one after
   * the other, in stream order; different partitions at the same time. Without a partition
   * function, all in order. (Used for our own pending entries at start, and without a window.)
   */
  private Future<Integer> handleAll(List<StreamMessage<String, String>> messages) {
    Map<String, Future<Void>> tails = new java.util.LinkedHashMap<>();
    List<StreamMessage<String, String>> mine = accept(messages);
    Future<Map<String, Long>> counts = count(mine);
    for (StreamMessage<String, String> m : mine) {
      String p = partitionOf(m);
      tails.put(p, after(tails.getOrDefault(p, Future.succeededFuture()), m, counts));
    }
    return Future.join(new java.util.ArrayList<>(tails.values())).map(v -> messages.size())
        .recover(err -> Future.succeededFuture(messages.size()));
  }

  /**
   * Starts a batch without waiting for it: each entry is chained behind the last entry of its
   * partition still in flight (from this batch or an earlier one), so a destination's order holds
   * while the next batch is read.
   */
  private void dispatch(List<StreamMessage<String, String>> messages) {
    List<StreamMessage<String, String>> mine = accept(messages);
    if (mine.isEmpty()) {
      return;
    }
    Future<Map<String, Long>> counts = count(mine);
    synchronized (this) {
      active += mine.size();
      for (StreamMessage<String, String> m : mine) {
        String p = partitionOf(m);
        Future<Void> done = after(tails.getOrDefault(p, Future.succeededFuture()), m, counts);
        tails.put(p, done);
        done.onComplete(ar -> release(p, done));
      }
    }
  }

  private void release(String partition, Future<Void> done) {
    boolean resume = false;
    synchronized (this) {
      active--;
      tails.remove(partition, done);
      if (waitingForRoom && window - active >= Math.max(1, Math.min(batch, window) / 2)) {
        waitingForRoom = false;
        resume = true;
      }
    }
    if (!running) {
      stoppedIfIdle();
    } else if (resume) {
      loop(">");
    }
  }

  private void stoppedIfIdle() {
    boolean idle;
    synchronized (this) {
      idle = active == 0;
    }
    if (idle) {
      stopped.tryComplete();
    }
  }

  private String partitionOf(StreamMessage<String, String> m) {
    return partition == null || m.getBody() == null ? "" : partition.apply(m.getBody());
  }

  private Function<Map<String, String>, String> partition;
  private final Map<String, Future<Void>> tails = new java.util.HashMap<>();
  private int active;
  private boolean waitingForRoom;
  private int window;

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

  /**
   * Keeps up to {@code n} entries in flight, reading the next entries while earlier ones are being
   * handled (instead of one batch at a time); 0 (the default) handles one batch at a time. An
   * entry counts until its handler's future completes, which for a handler that acknowledges is
   * after the acknowledgement: this bounds what a crash can leave handled but not acknowledged.
   */
  public StreamConsumer inFlight(int n) {
    this.window = n;
    return this;
  }

  private int batch = 64;

  /**
   * The entries to handle, each now marked as in flight on this instance; an entry this instance
   * is already working on (it can come back through the idle claim while it waits behind its
   * partition or its platform is slow) is left out: neither handled twice nor counted again.
   */
  private List<StreamMessage<String, String>> accept(List<StreamMessage<String, String>> messages) {
    List<StreamMessage<String, String>> out = new java.util.ArrayList<>(messages.size());
    for (StreamMessage<String, String> m : messages) {
      if (m.getBody() == null || m.getBody().isEmpty() || inFlight.add(m.getId())) {
        out.add(m);
      }
    }
    return out;
  }

  /** Counts one more hand-out of each accepted entry in one script call: entry id → its count. */
  private Future<Map<String, Long>> count(List<StreamMessage<String, String>> accepted) {
    List<String> ids = new java.util.ArrayList<>(accepted.size());
    for (StreamMessage<String, String> m : accepted) {
      if (m.getBody() != null && !m.getBody().isEmpty()) {
        ids.add(m.getId());
      }
    }
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return COUNT.<List<Object>>run(redis, new String[] {attemptsKey}, ids.toArray(new String[0])).map(list -> {
      Map<String, Long> out = new java.util.HashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        out.put(ids.get(i), (Long) list.get(i));
      }
      return out;
    });
  }

  /**
   * Handles an accepted entry once {@code tail} (the previous entry of its partition) succeeded;
   * skipped when it failed (the entry stays pending; the idle claim brings it back). Either way it
   * is no longer in flight afterwards.
   */
  private Future<Void> after(Future<Void> tail, StreamMessage<String, String> m, Future<Map<String, Long>> counts) {
    return tail.compose(v -> handleCounted(m, counts)).eventually(() -> {
      inFlight.remove(m.getId());
      return Future.succeededFuture();
    });
  }

  private Future<Void> handleCounted(StreamMessage<String, String> m, Future<Map<String, Long>> counts) {
    String id = m.getId();
    Map<String, String> body = m.getBody();
    if (body == null || body.isEmpty()) {
      // Deleted while pending: nothing left to do but acknowledge it.
      return ack(id);
    }
    return counts.compose(c -> attemptOne(id, body, c.get(id)));
  }

  private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Future<Void> attemptOne(String id, Map<String, String> body, long attempt) {
    Entry e = new Entry(id, body, attempt);
    if (attempt > maxAttempts) {
      LOG.error("{} entry {} failed {} times; parked", stream, id, maxAttempts);
      return park.apply(e);
    }
    return handler.apply(e).recover(err -> {
      LOG.warn("{} entry {} failed (attempt {}): {}", stream, id, attempt, err.toString());
      return Future.succeededFuture();
    });
  }

  private void claimIdle() {
    if (!running || !redis.isConnected()) {
      return;
    }
    redis.<io.lettuce.core.models.stream.ClaimedMessages<String, String>>call(c -> c.xautoclaim(stream,
            XAutoClaimArgs.Builder.xautoclaim(Consumer.from(group, consumer), claimIdle, "0-0").count(batch)))
        .compose(claimed -> {
          List<StreamMessage<String, String>> mine = accept(claimed.getMessages());
          Future<Map<String, Long>> counts = count(mine);
          Future<Void> chain = Future.succeededFuture();
          for (StreamMessage<String, String> m : mine) {
            chain = after(chain, m, counts);
          }
          return chain;
        })
        .onFailure(err -> LOG.debug("claiming idle entries of {} failed: {}", stream, err.getMessage()));
  }

  /** Stops reading after the current batch (and the entries in flight); closes the dedicated connection. */
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
