package cn.gridbot.bot.platform;

import static cn.gridbot.bot.platform.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.platform.dingtalk.DingTalkAdapter;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DingTalkAdapterTest {
  static final String SECRET = "this is a secret";
  final DingTalkAdapter adapter = new DingTalkAdapter(Map.of("heping", channel("dingtalk", "heping", Map.of(),
      Map.of("app_secret", SECRET))), Map.of("cidGROUP==", "community:heping"));

  static JsonObject body(String type, Boolean atMe, long now) {
    JsonObject o = new JsonObject().put("conversationId", "cidGROUP==").put("msgId", "msg0abc")
        .put("senderNick", "杨xx").put("senderStaffId", "user123").put("senderId", "$:LWCP_v1:$x")
        .put("sessionWebhook", "https://oapi.dingtalk.com/robot/sendBySession?session=s1")
        .put("sessionWebhookExpiredTime", now + 5_400_000L).put("createAt", now)
        .put("conversationType", type).put("text", new JsonObject().put("content", " 你好")).put("msgtype", "text");
    if (atMe != null) {
      o.put("isInAtList", atMe);
    }
    return o;
  }

  Fixtures.Req post(String body, long tsMillis) throws Exception {
    String t = Long.toString(tsMillis);
    return req().type("application/json; charset=utf-8").header("timestamp", t).header("sign", dingSign(SECRET, t)).body(body);
  }

  @Test
  void verifiesTheReferenceVectorAndAGroupMessage() throws Exception {
    assertEquals("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=", dingSign(SECRET, "1577262236757"));
    long now = Instant.now().toEpochMilli();
    var a = (WebhookOutcome.Accepted) adapter.parse(post(body("2", true, now).encode(), now).build());
    assertEquals("msg0abc", a.message().messageId());
    assertEquals("cidGROUP==", a.message().conversationId());
    assertEquals("community:heping", a.message().groupId());
    assertEquals("user123", a.message().senderId());
    assertEquals("你好", a.message().text());
    assertEquals("https://oapi.dingtalk.com/robot/sendBySession?session=s1", a.route().url());
    assertFalse(a.route().singleUse());
    assertEquals(now + 5_400_000L, a.route().expiresAtMillis());
  }

  @Test
  void verifiesSingleChatAndIgnoredGroupChatter() throws Exception {
    long now = Instant.now().toEpochMilli();
    var a = (WebhookOutcome.Accepted) adapter.parse(post(body("1", null, now).put("senderMobile", "13800000001").encode(), now).build());
    assertNull(a.message().groupId());
    assertEquals("13800000001", a.message().senderMobile());
    assertTrue(adapter.parse(post(body("2", false, now).encode(), now).build()) instanceof WebhookOutcome.Ignored);
  }

  @Test
  void verifiesRejections() throws Exception {
    long now = Instant.now().toEpochMilli();
    String b = body("1", null, now).encode();
    assertEquals(401, status(adapter, post(b, now).header("sign", dingSign("other", Long.toString(now)))));
    assertEquals(401, status(adapter, post(b, now - 3_601_000L)), "older than one hour");
    assertEquals(401, status(adapter, post(b, now + 3_601_000L)), "from the future");
    assertEquals(401, status(adapter, post(b, now / 1000)), "seconds are not milliseconds");
    var unsigned = post(b, now);
    unsigned.headers.remove("sign");
    assertEquals(401, status(adapter, unsigned));
    assertEquals(415, status(adapter, post(b, now).type("text/plain")));
    assertEquals(400, status(adapter, post(b.substring(0, b.length() / 2), now)), "truncated");
    assertEquals(400, status(adapter, post("[1,2]", now)));
    assertEquals(404, status(adapter, post(b, now).channel("x")));
    assertEquals(405, status(adapter, post(b, now).get()));
  }

  @Test
  void verifiesThatASessionWebhookOffThePlatformIsNotStored() throws Exception {
    long now = Instant.now().toEpochMilli();
    var o = body("1", null, now).put("sessionWebhook", "http://169.254.169.254/latest");
    assertNull(((WebhookOutcome.Accepted) adapter.parse(post(o.encode(), now).build())).route());
  }
}
