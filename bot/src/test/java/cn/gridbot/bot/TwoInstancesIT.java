package cn.gridbot.bot;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.redis.EmbeddedRedis;
import cn.gridbot.bot.testing.BotHarness;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two bot instances on one Redis behave as one bot. */
@Timeout(120)
class TwoInstancesIT {
  @TempDir Path dir;

  @Test
  void verifiesThatRetriesSpreadOverTwoInstancesMakeOneTicketAndOneReplyPerMessage() throws Exception {
    EmbeddedRedis redis = EmbeddedRedis.start(new BotConfig.Embedded(dir.resolve("redis"), true, 64));
    try (BotHarness a = BotHarness.start(dir.resolve("a"), redis.url(), Map.of("GRIDBOT_INSTANCE_ID", "a"));
         BotHarness b = BotHarness.start(dir.resolve("b"), redis.url(), Map.of("GRIDBOT_INSTANCE_ID", "b"))) {
      assertTrue(eventually(Duration.ofSeconds(20), () -> a.status("/health") == 200 && b.status("/health") == 200));
      String[] texts = {"和平小区5号楼楼道灯不亮了", "金都花园2号楼门口垃圾没人收", "紫金苑4号楼单元门坏了关不上",
          "新华东里3号楼楼顶漏水", "阳光家园9号楼楼道里堆满了纸箱子 怕着火"};
      List<CompletableFuture<Integer>> sends = new ArrayList<>();
      for (int i = 0; i < texts.length; i++) {
        String body = new JsonObject().put("from", "two-" + i).put("id", "two-msg-" + i).put("text", texts[i]).encode();
        for (int retry = 0; retry < 3; retry++) {
          BotHarness target = retry % 2 == 0 ? a : b;
          sends.add(CompletableFuture.supplyAsync(() -> {
            try {
              return target.post("/webhooks/sandbox/demo", "application/json", body).statusCode();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }));
        }
      }
      for (CompletableFuture<Integer> f : sends) {
        assertEquals(200, f.get());
      }
      for (int i = 0; i < texts.length; i++) {
        String who = "two-" + i;
        assertTrue(eventually(Duration.ofSeconds(15), () -> a.sentUnchecked(who).size() >= 1), who);
      }
      Thread.sleep(1000);
      for (int i = 0; i < texts.length; i++) {
        String who = "two-" + i;
        assertEquals(1, a.sent(who).size(), "one reply for " + who);
        assertEquals(1, a.bot.tickets().byResident("sandbox:demo:" + who, 10).await().size(), "one ticket for " + who);
      }
    } finally {
      redis.close();
    }
  }
}
