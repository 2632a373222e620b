package cn.gridbot.bot.platform;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.testing.BotHarness;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Abuse against a real bot on real Redis (password-protected, so that the log test can look for the
 * password): generated cases over HTTP for every platform (only 4xx for forged ones, never a 5xx,
 * nothing recorded for a forged request, heap and file descriptors stable), then signed and forged
 * requests and residents' messages with phone numbers while every log line is captured: no secret,
 * no full mobile number and no full message text at INFO or above.
 */
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookAbuseIT {
  static final long SEED = AdapterFuzzTest.SEED;
  static final int FORGED_SCAN = Integer.getInteger("gridbot.fuzz.httpForgedScan", 420);
  static final int MIXED = Integer.getInteger("gridbot.fuzz.httpCases", 200);
  static final String REDIS_PASSWORD = "fzRedisPassw0rd4U";
  static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

  @TempDir static Path dir;
  static EmbeddedRedis redis;
  static RedisClient client;
  static StatefulRedisConnection<String, String> conn;
  static BotHarness h;
  static ListAppender<ILoggingEvent> logs;
  static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    logs = new ListAppender<>();
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), false, 64));
    client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().configSet("requirepass", REDIS_PASSWORD);
    }
    client.shutdown();
    String url = redis.url().replaceFirst("redis://", "redis://:" + REDIS_PASSWORD + "@");
    client = RedisClient.create(url);
    conn = client.connect();
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("channels.yaml"), FuzzTargets.CHANNELS_YAML);
    Map<String, String> env = new HashMap<>(FuzzTargets.ENV);
    env.put("GRIDBOT_DELIVERY_BACKOFF_BASE_MS", "200");
    env.put("GRIDBOT_DELIVERY_BACKOFF_MAX_MS", "400");
    // The harness's 1 s claim time counts as an attempt every time a busy instance's own backlog is
    // claimed back; under the fuzz burst on a loaded machine that parked healthy entries after 5 s.
    env.put("GRIDBOT_INBOX_CLAIM_IDLE_MS", "20000");
    h = BotHarness.start(dir.resolve("bot"), url, env, config);
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (conn != null) {
      conn.close();
      client.shutdown();
    }
    if (redis != null) {
      redis.close();
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  @Test
  @Order(1)
  void verifiesThatGeneratedAbuseOverHttpGetsOnly4xxRecordsNothingForgedAndLeaksNothing() throws Exception {
    RedisCommands<String, String> r = conn.sync();
    long now = System.currentTimeMillis();
    Map<String, Integer> statuses = new TreeMap<>();
    Map<String, FuzzCases> gens = new HashMap<>();
    for (FuzzTargets.Target t : FuzzTargets.all()) {
      gens.put(t.name(), new FuzzCases(t, SEED + 1, now));
    }

    // 1. Only forged / refused requests: nothing may be recorded at all.
    long seenBefore = seenKeys(r);
    long inboxBefore = r.xlen(h.bot.redis().key("inbox"));
    int forged = 0;
    for (FuzzTargets.Target t : FuzzTargets.all()) {
      for (int n = 0; n < FORGED_SCAN; n++) {
        FuzzCases.Case c = gens.get(t.name()).next(n);
        if (c.expect() == FuzzCases.Expect.REJECT) {
          int status = send(t, c, statuses);
          assertTrue(status >= 400 && status < 500, t.name() + " case " + c.n() + " (" + c.kind() + "): " + status);
          forged++;
        }
      }
    }
    assertEquals(inboxBefore, r.xlen(h.bot.redis().key("inbox")), "nothing recorded for forged requests");
    assertEquals(seenBefore, seenKeys(r), "no dedupe key for forged requests");

    // 2. A body above http.max_body_bytes: 413 everywhere.
    for (FuzzTargets.Target t : FuzzTargets.all()) {
      FuzzCases.Case c = new FuzzCases.Case(-1, "too-large", FuzzCases.Expect.REJECT,
          t.sign(new byte[65_537], t.now(now)), "too-large");
      assertEquals(413, send(t, c, statuses), t.name());
    }

    // 3. Everything mixed (genuine, signed garbage, forged), twice; heap and descriptors measured
    // around it. The first round may open descriptors once (a jar's first class, a connection pool
    // growing to what the burst needs); a leak opens them again in the second round. The test
    // client's own keep-alive connections to the bot are not counted (see CLIENT_POOL).
    warmUp(gens, statuses);
    long heapBefore = usedHeapAfterGc();
    Map<String, Integer> kindsBefore = settledFdKinds();
    long fdsBefore = openFds(kindsBefore);
    int mixed = mixedRound(r, gens, statuses, FORGED_SCAN, FORGED_SCAN + MIXED);
    long heapAfter = usedHeapAfterGc();
    Map<String, Integer> kindsAfter = settledFdKinds();
    long fdsAfter = openFds(kindsAfter);
    mixed += mixedRound(r, gens, statuses, FORGED_SCAN + MIXED, FORGED_SCAN + 2 * MIXED);
    Map<String, Integer> kindsAgain = settledFdKinds();
    long fdsAgain = openFds(kindsAgain);
    System.out.printf("http fuzz: %d forged + %d mixed requests over %d targets, seed %d; statuses %s;"
        + " heap %d → %d MB, fds %d → %d → %d (first round %s, second round %s; not counted: the test"
        + " client's connections to the bot, %d → %d → %d descriptors)%n", forged, mixed,
        FuzzTargets.all().size(), SEED + 1, statuses, heapBefore >> 20, heapAfter >> 20, fdsBefore, fdsAfter,
        fdsAgain, growth(kindsBefore, kindsAfter), growth(kindsAfter, kindsAgain),
        kindsBefore.getOrDefault(CLIENT_POOL, 0), kindsAfter.getOrDefault(CLIENT_POOL, 0),
        kindsAgain.getOrDefault(CLIENT_POOL, 0));
    assertTrue(heapAfter - heapBefore < 48L << 20, "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MB");
    assertTrue(fdsAgain - fdsAfter < 25, "file descriptors grew again in the second round: " + fdsAfter + " → "
        + fdsAgain + " " + growth(kindsAfter, kindsAgain) + " (first round " + fdsBefore + " → " + fdsAfter + " "
        + growth(kindsBefore, kindsAfter) + ")");
  }

  /** Sends cases [from, to) of every target; returns how many; waits until the inbox is drained. */
  static int mixedRound(RedisCommands<String, String> r, Map<String, FuzzCases> gens, Map<String, Integer> statuses,
      int from, int to) throws Exception {
    int mixed = 0;
    for (FuzzTargets.Target t : FuzzTargets.all()) {
      for (int n = from; n < to; n++) {
        FuzzCases.Case c = gens.get(t.name()).next(n);
        int status = send(t, c, statuses);
        String where = t.name() + " case " + c.n() + " (" + c.kind() + ", seed " + (SEED + 1) + ")";
        assertTrue(status < 500, where + ": " + status);
        if (c.expect() == FuzzCases.Expect.REJECT) {
          assertTrue(status >= 400, where + ": " + status);
          assertEquals(0, r.exists(h.bot.redis().key("inbox:seen:" + t.platform + ":" + t.channel + ":" + c.id())), where);
        } else if (c.expect() == FuzzCases.Expect.VALID) {
          assertEquals(200, status, where);
        }
        mixed++;
      }
    }
    assertTrue(eventually(Duration.ofSeconds(90), () -> r.xlen(h.bot.redis().key("inbox")) == 0), "inbox drained");
    assertEquals(0, r.llen(h.bot.redis().key("inbox:failed")), "no accepted fuzz message broke the pipeline");
    return mixed;
  }

  /** What changed between two {@link #fdKinds()} readings, e.g. {socket=+3, pipe=-1}. */
  static Map<String, Integer> growth(Map<String, Integer> before, Map<String, Integer> after) {
    Map<String, Integer> d = new TreeMap<>();
    Set<String> keys = new TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String k : keys) {
      int n = after.getOrDefault(k, 0) - before.getOrDefault(k, 0);
      if (n != 0) {
        d.put(k, n);
      }
    }
    return d;
  }

  @Test
  @Order(2)
  void verifiesThatNoSecretFullMobileOrMessageTextIsLoggedAtInfoOrAbove() throws Exception {
    RedisCommands<String, String> r = conn.sync();
    List<String> texts = new ArrayList<>();
    long now = System.currentTimeMillis();
    int i = 0;
    for (FuzzTargets.Target t : FuzzTargets.all()) {
      String text = "我是" + t.name() + "的住户电话1381234567" + i + " 和平小区3号楼楼道灯坏了好几天了";
      texts.add(text);
      byte[] payload = t.payload("log-" + t.name(), "logger" + i, text).getBytes(StandardCharsets.UTF_8);
      Fixtures.Req genuine = t.sign(payload, t.now(now));
      assertEquals(200, send(t, new FuzzCases.Case(i, "log", FuzzCases.Expect.VALID, genuine, "log"), new TreeMap<>()),
          t.name());
      Fixtures.Req forged = t.sign(payload, t.now(now));
      t.forge(forged, new java.util.Random(i));
      send(t, new FuzzCases.Case(i, "log-forged", FuzzCases.Expect.REJECT, forged, "log"), new TreeMap<>());
      i++;
    }
    // A resident and a staff member on the sandbox with their mobile numbers.
    String resident = "我的手机号是13912345678 金都花园2号楼门口垃圾三天没人收了";
    texts.add(resident);
    h.post("/webhooks/sandbox/demo", "application/json", new JsonObject().put("from", "phone-1").put("id", "phone-1")
        .put("text", resident).put("mobile", "13912345678").encode());
    h.post("/webhooks/sandbox/demo", "application/json", new JsonObject().put("from", "staff-1").put("id", "staff-1")
        .put("text", "待办").put("mobile", "13900000011").encode());
    assertTrue(eventually(Duration.ofSeconds(60), () -> r.xlen(h.bot.redis().key("inbox")) == 0), "inbox drained");
    Thread.sleep(2500); // deliveries to the unreachable robots and routes fail and are retried meanwhile

    List<ILoggingEvent> events;
    synchronized (logs) {
      events = new ArrayList<>(logs.list);
    }
    List<String> secrets = new ArrayList<>(FuzzTargets.SECRETS);
    secrets.add(REDIS_PASSWORD);
    int checked = 0;
    for (ILoggingEvent e : events) {
      if (!e.getLevel().isGreaterOrEqual(Level.INFO)) {
        continue;
      }
      String line = e.getLevel() + " " + e.getLoggerName() + " - " + e.getFormattedMessage() + throwable(e.getThrowableProxy());
      for (String s : secrets) {
        assertFalse(line.contains(s), "a secret in the log: " + line);
      }
      assertFalse(MOBILE.matcher(line).find(), "a full mobile number in the log: " + line);
      for (String text : texts) {
        assertFalse(line.contains(text) || line.contains(text.substring(text.length() / 2)),
            "message text in the log: " + line);
      }
      checked++;
    }
    System.out.printf("log test: %d lines at INFO or above checked%n", checked);
    assertTrue(checked > 20, "the appender saw the bot's logs");
    assertTrue(events.stream().anyMatch(e -> e.getFormattedMessage().contains("log-feishu")), "lines about the messages");
  }

  static String throwable(IThrowableProxy t) {
    StringBuilder b = new StringBuilder();
    for (IThrowableProxy p = t; p != null; p = p.getCause()) {
      b.append(" | ").append(p.getClassName()).append(": ").append(p.getMessage());
    }
    return b.toString();
  }

  static void warmUp(Map<String, FuzzCases> gens, Map<String, Integer> statuses) throws Exception {
    for (FuzzTargets.Target t : FuzzTargets.all()) {
      FuzzCases g = new FuzzCases(t, SEED + 2, System.currentTimeMillis());
      for (int n = 0; n < 60; n++) {
        FuzzCases.Case c = g.next(n);
        if (c.expect() == FuzzCases.Expect.REJECT) {
          send(t, c, statuses);
        }
      }
    }
  }

  static int send(FuzzTargets.Target t, FuzzCases.Case c, Map<String, Integer> statuses) throws Exception {
    Fixtures.Req q = c.req();
    StringBuilder query = new StringBuilder();
    q.query.forEach((k, v) -> query.append(query.length() == 0 ? "?" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.url("/webhooks/" + t.platform + "/" + q.channel + query)))
        .timeout(Duration.ofSeconds(10)).method(q.method.name(), HttpRequest.BodyPublishers.ofByteArray(q.body));
    q.headers.forEach(b::header);
    int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    statuses.merge(Integer.toString(status), 1, Integer::sum);
    return status;
  }

  static long seenKeys(RedisCommands<String, String> r) {
    long n = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      var page = r.scan(cursor, ScanArgs.Builder.matches(h.bot.redis().key("inbox:seen:*")).limit(1000));
      n += page.getKeys().size();
      cursor = page;
    } while (!cursor.isFinished());
    return n;
  }

  static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /**
   * The test's own HTTP client keeps idle keep-alive connections to the bot, and opens another one when
   * a request starts before the last connection is back in its pool, which depends on the machine's
   * timing. Each is two descriptors in this JVM (the client's and the bot's end), so established
   * connections to the bot's port are counted apart; one the bot failed to close after the client
   * left (CLOSE_WAIT and the like) still counts.
   */
  static final String CLIENT_POOL = "socket: test client <-> bot, established";

  /**
   * {@link #fdKinds()} once the count has stopped moving (the same over 2 s, at most 30 s): after the
   * inbox drains, replies to the fuzzed channels are still being tried and given up (connections to
   * a closed port, name lookups that cannot succeed here), and those sockets close on their own; a
   * clean-clone run saw 16 of them in flight. A leaked descriptor does not go away.
   */
  static Map<String, Integer> settledFdKinds() throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Map<String, Integer> last = fdKinds();
    while (System.nanoTime() < until) {
      Thread.sleep(2000);
      Map<String, Integer> now = fdKinds();
      if (openFds(now) == openFds(last)) {
        return now;
      }
      last = now;
    }
    return last;
  }

  /** Open descriptors except {@link #CLIENT_POOL}. */
  static long openFds(Map<String, Integer> kinds) {
    return kinds.entrySet().stream().filter(e -> !e.getKey().equals(CLIENT_POOL)).mapToLong(Map.Entry::getValue).sum();
  }

  /** Open descriptors by what they point at (socket, pipe, anon_inode:[eventpoll], a file's folder). */
  static Map<String, Integer> fdKinds() throws Exception {
    int botPort = URI.create(h.url("/")).getPort();
    Map<String, String> sockets = new HashMap<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10 || !f[1].contains(":")) {
          continue;
        }
        int local = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
        int remote = Integer.parseInt(f[2].substring(f[2].lastIndexOf(':') + 1), 16);
        if (table.contains("udp")) {
          sockets.put(f[9], "socket: udp");
        } else if (local == botPort || remote == botPort) {
          sockets.put(f[9], f[3].equals("01") ? CLIENT_POOL
              : f[3].equals("0A") ? "socket: bot listening" : "socket: state " + f[3] + " with the bot");
        } else {
          sockets.put(f[9], "socket: tcp to port " + remote);
        }
      }
    }
    Map<String, Integer> kinds = new TreeMap<>();
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) s::iterator) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (java.io.IOException gone) {
          continue;
        }
        String kind;
        if (target.startsWith("/")) {
          kind = Path.of(target).getParent() + "/";
        } else if (target.startsWith("socket:[")) {
          kind = sockets.getOrDefault(target.substring(8, target.length() - 1), "socket");
        } else {
          kind = target.replaceFirst(":\\[\\d+\\]$", "");
        }
        kinds.merge(kind, 1, Integer::sum);
      }
    }
    return kinds;
  }
}
