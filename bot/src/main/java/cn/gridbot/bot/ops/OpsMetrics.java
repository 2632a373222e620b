package cn.gridbot.bot.ops;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.ticket.TicketChange;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's Prometheus registry: Vert.x's own meters (HTTP server by route and status, pools)
 * plus GridBot's: inbound messages by platform and outcome (counted at the webhook edge), and
 * tickets opened / accepted / resolved with their times (told by the decision writer), delivery
 * latency (told by delivery), Redis command latency (Lettuce's recorder), and
 * gauges read from Redis at each scrape (tickets by status, open tickets by category and
 * emergency, overdue tickets, stream depths, dead letters, Redis round-trip time).
 */
public final class OpsMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Timer redisPing;

  public OpsMetrics() {
    redisPing = Timer.builder("gridbot.redis.ping").description("Redis round trip measured at each scrape")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** Counts one webhook message: {@code accepted}, {@code duplicate}, {@code ignored} or {@code rejected}. */
  public void inbound(String platform, String outcome) {
    registry.counter("gridbot.inbound.messages", "platform", platform, "outcome", outcome).increment();
  }

  /**
   * Counts what a committed decision did to tickets: opened (by category, emergency and channel —
   * the understanding's outcome for reports that became tickets), accepted and resolved with the
   * time since the report. Called on the event loop by {@code DecisionWriter}.
   */
  public void applied(Decision d) {
    for (TicketChange c : d.tickets()) {
      Ticket t = c.after();
      TicketEvent e = c.event();
      if (c.baseVersion() == 0) {
        registry.counter("gridbot.tickets.opened", "category", t.category().id(),
            "emergency", Boolean.toString(t.emergency()), "channel", String.valueOf(e.channel())).increment();
      }
      if (e.to() != null && e.to() != e.from()) {
        Duration since = Duration.between(t.createdAt(), e.at());
        if (e.to() == TicketStatus.ACCEPTED) {
          Timer.builder("gridbot.ticket.time.to.accept").tag("priority", t.priority().name())
              .description("from the report to 接单").register(registry).record(since);
        } else if (e.to() == TicketStatus.RESOLVED) {
          Timer.builder("gridbot.ticket.time.to.resolve").tag("priority", t.priority().name())
              .description("from the report to 办结").register(registry).record(since);
        }
      }
    }
  }

  /** Records the time from XADD to the platform's confirmation; the entry id holds the XADD time. */
  public void delivered(String platform, String entryId) {
    int dash = entryId.indexOf('-');
    if (dash > 0) {
      long queued = Long.parseLong(entryId.substring(0, dash));
      deliveryTimers.computeIfAbsent(platform, p -> Timer.builder("gridbot.outbound.delivery").tag("platform", p)
              .description("from entering the outbox to the platform's confirmation").register(registry))
          .record(Math.max(0, System.currentTimeMillis() - queued), TimeUnit.MILLISECONDS);
    }
  }

  /** One timer per platform, looked up once (called for every delivered message). */
  private final Map<String, Timer> deliveryTimers = new ConcurrentHashMap<>();

  /** Counts one analysis made through the admin API. */
  void analyzed(String category, boolean emergency) {
    registry.counter("gridbot.analysis", "category", category, "emergency", Boolean.toString(emergency)).increment();
  }

  private void gauge(String name, Tags tags, long value) {
    String key = name + tags;
    gauges.computeIfAbsent(key, k -> registry.gauge(name, tags, new AtomicLong())).set(value);
  }

  /** Refreshes the Redis-backed gauges, then renders the text exposition format. */
  Future<String> scrape(Redis redis, TicketQuery query, DeadLetters dead) {
    long t0 = System.nanoTime();
    Future<String> ping = redis.<String>call(c -> c.ping()).onSuccess(p ->
        redisPing.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS));
    List<Future<Long>> lanes = java.util.Arrays.stream(cn.gridbot.handlers.Outgoing.Lane.values())
        .map(l -> redis.<Long>call(c -> c.xlen(redis.key("outbox:" + l.name().toLowerCase())))).toList();
    Future<Long> delayed = redis.call(c -> c.zcard(redis.key("outbox:delayed")));
    Future<Long> outbox = Future.all(new java.util.ArrayList<>(lanes)).compose(x -> delayed)
        .map(d -> d + lanes.stream().mapToLong(Future::result).sum());
    Future<Long> inbox = redis.call(c -> c.xlen(redis.key("inbox")));
    Future<Long> deadOut = dead.count("outbox");
    Future<Long> deadIn = dead.count("inbox");
    Future<List<Ticket>> all = query.all(List.of());
    return Future.all(List.of(ping, outbox, inbox, deadOut, deadIn, all)).map(v -> {
      gauge("gridbot.stream.depth", Tags.of("stream", "outbox"), outbox.result());
      for (int i = 0; i < lanes.size(); i++) {
        gauge("gridbot.outbox.lane.depth", Tags.of("lane", cn.gridbot.handlers.Outgoing.Lane.values()[i].name().toLowerCase()),
            lanes.get(i).result());
      }
      gauge("gridbot.outbox.delayed", Tags.empty(), delayed.result());
      gauge("gridbot.stream.depth", Tags.of("stream", "inbox"), inbox.result());
      gauge("gridbot.dead.letters", Tags.of("kind", "outbox"), deadOut.result());
      gauge("gridbot.dead.letters", Tags.of("kind", "inbox"), deadIn.result());
      Instant now = Instant.now();
      for (TicketStatus s : TicketStatus.values()) {
        gauge("gridbot.tickets", Tags.of("status", s.name()), all.result().stream().filter(t -> t.status() == s).count());
      }
      for (Category c : Category.values()) {
        for (boolean e : new boolean[] {false, true}) {
          long n = all.result().stream().filter(t -> t.status().isOpen() && t.category() == c && t.emergency() == e).count();
          if (n > 0 || gauges.containsKey("gridbot.tickets.open" + Tags.of("category", c.id(), "emergency", Boolean.toString(e)))) {
            gauge("gridbot.tickets.open", Tags.of("category", c.id(), "emergency", Boolean.toString(e)), n);
          }
        }
      }
      gauge("gridbot.tickets.overdue", Tags.empty(), all.result().stream().filter(t -> TicketJson.overdue(t, now)).count());
      return registry.scrape();
    });
  }
}
