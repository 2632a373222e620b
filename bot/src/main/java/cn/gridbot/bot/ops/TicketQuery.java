package cn.gridbot.bot.ops;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.store.RedisTickets;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads every ticket through the status indexes ({@code tickets:status:<STATUS>}) and loads them.
 * Fine for a district (thousands of tickets); a city would page through a time index instead.
 */
final class TicketQuery {
  private final Redis redis;
  private final RedisTickets tickets;

  TicketQuery(Redis redis, RedisTickets tickets) {
    this.redis = redis;
    this.tickets = tickets;
  }

  /** Every ticket with one of these statuses (all when empty), newest first. */
  Future<List<Ticket>> all(List<TicketStatus> statuses) {
    List<TicketStatus> wanted = statuses.isEmpty() ? List.of(TicketStatus.values()) : statuses;
    List<Future<java.util.Set<String>>> ids = wanted.stream()
        .map(s -> redis.<java.util.Set<String>>call(c -> c.smembers(redis.key("tickets:status:" + s.name()))))
        .toList();
    return Future.all(ids).compose(v -> {
      List<Future<Optional<Ticket>>> loads = new ArrayList<>();
      ids.forEach(f -> f.result().forEach(id -> loads.add(tickets.get(id))));
      return Future.all(loads).map(x -> {
        List<Ticket> out = new ArrayList<>();
        loads.forEach(f -> f.result().ifPresent(out::add));
        out.sort(Comparator.comparing(Ticket::createdAt).reversed().thenComparing(Ticket::id));
        return out;
      });
    });
  }
}
