package cn.gridbot.bot.testing;

import cn.gridbot.bot.GridBot;
import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.config.BotConfigLoader;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.DirectoryLoader;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Starts a real GridBot (real Redis) on a free port for integration tests and talks HTTP to it. */
public final class BotHarness implements AutoCloseable {
  public final GridBot bot;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;

  private BotHarness(GridBot bot) {
    this.bot = bot;
    this.port = -1;
  }

  private BotHarness(int port) {
    this.bot = null;
    this.port = port;
  }

  /** An HTTP client for a bot running elsewhere (another process) on {@code port}. */
  public static BotHarness client(int port) {
    return new BotHarness(port);
  }

  /** A bot on a free port; {@code redisUrl} null starts the embedded Redis in {@code dataDir}. */
  public static BotHarness start(Path dataDir, String redisUrl, Map<String, String> extraEnv) throws Exception {
    return start(dataDir, redisUrl, extraEnv, java.time.Clock.systemUTC(), null);
  }

  /**
   * A bot on a free port whose configuration files in {@code configDir} (e.g. a
   * {@code channels.yaml}) override the built-in ones; null for the built-in files only.
   */
  public static BotHarness start(Path dataDir, String redisUrl, Map<String, String> extraEnv, Path configDir)
      throws Exception {
    return start(dataDir, redisUrl, extraEnv, java.time.Clock.systemUTC(), configDir);
  }

  /**
   * A bot on a free port with a given clock and, optionally, a {@code --config} directory whose
   * files override the built-in ones.
   */
  public static BotHarness start(Path dataDir, String redisUrl, Map<String, String> extraEnv, java.time.Clock clock,
      Path configDir) throws Exception {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("GRIDBOT_HTTP_PORT", "0");
    env.put("GRIDBOT_HTTP_HOST", "127.0.0.1");
    env.put("GRIDBOT_DATA_DIR", dataDir.toString());
    env.put("GRIDBOT_INBOX_CLAIM_IDLE_MS", env.getOrDefault("GRIDBOT_INBOX_CLAIM_IDLE_MS", "1000"));
    env.put("GRIDBOT_HTTP_SHUTDOWN_GRACE_MS", "2000");
    env.putIfAbsent("GRIDBOT_DELIVERY_QUIET_HOURS", "");
    if (redisUrl != null) {
      env.put("GRIDBOT_REDIS_URL", redisUrl);
    }
    ConfigFiles files = new ConfigFiles(configDir);
    BotConfig config = BotConfigLoader.load(files, env);
    Directory directory;
    try (InputStream in = files.open("directory.yaml")) {
      directory = DirectoryLoader.load(in, files.describe("directory.yaml"));
    }
    cn.gridbot.bot.config.Schedules schedules = cn.gridbot.bot.config.SchedulesLoader.load(files, directory);
    return new BotHarness(new GridBot(config, directory, schedules, brain(directory), clock,
        env.getOrDefault("GRIDBOT_INSTANCE_ID", "test-" + System.nanoTime())).start());
  }

  private static cn.gridbot.bot.Brain brainCache;

  /** The real understanding step (packaged model, built-in rules), loaded once per test JVM. */
  public static synchronized cn.gridbot.bot.Brain brain(Directory directory) {
    if (brainCache == null) {
      brainCache = cn.gridbot.bot.Main.brain(ConfigFiles.builtIn(), directory);
    }
    return brainCache;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + (bot != null ? bot.httpPort() : port) + path;
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return post(path, contentType, body, Map.of());
  }

  /** Posts with extra headers (signatures). */
  public HttpResponse<String> post(String path, String contentType, String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a resident (or staff) message to the sandbox channel {@code demo}. */
  public HttpResponse<String> say(String from, String id, String text) throws IOException, InterruptedException {
    String body = new io.vertx.core.json.JsonObject().put("from", from).put("id", id).put("text", text).encode();
    return post("/webhooks/sandbox/demo", "application/json", body);
  }

  /** What the sandbox outbox holds for a conversation, oldest first. */
  public JsonArray sent(String conversation) throws IOException, InterruptedException {
    if (conversation == null) {
      return new JsonArray(get("/sandbox/messages").body());
    }
    // A group's messages: pushes into it and replies to what was said in it.
    JsonArray out = new JsonArray();
    new JsonArray(get("/sandbox/messages?limit=5000").body()).forEach(o -> {
      io.vertx.core.json.JsonObject m = (io.vertx.core.json.JsonObject) o;
      if (conversation.equals(m.getString("conversation")) || conversation.equals(m.getString("group"))) {
        out.add(m);
      }
    });
    return out;
  }

  /** Waits until the condition holds or the timeout passes; returns whether it held. */
  public static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (condition.getAsBoolean()) {
          return true;
        }
      } catch (RuntimeException ignored) {
        // not yet
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

  /** Unchecked wrapper for use inside {@link #eventually}. */
  public JsonArray sentUnchecked(String conversation) {
    try {
      return sent(conversation);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public int status(String path) {
    try {
      return get(path).statusCode();
    } catch (IOException | InterruptedException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    if (bot != null) {
      bot.stop();
    }
  }
}
