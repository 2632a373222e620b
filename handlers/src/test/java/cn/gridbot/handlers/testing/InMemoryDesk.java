package cn.gridbot.handlers.testing;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.HandlerChain;
import cn.gridbot.handlers.HelpHandler;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.conversation.ConversationStore;
import cn.gridbot.handlers.conversation.PendingQuestion;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.DirectoryLoader;
import cn.gridbot.handlers.resident.FollowUpHandler;
import cn.gridbot.handlers.resident.ReportHandler;
import cn.gridbot.handlers.resident.ResidentCommands;
import cn.gridbot.handlers.routing.Router;
import cn.gridbot.handlers.staff.StaffCommands;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.ticket.Texts;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketChange;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.TicketStore;
import cn.gridbot.handlers.ticket.Tickets;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.handlers.understanding.ScoredCategory;
import cn.gridbot.handlers.understanding.Understanding;
import io.vertx.core.Future;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversational handlers wired on in-memory fakes of their ports (the handlers module is
 * pure; Redis-backed stores are tested in {@code bot}). Readings are scripted per text, so a
 * test says exactly what the understanding step "read".
 */
public final class InMemoryDesk implements TicketStore, ConversationStore, Understanding {
  public static final Directory DIRECTORY = load();
  public final Map<String, Ticket> tickets = new LinkedHashMap<>();
  public final Map<String, List<TicketEvent>> history = new HashMap<>();
  public final Map<String, PendingQuestion> questions = new HashMap<>();
  public final Map<String, Place> homes = new HashMap<>();
  public final List<Outgoing> sent = new ArrayList<>();
  private final Map<String, Reading> readings = new HashMap<>();
  private int seq = 1000;
  public Instant now = Instant.parse("2026-11-26T02:00:00Z");
  public final HandlerChain chain;
  public final Desk desk;

  public InMemoryDesk() {
    Clock clock = new Clock() {
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      public Instant instant() {
        return now;
      }
    };
    Router router = new Router(DIRECTORY, List.of());
    desk = new Desk(DIRECTORY, new Tickets(DIRECTORY, clock, cn.gridbot.handlers.time.SlaPolicy.taxonomyDefaults()), this, this, this,
        (reading, place, text) -> router.route(new Reading(reading.best(), reading.ranked(), reading.emergency(),
            place, reading.atHome()), text),
        0.5, Duration.ofHours(72), 0.2, Duration.ofMinutes(30));
    List<ChatHandler> handlers = List.of(new StaffCommands(desk), new ResidentCommands(desk),
        new FollowUpHandler(desk), new ReportHandler(desk));
    chain = new HandlerChain(handlers, new HelpHandler());
  }

  private static Directory load() {
    try (InputStream in = ConfigFiles.builtInStream("directory.yaml")) {
      return DirectoryLoader.load(in, "config/directory.yaml");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Scripts what the understanding step reads from a text. */
  public InMemoryDesk reads(String text, Category c, double p, boolean emergency, Place place) {
    List<ScoredCategory> ranked = new ArrayList<>();
    ranked.add(new ScoredCategory(c, p));
    for (Category other : Category.values()) {
      if (other != c && ranked.size() < 4) {
        ranked.add(new ScoredCategory(other, (1 - p) / 3));
      }
    }
    readings.put(text, new Reading(ranked.get(0), ranked, emergency, place, false));
    return this;
  }

  public static Place at(String compound, Integer building, Integer unit) {
    return new Place(compound, building, unit, null, null);
  }

  /** A resident writes directly to the bot. */
  public Decision resident(String who, String text) {
    return run(new InboundMessage("sandbox", "demo", "m" + (++seq), who, who, null, null, null, text, now));
  }

  /** A staff member (by mobile) writes in a group. */
  public Decision staff(String mobile, String group, String text) {
    return run(new InboundMessage("sandbox", "demo", "m" + (++seq), group, "staff-" + mobile, null, mobile, group,
        text, now));
  }

  private Decision run(InboundMessage m) {
    Decision d = chain.handle(m).toCompletionStage().toCompletableFuture().join();
    apply(d);
    return d;
  }

  /** Applies a decision the way the Redis writer does (version checks included). */
  public void apply(Decision d) {
    for (TicketChange c : d.tickets()) {
      Ticket stored = tickets.get(c.after().id());
      long version = stored == null ? 0 : stored.version();
      if (version != c.baseVersion()) {
        throw new IllegalStateException("version conflict on " + c.after().id());
      }
      tickets.put(c.after().id(), c.after());
      history.computeIfAbsent(c.after().id(), k -> new ArrayList<>()).add(c.event());
    }
    for (StateChange s : d.state()) {
      if (s instanceof StateChange.Ask a) {
        questions.put(a.residentKey(), a.question());
      } else if (s instanceof StateChange.ClearQuestion c) {
        questions.remove(c.residentKey());
      } else if (s instanceof StateChange.RememberHome h) {
        homes.put(h.residentKey(), h.home());
      }
    }
    sent.addAll(d.outgoing());
  }

  public Ticket only() {
    if (tickets.size() != 1) {
      throw new AssertionError("expected one ticket, got " + tickets.keySet());
    }
    return tickets.values().iterator().next();
  }

  public static String key(String who) {
    return "sandbox:demo:" + who;
  }

  // --- ports -------------------------------------------------------------------------------

  @Override
  public Reading read(String text) {
    Reading r = readings.get(text);
    if (r == null) {
      List<ScoredCategory> ranked = List.of(new ScoredCategory(Category.OTHER, 0.9));
      return new Reading(ranked.get(0), ranked, false, Place.NONE, false);
    }
    return r;
  }

  @Override
  public Future<String> nextId() {
    return Future.succeededFuture("A" + (1001 + tickets.size()));
  }

  @Override
  public Future<Optional<Ticket>> get(String id) {
    return Future.succeededFuture(Optional.ofNullable(tickets.get(id)));
  }

  @Override
  public Future<List<Ticket>> byResident(String residentKey, int limit) {
    List<Ticket> out = new ArrayList<>();
    tickets.values().forEach(t -> {
      if (t.reporters().stream().anyMatch(r -> r.key().equals(residentKey))) {
        out.add(0, t);
      }
    });
    return Future.succeededFuture(out.subList(0, Math.min(limit, out.size())));
  }

  @Override
  public Future<List<Ticket>> openInGrid(String gridId) {
    return Future.succeededFuture(tickets.values().stream()
        .filter(t -> gridId.equals(t.gridId()) && t.status().isOpen()).toList());
  }

  @Override
  public Future<List<Ticket>> openAt(Category category, String placeKey, Instant since) {
    return Future.succeededFuture(tickets.values().stream()
        .filter(t -> t.category() == category && placeKey.equals(Texts.placeKey(t.place()))
            && t.status().isOpen() && !t.createdAt().isBefore(since)).toList());
  }

  @Override
  public Future<List<TicketEvent>> history(String id) {
    return Future.succeededFuture(history.getOrDefault(id, List.of()));
  }

  @Override
  public Future<Optional<PendingQuestion>> pending(String residentKey) {
    return Future.succeededFuture(Optional.ofNullable(questions.get(residentKey))
        .filter(q -> q.expiresAt().isAfter(now)));
  }

  @Override
  public Future<Optional<Place>> home(String residentKey) {
    return Future.succeededFuture(Optional.ofNullable(homes.get(residentKey)));
  }
}
