package cn.gridbot.bot;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.testing.BotHarness;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Faults under load: Redis going away, the bot killed with acknowledged work not yet done. */
@Timeout(420)
class FaultIT {
  @TempDir Path dir;

  static String report(int i) {
    return "和平小区" + (1 + i % 12) + "号楼" + (1 + i % 3) + "单元楼道灯坏了 第" + i + "户反映";
  }

  static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Replies per sandbox conversation, read straight from Redis (works while the bot is down). */
  static Map<String, Integer> repliesByConversation(RedisCommands<String, String> r) {
    Map<String, Integer> out = new HashMap<>();
    for (String json : r.lrange("gb:sandbox:sent", 0, -1)) {
      JsonObject o = new JsonObject(json);
      if ("reply".equals(o.getString("kind"))) {
        out.merge(o.getString("conversation"), 1, Integer::sum);
      }
    }
    return out;
  }

  @Test
  void verifiesThatWhileRedisIsDownRequestsGet503AndEveryAcknowledgedOneBecomesATicket() throws Exception {
    int port = freePort();
    BotConfig.Embedded cfg = new BotConfig.Embedded(dir.resolve("redis"), true, 64);
    EmbeddedRedis redis = EmbeddedRedis.start(cfg, port);
    Map<Integer, Integer> status = new ConcurrentHashMap<>();
    try (BotHarness h = BotHarness.start(dir, redis.url(), Map.of("GRIDBOT_SANDBOX_OUTBOX_KEEP", "100000"))) {
      assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
      Thread sender = new Thread(() -> {
        for (int i = 0; i < 240; i++) {
          try {
            String body = new JsonObject().put("from", "fault-" + i).put("id", "fault-" + i).put("text", report(i)).encode();
            status.put(i, h.post("/webhooks/sandbox/demo", "application/json", body).statusCode());
            Thread.sleep(20);
          } catch (Exception e) {
            status.put(i, -1);
          }
        }
      });
      sender.start();
      Thread.sleep(1200);
      redis.close(); // Redis gone for a few seconds under load
      Thread.sleep(2500);
      redis = EmbeddedRedis.start(cfg, port); // back, with its AOF
      sender.join();
      assertTrue(eventually(Duration.ofSeconds(30), () -> h.status("/health") == 200), "recovers by itself");

      List<Integer> acked = new ArrayList<>();
      List<Integer> refused = new ArrayList<>();
      status.forEach((i, s) -> (s == 200 ? acked : refused).add(i));
      assertTrue(refused.stream().allMatch(i -> status.get(i) >= 500 || status.get(i) == -1),
          "a refusal is a 5xx, so the platform retries: " + status);
      assertFalse(refused.isEmpty(), "the outage was seen");
      assertFalse(acked.isEmpty());
      RedisClient client = RedisClient.create(redis.url());
      try {
        RedisCommands<String, String> r = client.connect().sync();
        assertTrue(eventually(Duration.ofSeconds(60), () -> repliesByConversation(r).keySet().containsAll(
            acked.stream().map(i -> "fault-" + i).toList())), "every acknowledged message was handled");
        for (int i : acked) {
          assertEquals(1L, r.zcard("gb:tickets:resident:sandbox:demo:fault-" + i), "one ticket for message " + i);
        }
        // The platform retries what was refused: now it goes through.
        for (int i : refused) {
          String body = new JsonObject().put("from", "fault-" + i).put("id", "fault-" + i).put("text", report(i)).encode();
          assertEquals(200, h.post("/webhooks/sandbox/demo", "application/json", body).statusCode());
        }
        assertTrue(eventually(Duration.ofSeconds(60), () -> repliesByConversation(r).size() >= 240));
      } finally {
        client.shutdown();
      }
    } finally {
      redis.close();
    }
  }

  @Test
  void verifiesThatMessagesAcknowledgedBeforeASigkillBecomeExactlyOneTicketEachAfterRestart() throws Exception {
    Path jar = Path.of("target", "gridbot.jar").toAbsolutePath();
    assertTrue(jar.toFile().isFile(), "the shaded jar is built before integration tests");
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    RedisClient client = RedisClient.create(redis.url());
    int port = freePort();
    try {
      RedisCommands<String, String> r = client.connect().sync();
      Process first = startJar(jar, port, redis.url());
      BotHarness http = BotHarness.client(port);
      assertTrue(eventually(Duration.ofSeconds(60), () -> http.status("/health") == 200));
      List<Integer> acked = java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        Thread s = new Thread(() -> {
          for (int i = offset; i < 160; i += 4) {
            try {
              String body = new JsonObject().put("from", "kill-" + i).put("id", "kill-" + i).put("text", report(i)).encode();
              if (http.post("/webhooks/sandbox/demo", "application/json", body).statusCode() == 200) {
                acked.add(i);
              }
            } catch (Exception e) {
              return; // the process is gone
            }
          }
        });
        s.start();
        senders.add(s);
      }
      assertTrue(eventually(Duration.ofSeconds(30), () -> acked.size() >= 100));
      first.destroyForcibly().waitFor(); // SIGKILL with acknowledged messages still in the inbox
      for (Thread s : senders) {
        s.join();
      }
      long unhandled = r.xlen("gb:inbox");
      Process second = startJar(jar, port, redis.url());
      try {
        assertTrue(eventually(Duration.ofSeconds(60), () -> http.status("/health") == 200));
        List<Integer> all = new ArrayList<>(acked);
        assertTrue(eventually(Duration.ofSeconds(180), () -> r.xlen("gb:inbox") == 0
            && repliesByConversation(r).keySet().containsAll(all.stream().map(i -> "kill-" + i).toList())),
            "every acknowledged message handled after the restart (" + unhandled + " were pending at the kill)");
        for (int i : all) {
          assertEquals(1L, r.zcard("gb:tickets:resident:sandbox:demo:kill-" + i), "exactly one ticket for message " + i);
        }
      } finally {
        second.destroy();
        second.waitFor();
      }
    } finally {
      client.shutdown();
      redis.close();
    }
  }

  private Process startJar(Path jar, int port, String redisUrl) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString());
    pb.environment().put("GRIDBOT_HTTP_PORT", Integer.toString(port));
    pb.environment().put("GRIDBOT_HTTP_HOST", "127.0.0.1");
    pb.environment().put("GRIDBOT_REDIS_URL", redisUrl);
    pb.environment().put("GRIDBOT_INSTANCE_ID", "fault-kill");
    pb.environment().put("GRIDBOT_SANDBOX_OUTBOX_KEEP", "100000");
    pb.environment().put("GRIDBOT_INBOX_CLAIM_IDLE_MS", "1000");
    java.nio.file.Path logs = java.nio.file.Files.createDirectories(Path.of("target", "it-logs"));
    pb.redirectErrorStream(true).redirectOutput(logs.resolve(getClass().getSimpleName() + "-" + System.nanoTime() + ".log").toFile());
    return pb.start();
  }

}
