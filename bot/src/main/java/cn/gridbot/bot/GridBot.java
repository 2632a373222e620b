package cn.gridbot.bot;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.http.Health;
import cn.gridbot.bot.http.HttpServerVerticle;
import cn.gridbot.bot.inbound.Inbox;
import cn.gridbot.bot.inbound.Pipeline;
import cn.gridbot.bot.inbound.SenderLimit;
import cn.gridbot.bot.outbound.Delivery;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.Outbox;
import cn.gridbot.bot.ops.ApiConfig;
import cn.gridbot.bot.ops.Open311Sender;
import cn.gridbot.bot.ops.OpsMetrics;
import cn.gridbot.bot.ops.OpsRoutes;
import cn.gridbot.handlers.config.ConfigFiles;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.HashMap;
import java.util.Map;
import cn.gridbot.bot.platform.Platforms;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.store.ConversationLock;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.bot.store.QuestionSweeper;
import cn.gridbot.bot.store.RedisConversations;
import cn.gridbot.bot.store.RedisTickets;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.HandlerChain;
import cn.gridbot.handlers.resident.FollowUpHandler;
import cn.gridbot.handlers.resident.ReportHandler;
import cn.gridbot.handlers.resident.ResidentCommands;
import cn.gridbot.handlers.staff.StaffCommands;
import cn.gridbot.handlers.ticket.Tickets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import cn.gridbot.bot.config.Schedules;
import cn.gridbot.bot.store.RedisVisits;
import cn.gridbot.bot.store.RedisBroadcasts;
import cn.gridbot.handlers.broadcast.BroadcastCommands;
import cn.gridbot.handlers.broadcast.Estimator;
import cn.gridbot.bot.time.QuartzScheduler;
import cn.gridbot.bot.time.ScheduleRunner;
import cn.gridbot.handlers.time.Escalation;
import cn.gridbot.handlers.time.ScheduleCommands;
import cn.gridbot.handlers.visit.VisitCommands;
import cn.gridbot.handlers.HelpHandler;
import cn.gridbot.handlers.directory.Directory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service, wired in one place: embedded or external Redis, the HTTP edge, the
 * pipeline from inbox to outbox, and delivery. {@link #start} and {@link #stop} are blocking and
 * are called from {@code main}, a shutdown hook or tests, never from an event loop.
 */
public final class GridBot {
  private static final Logger LOG = LoggerFactory.getLogger(GridBot.class);

  private final BotConfig config;
  private final Directory directory;
  private final String instanceId;
  private Vertx vertx;
  private EmbeddedRedis embedded;
  private Redis redis;
  private HttpServerVerticle http;
  private Pipeline pipeline;
  private Delivery delivery;
  private RedisTickets tickets;
  private final Health health = new Health();
  private volatile boolean stopped;

  private final Brain brain;
  private final Clock clock;
  private QuestionSweeper sweeper;

  private final Schedules schedules;
  private QuartzScheduler quartz;
  private ScheduleRunner runner;
  private final ApiConfig apiConfig;
  private OpsMetrics metrics;
  private StartupTimes times = new StartupTimes();
  private final java.util.concurrent.atomic.AtomicBoolean readyLogged = new java.util.concurrent.atomic.AtomicBoolean();

  /** With the built-in {@code config/api.yaml} (tokens from the process environment). */
  public GridBot(BotConfig config, Directory directory, Schedules schedules, Brain brain, Clock clock,
      String instanceId) {
    this(config, directory, schedules, brain, clock, instanceId,
        ApiConfig.load(ConfigFiles.builtIn(), directory, System.getenv()));
  }

  public GridBot(BotConfig config, Directory directory, Schedules schedules, Brain brain, Clock clock,
      String instanceId, ApiConfig apiConfig) {
    this.apiConfig = apiConfig;
    this.config = config;
    this.schedules = schedules;
    this.directory = directory;
    this.brain = brain;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  /** Where start-up phases are recorded (by default from this object's creation). */
  public GridBot timedBy(StartupTimes times) {
    this.times = times;
    return this;
  }

  /**
   * What the rest of the service stands on and needs only the service settings: the metrics
   * registry, Vert.x, the (embedded) Redis server, the Redis client with its first connection
   * under way, and the admin API contract being read. Built by {@link #lay} on a thread of its own
   * while {@code main} reads the directory and loads the models.
   */
  public static final class Foundation implements AutoCloseable {
    final OpsMetrics metrics;
    final Vertx vertx;
    final EmbeddedRedis embedded;
    final Redis redis;
    final Future<Void> connected;
    final Future<OpsRoutes.Contract> contract;

    private Foundation(OpsMetrics metrics, Vertx vertx, EmbeddedRedis embedded, Redis redis, Future<Void> connected,
        Future<OpsRoutes.Contract> contract) {
      this.metrics = metrics;
      this.vertx = vertx;
      this.embedded = embedded;
      this.redis = redis;
      this.connected = connected;
      this.contract = contract;
    }

    /** For a service that will not start after all (a configuration error found meanwhile). */
    @Override
    public void close() {
      if (redis != null) {
        redis.close();
      }
      // The contract is read on a worker; closing Vert.x under it would have its result handed to
      // a closed event loop (logged by Vert.x as an ERROR with a stack trace), so it settles first.
      try {
        contract.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        // not wanted anyway: the service is not starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      vertx.close().await();
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  /** Starts building the {@link Foundation} on a new thread. */
  public static CompletableFuture<Foundation> lay(BotConfig config, StartupTimes times) {
    return lay(CompletableFuture.completedFuture(config), times);
  }

  /**
   * Starts building the {@link Foundation} on a new thread before the settings are read: Vert.x
   * and the contract need none; Redis waits for {@code config} (and the foundation fails with it).
   */
  public static CompletableFuture<Foundation> lay(CompletableFuture<BotConfig> config, StartupTimes times) {
    CompletableFuture<Foundation> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        done.complete(foundation(config, times));
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "gridbot-start");
    t.setDaemon(true);
    t.start();
    return done;
  }

  /**
   * Closes a foundation that is no longer wanted, once it is built (blocking). Without this an
   * embedded Redis started for a service that then fails its configuration would outlive it.
   */
  public static void abandon(CompletableFuture<Foundation> foundation) {
    Foundation f;
    try {
      f = foundation.join();
    } catch (RuntimeException failedAnyway) {
      return;
    }
    f.close();
  }

  private static Foundation foundation(CompletableFuture<BotConfig> configured, StartupTimes times)
      throws IOException {
    long t0 = System.nanoTime();
    OpsMetrics metrics = new OpsMetrics();
    Vertx vertx = Vertx.builder()
        // Server-side HTTP meters only: outbound sends have their own (gridbot_outbound_delivery_seconds),
        // and the client, net and event-bus meters cost a registry lookup per request for nothing shown.
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addLabels(Label.HTTP_ROUTE)
            .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
            .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
    times.record("vertx", t0);
    // Read on a worker meanwhile; the HTTP verticle mounts the admin API when it is ready.
    Future<OpsRoutes.Contract> contract = OpsRoutes.loadContract(vertx, times);
    EmbeddedRedis embedded = null;
    Redis redis = null;
    try {
      BotConfig config = configured.join();
      String url = config.redis().url();
      if (config.redis().isEmbedded()) {
        long e0 = System.nanoTime();
        embedded = EmbeddedRedis.start(config.redis().embedded());
        times.record("embedded redis", e0);
        url = embedded.url();
      }
      long r0 = System.nanoTime();
      redis = new Redis(vertx, url, config.redis(), metrics.registry());
      times.record("redis client", r0);
      // Connect while the rest is built (the first Lettuce connection takes most of a second); the
      // workers start once both are done.
      long c0 = System.nanoTime();
      Future<Void> connected = redis.connect().onSuccess(v -> times.record("redis connect", c0));
      times.record("redis connect call", c0);
      return new Foundation(metrics, vertx, embedded, redis, connected, contract);
    } catch (IOException | RuntimeException | Error e) {
      new Foundation(metrics, vertx, embedded, redis, null, contract).close();
      throw e;
    }
  }

  /**
   * Starts everything; returns once the HTTP server listens (Redis may still be connecting, in
   * which case {@code /health} says 503 until it is reached).
   *
   * @throws IOException when the embedded Redis cannot start
   * @throws java.net.BindException (possibly as a cause) when the HTTP port is taken
   */
  public GridBot start() throws Exception {
    return start(lay(config, times));
  }

  /**
   * {@link #start()} on a foundation laid beforehand (see {@link #lay}), which this service then
   * owns and closes in {@link #stop}.
   */
  public GridBot start(CompletableFuture<Foundation> laid) throws Exception {
    times.mark("start");
    Foundation f;
    try {
      f = laid.get();
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
    times.mark("foundation");
    metrics = f.metrics;
    vertx = f.vertx;
    embedded = f.embedded;
    redis = f.redis;
    Future<Void> connected = f.connected;
    long w0 = System.nanoTime();
    io.vertx.core.Promise<Void> built = io.vertx.core.Promise.promise();
    Inbox inbox = new Inbox(redis, config.inbox());
    Outbox outbox = new Outbox(redis);
    Platforms platforms = Platforms.create(vertx, redis, config);
    tickets = new RedisTickets(redis);
    Tickets rules = new Tickets(directory, clock, schedules.sla());
    Escalation escalation = new Escalation(rules);
    DecisionWriter writer = new DecisionWriter(redis, t -> earliest(escalation.reminderAt(t), escalation.nextStep(t)))
        .onApplied(metrics::applied);
    RedisVisits visits = new RedisVisits(redis);
    long q0 = System.nanoTime();
    quartz = new QuartzScheduler(vertx, schedules, instanceId);
    times.record("quartz init", q0);
    runner = new ScheduleRunner(vertx, redis, directory, tickets, visits, writer, escalation, schedules,
        quartz.crons(), clock);
    Desk desk = new Desk(directory, rules, tickets, new RedisConversations(redis, clock),
        brain.understanding(), brain.triage(), brain.askBelow(), config.tickets().duplicateWindow(),
        config.tickets().duplicateSimilarity(), config.tickets().questionTtl());
    RedisBroadcasts broadcasts = new RedisBroadcasts(redis);
    runner.withBroadcasts(broadcasts);
    Estimator estimator = platforms.estimator(config.delivery().bulkShare());
    BroadcastCommands broadcastCommands = new BroadcastCommands(directory, broadcasts, estimator, clock);
    HandlerChain chain = new HandlerChain(List.of(new StaffCommands(desk),
        broadcastCommands,
        new VisitCommands(directory, visits, clock),
        new ScheduleCommands(directory, runner), new ResidentCommands(desk), new FollowUpHandler(desk),
        new ReportHandler(desk)), new HelpHandler());
    pipeline = new Pipeline(vertx, inbox, chain, writer, new ConversationLock(vertx, redis, 10_000),
        instanceId, config.inbox().claimIdle(), config.inbox().maxAttempts())
        .withSenderLimit(new SenderLimit(redis, config.flood().senderPerMinute()),
            m -> !directory.rolesOf(m.senderMobile()).isEmpty() || brain.understanding().read(m.text()).emergency());
    sweeper = new QuestionSweeper(vertx, redis, clock);
    Map<String, ChannelSender> senders = new HashMap<>(platforms.senders());
    senders.put("open311", new Open311Sender());
    delivery = new Delivery(vertx, redis, outbox, senders, platforms.groupPlatform(), instanceId,
        config.inbox().claimIdle(), config.delivery(), clock).onDelivered(metrics::delivered);

    times.record("wiring", w0);
    health.starting("pipeline");
    health.starting("scheduler");
    health.starting("delivery");
    http = new HttpServerVerticle(config.http().host(), config.http().port(),
        config.http().maxBodyBytes(), platforms.adapters(), inbox, redis, health, platforms.sandbox());
    OpsRoutes ops = new OpsRoutes(apiConfig, desk, redis, tickets, writer, brain.analyzer(), metrics,
        new OpsRoutes.Coordination(broadcastCommands, broadcasts, estimator, runner, visits, clock));
    http.withRoutes(router -> ops.mount(vertx, router, f.contract)).onInbound(metrics::inbound);
    long h0 = System.nanoTime();
    vertx.deployVerticle(http).await();
    times.record("http + openapi", h0);
    LOG.info("GridBot {} listening on {}:{} (directory: {} grids, Redis {})", instanceId,
        config.http().host(), http.actualPort(), directory.grids().size(), redis.displayUrl());

    times.mark("listening");
    built.complete();
    Future.all(connected, built.future()).onSuccess(v -> startWorkers());
    return this;
  }

  private void startWorkers() {
    times.mark("workers");
    sweeper.start(Math.min(5000, Math.max(200, config.tickets().questionTtl().toMillis() / 4)));
    runner.start();
    startWorker("scheduler", () -> runner.catchUp().compose(v -> vertx.executeBlocking(() -> {
      quartz.start();
      return null;
    })));
    startWorker("pipeline", pipeline::start);
    startWorker("delivery", delivery::start);
  }

  /** Logs the start-up summary once, when every component first reports up. */
  private void logWhenReady() {
    if (redis.isConnected() && health.snapshot().values().stream().allMatch(String::isEmpty)
        && readyLogged.compareAndSet(false, true)) {
      LOG.info("{}", times.summary());
    }
  }

  private void startWorker(String name, java.util.function.Supplier<Future<Void>> start) {
    if (stopped) {
      return;
    }
    long t0 = System.nanoTime();
    start.get().onSuccess(v -> {
      times.record(name, t0);
      health.up(name);
      logWhenReady();
    }).onFailure(err -> {
      health.down(name, err.getMessage());
      LOG.warn("{} did not start: {}; retrying", name, err.getMessage());
      vertx.setTimer(1000, id -> startWorker(name, start));
    });
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    return b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
  }

  /** The scheduler's runner: schedules, manual triggers, deadline sweeps (operators and tests). */
  public ScheduleRunner schedules() {
    return runner;
  }

  /** The HTTP port actually bound. */
  public int httpPort() {
    return http.actualPort();
  }

  /** The ticket store (ledgers, queries), for operators' interfaces and tests. */
  public RedisTickets tickets() {
    return tickets;
  }

  public Health health() {
    return health;
  }

  public Redis redis() {
    return redis;
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Graceful stop: no new requests, in-flight ones finish within the grace period, workers stop
   * after their current batch, then Redis closes and the embedded server stops.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    LOG.info("GridBot stopping");
    try {
      if (http != null) {
        http.shutdown(config.http().shutdownGrace().toMillis()).await();
      }
      sweeper.stop();
      quartz.stop();
      runner.stop();
      Future.all(pipeline.stop(), delivery.stop()).await();
    } catch (RuntimeException e) {
      LOG.warn("stopping: {}", e.getMessage());
    }
    if (redis != null) {
      redis.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    if (embedded != null) {
      embedded.close();
    }
    LOG.info("GridBot stopped");
  }
}
