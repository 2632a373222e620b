package cn.gridbot.bot.bench;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The inbound pipeline measured end to end: signed DingTalk and WeChat Official Account webhooks
 * from a load generator on loopback into the real service (the shaded jar, as a separate
 * process, on a real Redis), through verify → durable record → understand → route → ticket →
 * outbox, next to the same server's no-op endpoint as the ceiling. Prints figures; not a test.
 *
 * <p>Run: {@code mvn -q -Pbench verify} (after a build), or directly with the test class path.
 */
public final class Benchmarks {
  static final String DT_SECRET = "bench dingtalk app secret";
  static final String MP_TOKEN = "benchtoken";
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static String session;

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "bot/target/gridbot.jar").toAbsolutePath();
    Path corpus = Path.of(args.length > 1 ? args[1] : "nlp-models/corpus/test.jsonl").toAbsolutePath();
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 15;
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("build the jar first: " + jar);
    }
    Path work = Files.createTempDirectory("gridbot-bench");
    List<String> texts = texts(corpus);
    Vertx sinkVertx = Vertx.vertx();
    HttpServer sink = sinkVertx.createHttpServer().requestHandler(req -> req.body().onComplete(b -> {
      boolean token = req.path().contains("token");
      req.response().putHeader("Content-Type", "application/json").end(token
          ? "{\"access_token\":\"bench\",\"expires_in\":7200}" : "{\"errcode\":0,\"errmsg\":\"ok\",\"code\":0}");
    })).listen(0, "127.0.0.1").await();
    String sinkBase = "http://127.0.0.1:" + sink.actualPort();
    session = sinkBase + "/robot/sendBySession?session=bench";
    Path config = Files.createDirectories(work.resolve("config"));
    Files.writeString(config.resolve("channels.yaml"), """
        channels:
          dingtalk:
            bench: { app_secret_env: BENCH_DT_SECRET, api_base: %s }
          wechat-mp:
            bench: { app_id: wxbench000000001, token_env: BENCH_MP_TOKEN, app_secret_env: BENCH_MP_SECRET, api_base: %s }
        groups: {}
        """.formatted(sinkBase, sinkBase));

    System.out.println("# GridBot inbound pipeline benchmark");
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
        + System.getProperty("java.version") + ", " + java.time.ZonedDateTime.now());
    System.out.println("bot started as: java " + String.join(" ", botJvmOptions()) + (botJvmOptions().isEmpty() ? "" : " ")
        + "-jar gridbot.jar serve");
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(work.resolve("redis"), true, 2048));
    RedisClient lettuce = RedisClient.create(redis.url());
    RedisCommands<String, String> r = lettuce.connect().sync();
    try {
      long t0 = System.nanoTime();
      Process one = startBot(jar, 18181, redis.url(), config, "bench-1", sinkBase);
      waitHealthy(18181);
      System.out.printf("ready: %.2f s from process start to /health 200 (external Redis, so no embedded start)%n",
          (System.nanoTime() - t0) / 1e9);
      try (LoadGenerator gen = new LoadGenerator(64)) {
        Function<Long, LoadGenerator.Request> noop = i -> new LoadGenerator.Request("/sandbox/noop",
            MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"), Buffer.buffer("{\"x\":1}"));
        Function<Long, LoadGenerator.Request> reports = i -> i % 2 == 0 ? dingTalk(i, texts) : weChat(i, texts);
        gen.closedLoop(new int[] {18181}, 64, 5, reports); // warm-up (JIT, pools, scripts)
        drain(r, 120);
        LoadGenerator.Result ceiling = gen.closedLoop(new int[] {18181}, 64, seconds, noop);
        print("no-op endpoint (ceiling), 64 in flight", ceiling);

        long start = System.nanoTime();
        LoadGenerator.Result peak = gen.closedLoop(new int[] {18181}, 64, seconds, reports);
        long rss = rssKb(one.pid());
        double e2eSeconds = drain(r, 300) ? (System.nanoTime() - start) / 1e9 : Double.NaN;
        long done = peak.ok(); // every acknowledged message is in the inbox; drained = handled
        print("signed webhooks (DingTalk + WeChat MP), 64 in flight: acknowledged", peak);
        System.out.printf("  end to end: %d messages handled (ticket / +1 / question) in %.1f s = %.0f reports/s; "
            + "%.1f%% of the no-op ceiling; bot RSS %d MB under load%n",
            done, e2eSeconds, done / e2eSeconds, 100.0 * (done / e2eSeconds) / ceiling.perSecond(), rss / 1024);

        double half = Math.max(50, (done / e2eSeconds) / 2);
        LoadGenerator.Result steady = gen.openLoop(new int[] {18181}, half, 10, reports);
        drain(r, 300);
        System.out.printf("open loop at half the end-to-end peak (%.0f/s) for 10 s: p50 %.1f ms, p99 %.1f ms, "
            + "p99.9 %.1f ms, %d failed%n", half, steady.percentileMs(50), steady.percentileMs(99),
            steady.percentileMs(99.9), steady.failed());

        Process two = startBot(jar, 18182, redis.url(), config, "bench-2", sinkBase);
        waitHealthy(18182);
        long start2 = System.nanoTime();
        LoadGenerator.Result both = gen.closedLoop(new int[] {18181, 18182}, 64, seconds, reports);
        double e2e2 = drain(r, 300) ? (System.nanoTime() - start2) / 1e9 : Double.NaN;
        long done2 = both.ok();
        print("two instances on one Redis, 64 in flight split over both: acknowledged", both);
        System.out.printf("  end to end with two instances: %.0f reports/s%n", done2 / e2e2);
        two.destroy();
        two.waitFor();
      } finally {
        one.destroy();
        one.waitFor();
      }
    } finally {
      lettuce.shutdown();
      redis.close();
      sink.close().await();
      sinkVertx.close().await();
    }
    System.exit(0);
  }

  static void print(String what, LoadGenerator.Result res) {
    System.out.printf("%s: %.0f req/s (%d ok, %d failed in %.1f s), p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n",
        what, res.perSecond(), res.ok(), res.failed(), res.seconds(), res.percentileMs(50), res.percentileMs(99),
        res.percentileMs(99.9));
  }

  /** Waits until the inbox stream is empty; true when it emptied in time. */
  static boolean drain(RedisCommands<String, String> r, int maxSeconds) throws InterruptedException {
    long end = System.nanoTime() + maxSeconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      if (r.xlen("gb:inbox") == 0) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  static Process startBot(Path jar, int port, String redisUrl, Path config, String id, String sinkBase)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("java"));
    command.addAll(botJvmOptions());
    command.addAll(List.of("-jar", jar.toString(), "serve", "--config", config.toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.put("GRIDBOT_HTTP_PORT", Integer.toString(port));
    env.put("GRIDBOT_HTTP_HOST", "127.0.0.1");
    env.put("GRIDBOT_REDIS_URL", redisUrl);
    env.put("GRIDBOT_INSTANCE_ID", id);
    env.put("GRIDBOT_LOG_LEVEL", "WARN");
    env.put("BENCH_DT_SECRET", DT_SECRET);
    env.put("BENCH_MP_TOKEN", MP_TOKEN);
    env.put("BENCH_MP_SECRET", "bench-mp-secret");
    pb.redirectErrorStream(true).redirectOutput(config.resolveSibling(id + ".log").toFile());
    return pb.start();
  }

  /**
   * JVM options for the bot processes, {@code -Dgridbot.bench.botJvm="..."}; by default the README's
   * run command's {@code -Xmx256m} (an empty value runs the JVM's own defaults).
   */
  static List<String> botJvmOptions() {
    String opts = System.getProperty("gridbot.bench.botJvm", "-Xmx256m").strip();
    return opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
  }

  static void waitHealthy(int port) throws Exception {
    long end = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < end) {
      try {
        if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("bot on " + port + " did not become healthy");
  }

  static List<String> texts(Path corpus) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(corpus)) {
      out.add(new JsonObject(line).getString("text"));
    }
    return out;
  }

  static LoadGenerator.Request dingTalk(long i, List<String> texts) {
    long now = System.currentTimeMillis();
    String body = new JsonObject().put("conversationId", "bench-c-" + i).put("msgId", "bench-m-" + i + "-" + now)
        .put("senderNick", "居民").put("senderStaffId", "bench-s-" + i).put("conversationType", "1")
        .put("msgtype", "text").put("text", new JsonObject().put("content", texts.get((int) (i % texts.size()))))
        .put("createAt", now).put("sessionWebhook", session)
        .put("sessionWebhookExpiredTime", now + 3_600_000L).encode();
    String ts = Long.toString(now);
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json; charset=utf-8")
        .add("timestamp", ts).add("sign", Base64.getEncoder().encodeToString(hmac(DT_SECRET, ts + "\n" + DT_SECRET)));
    return new LoadGenerator.Request("/webhooks/dingtalk/bench", h, Buffer.buffer(body));
  }

  static LoadGenerator.Request weChat(long i, List<String> texts) {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = "n" + i;
    String xml = "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><FromUserName><![CDATA[o-bench-" + i
        + "]]></FromUserName><CreateTime>" + ts + "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
        + texts.get((int) (i % texts.size())) + "]]></Content><MsgId>" + (9_000_000_000L + i) + "</MsgId></xml>";
    String[] parts = {MP_TOKEN, ts, nonce};
    Arrays.sort(parts);
    String sig;
    try {
      sig = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    MultiMap h = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "text/xml");
    return new LoadGenerator.Request("/webhooks/wechat-mp/bench?signature=" + sig + "&timestamp=" + ts + "&nonce="
        + nonce, h, Buffer.buffer(xml));
  }

  static byte[] hmac(String key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

}
