package cn.gridbot.bot.store;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.ticket.TicketStore;
import cn.gridbot.bot.redis.Script;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link TicketStore} on Redis: one hash per ticket (field {@code json}), sorted-set indexes. */
public final class RedisTickets implements TicketStore {
  private final Redis redis;
  private final Keys keys;

  public RedisTickets(Redis redis) {
    this.redis = redis;
    this.keys = new Keys(redis);
  }

  @Override
  public Future<String> nextId() {
    // A1001, A1002, ... then B1000 after A9999: short enough to type in a chat.
    return redis.<Long>call(c -> c.incr(keys.sequence())).map(n -> {
      long k = n - 1;
      char letter = (char) ('A' + (k / 9000) % 26);
      return letter + Long.toString(1001 + k % 9000);
    });
  }

  @Override
  public Future<Optional<Ticket>> get(String id) {
    return redis.<String>call(c -> c.hget(keys.ticket(id), "json"))
        .map(json -> Optional.ofNullable(json).map(j -> Json.ticket(new JsonObject(j))));
  }

  private Future<List<Ticket>> load(List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Future<Optional<Ticket>>> all = ids.stream().map(this::get).toList();
    return Future.all(all).map(cf -> {
      List<Ticket> out = new ArrayList<>();
      all.forEach(f -> f.result().ifPresent(out::add));
      return out;
    });
  }

  @Override
  public Future<List<Ticket>> byResident(String residentKey, int limit) {
    return redis.<List<String>>call(c -> c.zrevrange(keys.byResident(residentKey), 0, limit - 1)).compose(this::load);
  }

  @Override
  public Future<List<Ticket>> openInGrid(String gridId) {
    return redis.<List<String>>call(c -> c.zrevrange(keys.byGrid(gridId), 0, 499)).compose(this::load)
        .map(list -> list.stream().filter(t -> t.status().isOpen()).toList());
  }

  @Override
  public Future<List<Ticket>> openAt(Category category, String placeKey, Instant since) {
    return redis.<List<String>>call(c -> c.zrevrangebyscore(keys.openAt(category, placeKey),
            Range.create(since.toEpochMilli(), Long.MAX_VALUE), Limit.create(0, 20)))
        .compose(this::load)
        .map(list -> list.stream().filter(t -> t.status().isOpen()).toList());
  }

  /**
   * KEYS[1] the open-at index; ARGV[1] since (ms), ARGV[2] the ticket key prefix. The newest 20
   * ids since then, each followed by its ticket's status and text (false when absent): one round
   * trip instead of one per ticket.
   */
  private static final Script OPEN_REPORTS = new Script("""
      local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], '+inf', ARGV[1], 'LIMIT', 0, 20)
      local out = {}
      for _, id in ipairs(ids) do
        local f = redis.call('HMGET', ARGV[2] .. id, 'status', 'text')
        out[#out + 1] = id
        out[#out + 1] = f[1]
        out[#out + 1] = f[2]
      end
      return out
      """, ScriptOutputType.MULTI);

  @Override
  public Future<List<OpenReport>> openReportsAt(Category category, String placeKey, Instant since) {
    return OPEN_REPORTS.<List<Object>>run(redis, new String[] {keys.openAt(category, placeKey)},
            Long.toString(since.toEpochMilli()), keys.ticket(""))
        .compose(flat -> {
          List<Future<Optional<OpenReport>>> all = new ArrayList<>(flat.size() / 3);
          for (int i = 0; i + 2 < flat.size(); i += 3) {
            all.add(openReport((String) flat.get(i), (String) flat.get(i + 1), (String) flat.get(i + 2)));
          }
          return Future.all(all).map(cf -> all.stream().flatMap(f -> f.result().stream()).toList());
        });
  }

  /** Id and text of an open ticket; a ticket written before the hash had "text" is loaded whole. */
  private Future<Optional<OpenReport>> openReport(String id, String status, String text) {
    if (status == null || text == null) {
      return get(id).map(t -> t.filter(x -> x.status().isOpen()).map(x -> new OpenReport(x.id(), x.text())));
    }
    return Future.succeededFuture(TicketStatus.valueOf(status).isOpen()
        ? Optional.of(new OpenReport(id, text)) : Optional.empty());
  }

  @Override
  public Future<List<TicketEvent>> history(String id) {
    return redis.<List<String>>call(c -> c.lrange(keys.history(id), 0, -1))
        .map(list -> list.stream().map(j -> Json.event(new JsonObject(j))).toList());
  }

  /** The tickets of one place's ledger ("一楼一薄"), newest first. */
  public Future<List<Ticket>> ledger(String placeKey, int limit) {
    return redis.<List<String>>call(c -> c.zrevrange(keys.ledger(placeKey), 0, limit - 1)).compose(this::load);
  }

  /** Every ticket of a grid ("一网一档"), newest first. */
  public Future<List<Ticket>> gridLedger(String gridId, int limit) {
    return redis.<List<String>>call(c -> c.zrevrange(keys.byGrid(gridId), 0, limit - 1)).compose(this::load);
  }
}
