package cn.gridbot.bot;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.http.Health;
import cn.gridbot.bot.http.HttpServerVerticle;
import cn.gridbot.bot.inbound.Inbox;
import cn.gridbot.bot.inbound.Pipeline;
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

  private final ApiConfig apiConfig;
  private final OpsMetrics metrics = new OpsMetrics();

  /** With the built-in {@code config/api.yaml} (tokens from the process environment). */
  public GridBot(BotConfig config, Directory directory, Brain brain, Clock clock, String instanceId) {
    this(config, directory, brain, clock, instanceId,
        ApiConfig.load(ConfigFiles.builtIn(), directory, System.getenv()));
  }

  public GridBot(BotConfig config, Directory directory, Brain brain, Clock clock, String instanceId,
      ApiConfig apiConfig) {
    this.apiConfig = apiConfig;
    this.config = config;
    this.directory = directory;
    this.brain = brain;
    this.clock = clock;
    this.instanceId = instanceId;
  }

  /**
   * Starts everything; returns once the HTTP server listens (Redis may still be connecting, in
   * which case {@code /health} says 503 until it is reached).
   *
   * @throws IOException when the embedded Redis cannot start
   * @throws java.net.BindException (possibly as a cause) when the HTTP port is taken
   */
  public GridBot start() throws Exception {
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
            .addLabels(Label.HTTP_ROUTE)))
        .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
        .build();
    String url = config.redis().url();
    if (config.redis().isEmbedded()) {
      embedded = EmbeddedRedis.start(config.redis().embedded());
      url = embedded.url();
    }
    redis = new Redis(vertx, url, config.redis(), metrics.registry());
    Inbox inbox = new Inbox(redis, config.inbox());
    Outbox outbox = new Outbox(redis);
    Platforms platforms = Platforms.create(vertx, redis, config);
    tickets = new RedisTickets(redis);
    Desk desk = new Desk(directory, new Tickets(directory, clock), tickets, new RedisConversations(redis, clock),
        brain.understanding(), brain.triage(), brain.askBelow(), config.tickets().duplicateWindow(),
        config.tickets().duplicateSimilarity(), config.tickets().questionTtl());
    HandlerChain chain = new HandlerChain(List.of(new StaffCommands(desk), new ResidentCommands(desk),
        new FollowUpHandler(desk), new ReportHandler(desk)), new HelpHandler());
    DecisionWriter writer = new DecisionWriter(redis).onApplied(metrics::applied);
    pipeline = new Pipeline(vertx, inbox, chain, writer, new ConversationLock(vertx, redis, 10_000),
        instanceId, config.inbox().claimIdle(), config.inbox().maxAttempts());
    sweeper = new QuestionSweeper(vertx, redis, clock);
    Map<String, ChannelSender> senders = new HashMap<>(platforms.senders());
    senders.put("open311", new Open311Sender());
    delivery = new Delivery(vertx, redis, outbox, senders, platforms.groupPlatform(), instanceId,
        config.inbox().claimIdle(), config.inbox().maxAttempts()).onDelivered(metrics::delivered);

    health.starting("pipeline");
    health.starting("delivery");
    http = new HttpServerVerticle(config.http().host(), config.http().port(),
        config.http().maxBodyBytes(), platforms.adapters(), inbox, redis, health, platforms.sandbox());
    OpsRoutes ops = new OpsRoutes(apiConfig, desk, redis, tickets, writer, brain.analyzer(), metrics);
    http.withRoutes(router -> ops.mount(vertx, router)).onInbound(metrics::inbound);
    vertx.deployVerticle(http).await();
    LOG.info("GridBot {} listening on {}:{} (directory: {} grids, Redis {})", instanceId,
        config.http().host(), http.actualPort(), directory.grids().size(), redis.displayUrl());

    redis.connect().onSuccess(v -> startWorkers());
    return this;
  }

  private void startWorkers() {
    sweeper.start(Math.min(5000, Math.max(200, config.tickets().questionTtl().toMillis() / 4)));
    startWorker("pipeline", pipeline::start);
    startWorker("delivery", delivery::start);
  }

  private void startWorker(String name, java.util.function.Supplier<Future<Void>> start) {
    if (stopped) {
      return;
    }
    start.get().onSuccess(v -> health.up(name)).onFailure(err -> {
      health.down(name, err.getMessage());
      LOG.warn("{} did not start: {}; retrying", name, err.getMessage());
      vertx.setTimer(1000, id -> startWorker(name, start));
    });
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
