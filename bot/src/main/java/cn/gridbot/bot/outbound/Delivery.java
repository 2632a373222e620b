package cn.gridbot.bot.outbound;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import cn.gridbot.bot.redis.StreamConsumer;
import cn.gridbot.handlers.Outgoing;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: one consumer per priority lane (emergency, interactive, reminder, bulk), so
 * a large broadcast never holds up an emergency; within a lane, messages to one destination keep
 * their order and different destinations go out concurrently. An entry is acknowledged only
 * after the platform confirmed it. A message the platform cannot take now (rate limit, 5xx,
 * network) waits in {@code outbox:delayed} — for the robot's window, or an exponential backoff with
 * jitter — and comes back to its lane; a permanent refusal, or too many attempts, makes it a dead
 * letter with the reason. Bulk messages wait out the quiet hours. A crash between a platform's
 * confirmation and the acknowledgement resends that one message.
 */
public final class Delivery {
  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  /**
   * Acknowledges and deletes delivered entries and marks them in their broadcasts' reports.
   * KEYS[1] stream, KEYS[2] attempts hash, KEYS[3..] broadcast status hashes; ARGV[1] group,
   * ARGV[2] n, ARGV[3..2+n] entry ids, then per entry of a broadcast: index into KEYS, field, value.
   */
  private static final Script DONE = new Script("""
      local n = tonumber(ARGV[2])
      local ids = {}
      for i = 1, n do ids[i] = ARGV[2 + i] end
      redis.call('XACK', KEYS[1], ARGV[1], unpack(ids))
      redis.call('XDEL', KEYS[1], unpack(ids))
      redis.call('HDEL', KEYS[2], unpack(ids))
      for j = 3 + n, #ARGV, 3 do redis.call('HSET', KEYS[tonumber(ARGV[j])], ARGV[j + 1], ARGV[j + 2]) end
      return n
      """, ScriptOutputType.INTEGER);

  /** Entries acknowledged by one script call at most (Lua's unpack has a stack limit). */
  static final int ACKS_PER_CALL = 500;

  /** KEYS[1] delayed zset; ARGV[1] now, ARGV[2] stream key prefix. Moves due entries back to their lanes. */
  private static final Script PUMP = new Script("""
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], 0, ARGV[1], 'LIMIT', 0, 500)
      for _, m in ipairs(due) do
        if redis.call('ZREM', KEYS[1], m) == 1 then
          local e = cjson.decode(m)
          redis.call('XADD', ARGV[2] .. string.lower(e['lane']), '*', 'out', e['out'], 'key', e['key'],
              'tag', e['tag'], 'attempt', tostring(e['attempt']))
        end
      end
      return #due
      """, ScriptOutputType.INTEGER);

  private final Vertx vertx;
  private final Redis redis;
  private final Outbox outbox;
  private final Map<String, ChannelSender> senders;
  private final Function<String, String> groupPlatform;
  private final BotConfig.Delivery config;
  private final Clock clock;
  private final List<StreamConsumer> consumers = new ArrayList<>();
  private final Map<StreamConsumer, Acks> acks = new java.util.HashMap<>();
  private long pumpTimer = -1;
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
      Function<String, String> groupPlatform, String consumerName, java.time.Duration claimIdle,
      BotConfig.Delivery config, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.outbox = outbox;
    this.senders = Map.copyOf(senders);
    this.groupPlatform = groupPlatform;
    this.config = config;
    this.clock = clock;
    for (Outgoing.Lane lane : Outgoing.Lane.values()) {
      StreamConsumer[] self = new StreamConsumer[1];
      self[0] = new StreamConsumer(vertx, redis, outbox.streamKey(lane), Outbox.GROUP, consumerName, claimIdle,
          config.maxAttempts() + 5, e -> deliver(lane, self[0], e), e -> dead(lane, self[0], e, "crashed while sending"))
          .partitionedBy(Delivery::destination).batch(config.batch()).inFlight(config.inFlight());
      consumers.add(self[0]);
      acks.put(self[0], new Acks(self[0]));
    }
  }

  public Future<Void> start() {
    List<Future<Void>> started = consumers.stream().map(StreamConsumer::start).toList();
    return Future.all(started).map(v -> {
      pumpTimer = vertx.setPeriodic(100, id -> pump());
      return null;
    });
  }

  public Future<Void> stop() {
    if (pumpTimer >= 0) {
      vertx.cancelTimer(pumpTimer);
    }
    return Future.all(consumers.stream().map(StreamConsumer::stop).toList()).mapEmpty();
  }

  /** Where an entry goes: its group, or the conversation a reply answers. */
  static String destination(Map<String, String> body) {
    String dest = body.get("dest");
    if (dest != null) {
      return dest;
    }
    String out = body.get("out");
    if (out == null) {
      return "";
    }
    JsonObject o = new JsonObject(out);
    return o.getString("group", o.getString("platform", "") + ":" + o.getString("channel", "") + ":"
        + o.getString("conversation", ""));
  }

  private void pump() {
    if (!redis.isConnected()) {
      return;
    }
    PUMP.<Long>run(redis, new String[] {outbox.delayedKey()}, Long.toString(clock.millis()), redis.key("outbox:"))
        .onFailure(err -> LOG.debug("outbox pump failed: {}", err.getMessage()));
  }

  private Future<Void> deliver(Outgoing.Lane lane, StreamConsumer consumer, StreamConsumer.Entry e) {
    Outgoing out;
    try {
      out = OutgoingCodec.decode(e.body().get("out"));
    } catch (IllegalArgumentException bad) {
      return dead(lane, consumer, e, "unreadable entry");
    }
    if (lane == Outgoing.Lane.BULK) {
      Instant quietEnd = quietEnd(clock.instant());
      if (quietEnd != null) {
        return consumer.deferInto(outbox.delayedKey(), e.id(),
            Outbox.delayed(lane, e.body(), attempt(e), "quiet hours"), quietEnd.toEpochMilli());
      }
    }
    String platform = out instanceof Outgoing.Reply r ? r.platform()
        : groupPlatform.apply(((Outgoing.GroupPush) out).groupId());
    ChannelSender sender = senders.get(platform);
    if (sender == null) {
      return dead(lane, consumer, e, "no sender for platform " + platform);
    }
    String key = e.body().getOrDefault("key", e.id());
    return sender.send(out, key).compose(v -> done(consumer, e, out, "sent")
        .onSuccess(x -> delivered.accept(platform, e.id())), err -> {
      if (err instanceof PermanentSendFailure) {
        LOG.error("{} refused outbox entry {} for good ({}); dead letter", platform, e.id(), err.getMessage());
        return dead(lane, consumer, e, err.getMessage());
      }
      boolean waitOnly = err instanceof RetryableSendFailure r && !r.attempted();
      long attempt = waitOnly ? attempt(e) : attempt(e) + 1;
      if (!waitOnly && attempt >= config.maxAttempts()) {
        return dead(lane, consumer, e, "gave up after " + attempt + " attempts: " + err.getMessage());
      }
      long after = err instanceof RetryableSendFailure r ? r.retryAfterMs() : 0;
      // Waiting for our own limiter's window: exactly until a slot frees, no backoff on top.
      long wait = waitOnly ? Math.max(1, after) : Math.max(after, backoff(attempt));
      LOG.info("{} entry {} on {} retried in {} ms: {}", lane, e.id(), platform, wait, err.getMessage());
      return consumer.deferInto(outbox.delayedKey(), e.id(),
          Outbox.delayed(lane, e.body(), attempt, err.getMessage()), clock.millis() + wait);
    });
  }

  private static long attempt(StreamConsumer.Entry e) {
    try {
      return Long.parseLong(e.body().getOrDefault("attempt", "0"));
    } catch (NumberFormatException bad) {
      return 0;
    }
  }

  /** Exponential backoff with jitter: between half and all of base × 2^(attempt-1), capped. */
  long backoff(long attempt) {
    long full = Math.min(config.backoffMax().toMillis(),
        config.backoffBase().toMillis() << Math.min(20, Math.max(0, attempt - 1)));
    return full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1);
  }

  /** The end of the quiet period {@code now} falls in, or null outside quiet hours. */
  Instant quietEnd(Instant now) {
    if (config.quietStart() == null) {
      return null;
    }
    ZonedDateTime t = now.atZone(ZONE);
    LocalTime time = t.toLocalTime();
    LocalTime start = config.quietStart();
    LocalTime end = config.quietEnd();
    boolean overnight = start.isAfter(end);
    boolean quiet = overnight ? (!time.isBefore(start) || time.isBefore(end))
        : (!time.isBefore(start) && time.isBefore(end));
    if (!quiet) {
      return null;
    }
    ZonedDateTime endAt = t.toLocalDate().atTime(end).atZone(ZONE);
    if (!endAt.isAfter(t)) {
      endAt = endAt.plusDays(1);
    }
    return endAt.toInstant();
  }

  /** Acknowledges a delivered entry (with others delivered meanwhile: see {@link Acks}). */
  private Future<Void> done(StreamConsumer consumer, StreamConsumer.Entry e, Outgoing out, String status) {
    String tag = e.body().getOrDefault("tag", "");
    String statusKey = tag.isEmpty() ? null : redis.key("broadcast:" + tag + ":status");
    String group = tag.isEmpty() ? null : destination(out);
    return acks.get(consumer).add(new Ack(e.id(), statusKey, group, status));
  }

  private static String destination(Outgoing out) {
    return out instanceof Outgoing.GroupPush g ? g.groupId()
        : ((Outgoing.Reply) out).platform() + ":" + ((Outgoing.Reply) out).channelId() + ":"
            + ((Outgoing.Reply) out).conversationId();
  }

  private record Ack(String id, String statusKey, String field, String value) {}

  /**
   * Acknowledges one lane's delivered entries in groups: while one script call is on its way,
   * entries confirmed meanwhile queue up and go together in the next call. An entry's future
   * completes when its acknowledgement is written, and it stays in flight for the consumer until
   * then, so {@code delivery.in_flight} still bounds what a crash can leave sent and not
   * acknowledged (each such entry is sent again once, on restart). With one message at a time
   * this is one call per message, as before.
   */
  private final class Acks {
    private final StreamConsumer consumer;
    private final List<Map.Entry<Ack, io.vertx.core.Promise<Void>>> queued = new ArrayList<>();
    private boolean writing;

    Acks(StreamConsumer consumer) {
      this.consumer = consumer;
    }

    Future<Void> add(Ack ack) {
      io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
      boolean start;
      synchronized (this) {
        queued.add(Map.entry(ack, p));
        start = !writing;
        writing = true;
      }
      if (start) {
        write();
      }
      return p.future();
    }

    private void write() {
      List<Map.Entry<Ack, io.vertx.core.Promise<Void>>> batch;
      synchronized (this) {
        if (queued.isEmpty()) {
          writing = false;
          return;
        }
        int n = Math.min(ACKS_PER_CALL, queued.size());
        batch = new ArrayList<>(queued.subList(0, n));
        queued.subList(0, n).clear();
      }
      List<String> keys = new ArrayList<>(List.of(consumer.stream(), consumer.attemptsKey()));
      List<String> args = new ArrayList<>(List.of(Outbox.GROUP, Integer.toString(batch.size())));
      for (Map.Entry<Ack, io.vertx.core.Promise<Void>> a : batch) {
        args.add(a.getKey().id());
      }
      for (Map.Entry<Ack, io.vertx.core.Promise<Void>> a : batch) {
        Ack ack = a.getKey();
        if (ack.statusKey() != null) {
          int k = keys.indexOf(ack.statusKey());
          if (k < 0) {
            keys.add(ack.statusKey());
            k = keys.size() - 1;
          }
          args.add(Integer.toString(k + 1));
          args.add(ack.field());
          args.add(ack.value());
        }
      }
      DONE.<Long>run(redis, keys.toArray(new String[0]), args.toArray(new String[0])).onComplete(ar -> {
        for (Map.Entry<Ack, io.vertx.core.Promise<Void>> a : batch) {
          if (ar.succeeded()) {
            a.getValue().complete();
          } else {
            a.getValue().fail(ar.cause());
          }
        }
        write();
      });
    }
  }

  /** Makes an entry a dead letter with its reason, and marks it failed in its broadcast's report. */
  private Future<Void> dead(Outgoing.Lane lane, StreamConsumer consumer, StreamConsumer.Entry e, String reason) {
    String record = new JsonObject().put("id", e.id()).put("lane", lane.name()).put("out", e.body().get("out"))
        .put("key", e.body().get("key")).put("tag", e.body().getOrDefault("tag", ""))
        .put("attempts", attempt(e) + 1).put("reason", reason).put("at", clock.millis()).encode();
    return consumer.parkInto(outbox.deadKey(), e.id(), record).compose(v -> {
      String tag = e.body().getOrDefault("tag", "");
      return tag.isEmpty() ? Future.succeededFuture()
          : redis.<Boolean>call(c -> c.hset(redis.key("broadcast:" + tag + ":status"), destination(e.body()),
              "failed: " + reason)).mapEmpty();
    });
  }
}
