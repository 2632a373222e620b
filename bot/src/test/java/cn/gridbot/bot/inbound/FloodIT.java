package cn.gridbot.bot.inbound;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.ticket.Ticket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One resident flooding two instances on one Redis: limited together, politely, others unaffected. */
@Timeout(120)
class FloodIT {
  static final int LIMIT = 10;
  @TempDir Path dir;

  @Test
  void verifiesThatAFloodingResidentGetsOnePoliteAnswerAndAtMostTheLimitsTickets() throws Exception {
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    Map<String, String> env = Map.of("GRIDBOT_FLOOD_SENDER_PER_MINUTE", Integer.toString(LIMIT),
        "GRIDBOT_INBOX_CLAIM_IDLE_MS", "20000");
    try (BotHarness a = BotHarness.start(dir.resolve("a"), redis.url(), with(env, "a"));
         BotHarness b = BotHarness.start(dir.resolve("b"), redis.url(), with(env, "b"))) {
      assertTrue(eventually(Duration.ofSeconds(20), () -> a.status("/health") == 200 && b.status("/health") == 200));
      for (int i = 0; i < 100; i++) {
        BotHarness target = i % 2 == 0 ? a : b;
        assertEquals(200, target.say("flooder", "flood-" + i, "和平小区" + (i % 9 + 1) + "号楼楼道灯不亮了 第" + i + "次").statusCode());
        if (i == 50) {
          assertEquals(200, a.say("neighbour", "neighbour-1", "金都花园2号楼门口垃圾没人收").statusCode());
        }
      }
      // Over the limit, but an emergency: it must be handled.
      assertEquals(200, b.say("flooder", "flood-fire", "和平小区5号楼着火了 有人被困").statusCode());
      assertTrue(eventually(Duration.ofSeconds(60), () -> inboxEmpty(a)), "every message handled or dropped");
      Thread.sleep(500);

      JsonArray toFlooder = a.sent("flooder");
      long polite = toFlooder.stream().filter(o -> SenderLimit.POLITE.equals(((JsonObject) o).getString("text"))).count();
      assertEquals(1, polite, "one polite answer: " + toFlooder.encodePrettily());
      List<Ticket> tickets = a.bot.tickets().byResident("sandbox:demo:flooder", 200).await();
      assertTrue(tickets.size() <= LIMIT + 1, "at most the limit's tickets plus the emergency: " + tickets.size());
      assertTrue(tickets.stream().anyMatch(Ticket::emergency), "the emergency over the limit was handled");
      assertTrue(toFlooder.size() <= LIMIT + 3, "replies to the flooder: " + toFlooder.size());
      long pushes = a.sent(null).stream().map(o -> (JsonObject) o).filter(m -> m.getString("group") != null).count();
      assertTrue(pushes <= 2L * (LIMIT + 1) + 4, "no flood of staff pushes: " + pushes);

      assertEquals(1, a.bot.tickets().byResident("sandbox:demo:neighbour", 10).await().size(), "the neighbour's report");
      assertFalse(a.sent("neighbour").stream().anyMatch(o -> SenderLimit.POLITE.equals(((JsonObject) o).getString("text"))));
      assertFalse(a.sent("neighbour").isEmpty(), "the neighbour got an answer");
    } finally {
      redis.close();
    }
  }

  static Map<String, String> with(Map<String, String> env, String id) {
    var m = new java.util.HashMap<>(env);
    m.put("GRIDBOT_INSTANCE_ID", id);
    return m;
  }

  static boolean inboxEmpty(BotHarness h) {
    Long len = h.bot.redis().<Long>call(c -> c.xlen(h.bot.redis().key("inbox"))).await();
    return len == 0;
  }
}
