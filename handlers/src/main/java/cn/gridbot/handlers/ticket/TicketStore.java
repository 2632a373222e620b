package cn.gridbot.handlers.ticket;

import cn.gridbot.handlers.taxonomy.Category;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read side of tickets (writes travel as {@link TicketChange}s inside a decision). Called on an
 * event loop; implementations must not block. Fails when storage is unavailable.
 */
public interface TicketStore {
  /** A fresh short id such as {@code A1024}. Ids skipped by a failed decision are not reused. */
  Future<String> nextId();

  Future<Optional<Ticket>> get(String id);

  /** The resident's tickets, newest first. */
  Future<List<Ticket>> byResident(String residentKey, int limit);

  /** Open tickets of a grid, newest first. */
  Future<List<Ticket>> openInGrid(String gridId);

  /** Open tickets of the same category at the same place key, created since {@code since}. */
  Future<List<Ticket>> openAt(Category category, String placeKey, Instant since);

  /** An open ticket's id and the problem as first reported: enough to spot a duplicate. */
  record OpenReport(String id, String text) {}

  /**
   * The id and text of the tickets {@link #openAt} would return, newest first. A store that can
   * read them without loading whole tickets (which carry every follower) should.
   */
  default Future<List<OpenReport>> openReportsAt(Category category, String placeKey, Instant since) {
    return openAt(category, placeKey, since)
        .map(list -> list.stream().map(t -> new OpenReport(t.id(), t.text())).toList());
  }

  Future<List<TicketEvent>> history(String id);
}
