package cn.gridbot.bot.redis;

import cn.gridbot.bot.config.BotConfig;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Lettuce client and its shared connection, bridged into Vert.x futures.
 *
 * <p>Connects in the background with backoff, so that the service starts (and reports 503 on
 * {@code /health}) while Redis is unreachable. Commands time out after the configured command
 * timeout and are rejected at once while disconnected; both surface as {@link RedisUnavailable}.
 */
public final class Redis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Redis.class);
  private final Vertx vertx;
  private final RedisClient client;
  private final ClientResources resources;
  private final String displayUrl;
  private final String keyPrefix;
  private final RedisURI uri;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile boolean closed;
  private volatile String lastError = "not connected yet";
  private final Promise<Void> firstConnect = Promise.promise();

  public Redis(Vertx vertx, String url, BotConfig.Redis config) {
    this(vertx, url, config, null);
  }

  /**
   * @param registry where Lettuce records the latency of every command (timers
   *     {@code lettuce.command.completion} / {@code firstresponse} by command type), or null
   */
  public Redis(Vertx vertx, String url, BotConfig.Redis config, io.micrometer.core.instrument.MeterRegistry registry) {
    this.vertx = vertx;
    this.keyPrefix = config.keyPrefix();
    this.displayUrl = BotConfig.Redis.redact(url);
    ClientResources.Builder rb = ClientResources.builder()
        .reconnectDelay(Delay.fullJitter(Duration.ofMillis(100), Duration.ofSeconds(5), 100,
            java.util.concurrent.TimeUnit.MILLISECONDS));
    if (registry != null) {
      rb.commandLatencyRecorder(new io.lettuce.core.metrics.MicrometerCommandLatencyRecorder(registry,
          io.lettuce.core.metrics.MicrometerOptions.builder().targetPercentiles(new double[] {0.5, 0.99}).build()));
    }
    this.resources = rb.build();
    this.uri = RedisURI.create(url);
    uri.setTimeout(config.commandTimeout());
    this.client = new LeanRedisClient(resources);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(100_000)
        .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
        .socketOptions(SocketOptions.builder().connectTimeout(config.commandTimeout()).keepAlive(true).build())
        .build());
  }

  /** The prefix every key of this service starts with. */
  public String key(String suffix) {
    return keyPrefix + suffix;
  }

  public String displayUrl() {
    return displayUrl;
  }

  /** Starts connecting in the background; the future completes on the first connection. */
  public Future<Void> connect() {
    attempt(200);
    return firstConnect.future();
  }

  private void attempt(long nextDelayMs) {
    if (closed) {
      return;
    }
    client.connectAsync(io.lettuce.core.codec.StringCodec.UTF8, uri)
        .whenComplete((conn, err) -> {
          if (err == null) {
            if (closed) {
              conn.closeAsync();
              return;
            }
            connection = conn;
            lastError = null;
            LOG.info("connected to Redis at {}", displayUrl);
            firstConnect.tryComplete();
          } else if (closed) {
            // closed while connecting (a service that stops before it started): nothing to retry
            lastError = "closed";
          } else {
            lastError = rootMessage(err);
            LOG.warn("Redis at {} unreachable ({}); retrying in {} ms", displayUrl, lastError, nextDelayMs);
            vertx.setTimer(nextDelayMs, id -> attempt(Math.min(nextDelayMs * 2, 5000)));
          }
        });
  }

  /** True while connected and not closed. */
  public boolean isConnected() {
    StatefulRedisConnection<String, String> c = connection;
    return c != null && c.isOpen() && !closed;
  }

  /** Why Redis is not usable, or null when it is. */
  public String problem() {
    if (closed) {
      return "closed";
    }
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      return "Redis at " + displayUrl + " unreachable: " + lastError;
    }
    return c.isOpen() ? null : "Redis connection to " + displayUrl + " lost; reconnecting";
  }

  /**
   * Runs an async command on the shared connection and lifts its result onto the caller's Vert.x
   * context. Fails with {@link RedisUnavailable} when not connected, on timeout or connection loss.
   */
  public <T> Future<T> call(Function<RedisAsyncCommands<String, String>, CompletionStage<T>> command) {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null || closed) {
      return Future.failedFuture(new RedisUnavailable(problem(), null));
    }
    CompletionStage<T> stage;
    try {
      stage = command.apply(c.async());
    } catch (RedisException e) {
      return Future.failedFuture(new RedisUnavailable(rootMessage(e), e));
    }
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).recover(Redis::mapFailure);
  }

  /** A dedicated connection (for blocking stream reads); the caller closes it. */
  public Future<StatefulRedisConnection<String, String>> dedicatedConnection() {
    if (closed) {
      return Future.failedFuture(new RedisUnavailable("closed", null));
    }
    return Future.fromCompletionStage(
        client.connectAsync(io.lettuce.core.codec.StringCodec.UTF8, uri),
        vertx.getOrCreateContext()).recover(Redis::mapFailure);
  }

  static <T> Future<T> mapFailure(Throwable t) {
    if (t instanceof RedisCommandTimeoutException || t instanceof RedisConnectionException
        || (t instanceof RedisException && String.valueOf(t.getMessage()).contains("not connected"))) {
      return Future.failedFuture(new RedisUnavailable(rootMessage(t), t));
    }
    return Future.failedFuture(t);
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }

  /** Closes the connection and client. Blocking; call off the event loop. */
  @Override
  public void close() {
    closed = true;
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      c.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS);
  }
}
