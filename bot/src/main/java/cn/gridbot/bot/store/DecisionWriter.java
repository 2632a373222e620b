package cn.gridbot.bot.store;

import cn.gridbot.bot.outbound.Outbox;
import cn.gridbot.bot.outbound.OutgoingCodec;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.conversation.PendingQuestion;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.ticket.Texts;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketChange;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies a {@link Decision} to Redis in one Lua script: version checks on every ticket it
 * changes, then the acknowledgement of the inbound entry it answers, then every write (ticket
 * hash, indexes, history, conversation state, outbox entries). A crash leaves all or nothing;
 * a second instance that handled the same entry finds it acknowledged and writes nothing.
 */
public final class DecisionWriter {
  /** What became of a commit. */
  public enum Result { APPLIED, CONFLICT, ALREADY_HANDLED }

  /**
   * KEYS[1] inbox stream (or ""), KEYS[2] its attempts hash, KEYS[3] a conversation lock to release
   * (or ""); ARGV[1] group, ARGV[2] entry id, ARGV[3] the lock's token, ARGV[4] the number n of
   * checks, then n triples (key, field, expected), then the ops, each as its length followed by
   * the command and its arguments. Flat arguments rather than JSON: the ticket JSON is passed as
   * is, not escaped inside a second JSON document that Lua decodes. The lock is released with the
   * writes (or when the entry was already handled), and kept on a conflict, which is recomputed.
   */
  private static final Script APPLY = new Script("""
      local function release()
        if KEYS[3] ~= '' and redis.call('GET', KEYS[3]) == ARGV[3] then redis.call('DEL', KEYS[3]) end
      end
      local i = 5
      for _ = 1, tonumber(ARGV[4]) do
        local v = redis.call('HGET', ARGV[i], ARGV[i + 1])
        if (v or '0') ~= ARGV[i + 2] then return -2 end
        i = i + 3
      end
      if KEYS[1] ~= '' then
        if redis.call('XACK', KEYS[1], ARGV[1], ARGV[2]) == 0 then
          release()
          return -1
        end
        redis.call('XDEL', KEYS[1], ARGV[2])
        redis.call('HDEL', KEYS[2], ARGV[2])
      end
      while i <= #ARGV do
        local n = tonumber(ARGV[i])
        redis.call(unpack(ARGV, i + 1, i + n))
        i = i + n + 1
      end
      release()
      return 1
      """, ScriptOutputType.INTEGER);

  private final Redis redis;
  private final Keys keys;
  private final Function<Ticket, Optional<Instant>> nextCheck;
  private volatile java.util.function.Consumer<Decision> applied = d -> { };

  /** Told every decision this writer applied (metrics); called on the event loop, must not block. */
  public DecisionWriter onApplied(java.util.function.Consumer<Decision> listener) {
    this.applied = listener;
    return this;
  }

  /**
   * @param nextCheck when the deadline sweep should look at a ticket next (its reminder or its
   *     next escalation step); empty when never again
   */
  public DecisionWriter(Redis redis, Function<Ticket, Optional<Instant>> nextCheck) {
    this.redis = redis;
    this.keys = new Keys(redis);
    this.nextCheck = nextCheck;
  }

  /**
   * Commits a decision together with the ack of inbox entry {@code entryId}; pass null stream for
   * decisions that answer no inbound entry (timers). Called on an event loop.
   */
  public Future<Result> commit(Decision d, String inboxStream, String group, String attemptsKey, String entryId) {
    return commit(d, inboxStream, group, attemptsKey, entryId, null, null);
  }

  /**
   * Like {@link #commit(Decision, String, String, String, String)}, and releases the lock
   * {@code lockKey} if it still holds {@code lockToken}, in the same script, unless the result is
   * {@link Result#CONFLICT} (the caller recomputes under the lock). Null lock key: none.
   */
  public Future<Result> commit(Decision d, String inboxStream, String group, String attemptsKey, String entryId,
      String lockKey, String lockToken) {
    List<String> checks = new ArrayList<>();
    List<String[]> ops = new ArrayList<>();
    for (TicketChange c : d.tickets()) {
      Collections.addAll(checks, keys.ticket(c.after().id()), "version", Long.toString(c.baseVersion()));
      ticketOps(c, ops);
    }
    for (StateChange s : d.state()) {
      if (s instanceof StateChange.ReleaseNotice r) {
        Collections.addAll(checks, redis.key("broadcast:" + r.id()), "state", "scheduled");
      } else if (s instanceof StateChange.WithdrawNotice w) {
        Collections.addAll(checks, redis.key("broadcast:" + w.id()), "state", "scheduled");
      }
      stateOps(s, ops);
    }
    for (Outgoing o : d.outgoing()) {
      // The tag (a broadcast id) marks the group pushes it reports on, not the reply to its author.
      String[] fields = Outbox.fields(o, o instanceof Outgoing.GroupPush ? d.tag() : null);
      String[] xadd = new String[3 + fields.length];
      xadd[0] = "XADD";
      xadd[1] = redis.key("outbox:" + o.lane().name().toLowerCase());
      xadd[2] = "*";
      System.arraycopy(fields, 0, xadd, 3, fields.length);
      ops.add(xadd);
    }
    int size = 4 + checks.size();
    for (String[] op : ops) {
      size += 1 + op.length;
    }
    String[] argv = new String[size];
    int i = 0;
    argv[i++] = group == null ? "" : group;
    argv[i++] = entryId == null ? "" : entryId;
    argv[i++] = lockToken == null ? "" : lockToken;
    argv[i++] = Integer.toString(checks.size() / 3);
    for (String c : checks) {
      argv[i++] = c;
    }
    for (String[] op : ops) {
      argv[i++] = Integer.toString(op.length);
      System.arraycopy(op, 0, argv, i, op.length);
      i += op.length;
    }
    String[] k = {inboxStream == null ? "" : inboxStream, attemptsKey == null ? "" : attemptsKey,
        lockKey == null ? "" : lockKey};
    return APPLY.<Long>run(redis, k, argv)
        .map(r -> r == 1 ? Result.APPLIED : r == -2 ? Result.CONFLICT : Result.ALREADY_HANDLED)
        .onSuccess(r -> {
          if (r == Result.APPLIED) {
            applied.accept(d);
          }
        });
  }

  private void ticketOps(TicketChange c, List<String[]> ops) {
    Ticket t = c.after();
    String id = t.id();
    long created = t.createdAt().toEpochMilli();
    // "text" beside the JSON lets duplicate detection compare reports without decoding tickets.
    ops.add(op("HSET", keys.ticket(id), "json", Json.ticket(t).encode(), "version", Long.toString(t.version()),
        "status", t.status().name(), "text", t.text() == null ? "" : t.text()));
    if (c.before() != null && c.before() != t.status()) {
      ops.add(op("SREM", keys.byStatus(c.before().name()), id));
    }
    ops.add(op("SADD", keys.byStatus(t.status().name()), id));
    if (t.gridId() != null) {
      ops.add(op("ZADD", keys.byGrid(t.gridId()), Long.toString(created), id));
    }
    for (var r : t.reporters()) {
      ops.add(op("ZADD", keys.byResident(r.key()), Long.toString(created), id));
    }
    String placeKey = Texts.placeKey(t.place());
    if (placeKey != null) {
      ops.add(op("ZADD", keys.ledger(placeKey), Long.toString(created), id));
      ops.add(t.status().isOpen() ? op("ZADD", keys.openAt(t.category(), placeKey), Long.toString(created), id)
          : op("ZREM", keys.openAt(t.category(), placeKey), id));
    }
    Optional<Instant> check = nextCheck.apply(t);
    ops.add(check.isPresent() ? op("ZADD", keys.deadlines(), Long.toString(check.get().toEpochMilli()), id)
        : op("ZREM", keys.deadlines(), id));
    ops.add(op("RPUSH", keys.history(id), Json.event(c.event()).encode()));
  }

  private void stateOps(StateChange s, List<String[]> ops) {
    if (s instanceof StateChange.Ask a) {
      var q = a.question();
      long ttlMs = Math.max(1, q.expiresAt().toEpochMilli() - q.askedAt().toEpochMilli()) + 3_600_000;
      ops.add(op("SET", keys.question(a.residentKey()), Json.question(q).encode(), "PX", Long.toString(ttlMs)));
      ops.add(op("ZADD", keys.questionExpiry(), Long.toString(q.expiresAt().toEpochMilli()), a.residentKey()));
      Outgoing lapse = new Outgoing.Reply(q.resident().platform(), q.resident().channelId(),
          q.resident().conversationId(), PendingQuestion.LAPSED_REPLY, Outgoing.Lane.INTERACTIVE);
      ops.add(op("HSET", keys.questionLapse(), a.residentKey(), OutgoingCodec.encode(lapse)));
    } else if (s instanceof StateChange.ClearQuestion c) {
      ops.add(op("DEL", keys.question(c.residentKey())));
      ops.add(op("ZREM", keys.questionExpiry(), c.residentKey()));
      ops.add(op("HDEL", keys.questionLapse(), c.residentKey()));
    } else if (s instanceof StateChange.LogVisit v) {
      ops.add(op("RPUSH", redis.key("visits:" + v.targetId()), new io.vertx.core.json.JsonObject()
          .put("at", v.at().toEpochMilli()).put("actor", v.actor()).put("note", v.note()).encode()));
      ops.add(op("HSET", redis.key("visits:last"), v.targetId(), Long.toString(v.at().toEpochMilli())));
    } else if (s instanceof StateChange.DraftNotice n) {
      ops.add(op("SET", redis.key("broadcast:draft:" + n.coordinatorKey()), RedisBroadcasts.json(n.notice()).encode(),
          "EX", "3600"));
    } else if (s instanceof StateChange.ClearDraft c) {
      ops.add(op("DEL", redis.key("broadcast:draft:" + c.coordinatorKey())));
    } else if (s instanceof StateChange.RecordNotice r) {
      var n = r.notice();
      ops.add(op("HSET", redis.key("broadcast:" + n.id()), "json", RedisBroadcasts.json(n).encode(),
          "state", r.scheduled() ? "scheduled" : "sent", "total", Integer.toString(n.groups().size())));
      ops.add(op("ZADD", redis.key("broadcasts"), Long.toString(n.createdAt().toEpochMilli()), n.id()));
      if (r.scheduled()) {
        ops.add(op("ZADD", redis.key("broadcasts:scheduled"), Long.toString(n.sendAt().toEpochMilli()), n.id()));
      }
    } else if (s instanceof StateChange.ReleaseNotice r) {
      ops.add(op("HSET", redis.key("broadcast:" + r.id()), "state", "sent"));
      ops.add(op("ZREM", redis.key("broadcasts:scheduled"), r.id()));
    } else if (s instanceof StateChange.WithdrawNotice w) {
      ops.add(op("HSET", redis.key("broadcast:" + w.id()), "state", "withdrawn"));
      ops.add(op("ZREM", redis.key("broadcasts:scheduled"), w.id()));
    } else if (s instanceof StateChange.RememberHome h) {
      ops.add(op("HSET", keys.home(h.residentKey()), "home", Objects.requireNonNull(Json.place(h.home())).encode()));
    }
  }

  private static String[] op(String... parts) {
    return parts;
  }
}
