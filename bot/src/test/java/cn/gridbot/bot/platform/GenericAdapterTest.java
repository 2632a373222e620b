package cn.gridbot.bot.platform;

import static cn.gridbot.bot.platform.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.platform.generic.GenericAdapter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenericAdapterTest {
  final GenericAdapter adapter = new GenericAdapter(Map.of("heping", channel("generic", "heping", Map.of(),
      Map.of("secret", "s3cret"))));
  static final String BODY = "{\"id\":\"k-1\",\"from\":\"kiosk-7\",\"text\":\"电梯坏了\",\"name\":\"李\"}";

  Fixtures.Req post(String body, long ts) throws Exception {
    String t = Long.toString(ts);
    return req().type("application/json").header("X-GridBot-Timestamp", t)
        .header("X-GridBot-Signature", genericSign("s3cret", t, body)).body(body);
  }

  @Test
  void verifiesASignedMessage() throws Exception {
    var a = (WebhookOutcome.Accepted) adapter.parse(post(BODY, Instant.now().getEpochSecond()).build());
    assertEquals("k-1", a.message().messageId());
    assertEquals("kiosk-7", a.message().conversationId());
    assertEquals("电梯坏了", a.message().text());
  }

  @Test
  void verifiesRejections() throws Exception {
    long now = Instant.now().getEpochSecond();
    assertEquals(401, status(adapter, post(BODY, now).header("X-GridBot-Signature", genericSign("other", Long.toString(now), BODY))));
    assertEquals(401, status(adapter, post(BODY, now - 301)));
    assertEquals(401, status(adapter, post(BODY, now).body(BODY.replace("kiosk-7", "kiosk-8"))), "body changed after signing");
    assertEquals(415, status(adapter, post(BODY, now).type("text/plain")));
    assertEquals(400, status(adapter, post("{\"id\":", now)));
    assertEquals(400, status(adapter, post("{\"id\":\"1\",\"from\":\"a\"}", now)));
    assertEquals(404, status(adapter, post(BODY, now).channel("zz")));
  }
}
