package cn.gridbot.bot.platform;

import static cn.gridbot.bot.platform.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.platform.crypto.FeishuCrypt;
import cn.gridbot.bot.platform.feishu.FeishuAdapter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeishuAdapterTest {
  static final String KEY = "test key";
  static final String VTOKEN = "rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV";
  final FeishuAdapter adapter = new FeishuAdapter(Map.of(
      "heping", channel("feishu", "heping", Map.of(), Map.of("verification_token", VTOKEN, "encrypt_key", KEY)),
      "plain", channel("feishu", "plain", Map.of(), Map.of("verification_token", VTOKEN))),
      Map.of("oc_group1", "grid:heping-01"));

  static JsonObject event(String chatType, String eventType) {
    JsonObject message = new JsonObject().put("message_id", "om_1").put("chat_id", "oc_group1").put("chat_type", chatType)
        .put("message_type", "text").put("content", "{\"text\":\"@_user_1 3号楼 漏水\"}")
        .put("mentions", new JsonArray().add(new JsonObject().put("key", "@_user_1").put("name", "网格通")));
    return new JsonObject().put("schema", "2.0")
        .put("header", new JsonObject().put("event_id", "5e3702a84e847582be8db7fb73283c02").put("event_type", eventType)
            .put("token", VTOKEN).put("app_id", "cli_1"))
        .put("event", new JsonObject().put("sender", new JsonObject().put("sender_type", "user")
            .put("sender_id", new JsonObject().put("open_id", "ou_84aa").put("user_id", "e33g"))).put("message", message));
  }

  Fixtures.Req signed(String body, long ts) throws Exception {
    String t = Long.toString(ts);
    return req().type("application/json").header("X-Lark-Request-Timestamp", t).header("X-Lark-Request-Nonce", "nonce-1")
        .header("X-Lark-Signature", larkSign(t, "nonce-1", KEY, body)).body(body);
  }

  String encrypted(JsonObject o) {
    return new JsonObject().put("encrypt", new FeishuCrypt(KEY).encrypt(o.encode())).encode();
  }

  @Test
  void verifiesAnEncryptedSignedGroupMessage() throws Exception {
    var a = (WebhookOutcome.Accepted) adapter.parse(signed(encrypted(event("group", "im.message.receive_v1")),
        Instant.now().getEpochSecond()).build());
    assertEquals("5e3702a84e847582be8db7fb73283c02", a.message().messageId());
    assertEquals("oc_group1", a.message().conversationId());
    assertEquals("grid:heping-01", a.message().groupId());
    assertEquals("ou_84aa", a.message().senderId());
    assertEquals("3号楼 漏水", a.message().text());
    assertEquals("{\"msg\":\"success\"}", a.ackBody());
  }

  @Test
  void verifiesTheChallengeEncryptedAndPlain() throws Exception {
    JsonObject ch = new JsonObject().put("challenge", "1b6aef1a").put("token", VTOKEN).put("type", "url_verification");
    var h = (WebhookOutcome.Handshake) adapter.parse(req().type("application/json").body(encrypted(ch)).build());
    assertEquals("1b6aef1a", new JsonObject(h.body()).getString("challenge"));
    var p = (WebhookOutcome.Handshake) adapter.parse(req().channel("plain").type("application/json").body(ch.encode()).build());
    assertEquals("1b6aef1a", new JsonObject(p.body()).getString("challenge"));
    ch.put("token", "wrong");
    assertEquals(401, status(adapter, req().type("application/json").body(encrypted(ch))));
  }

  @Test
  void verifiesRejections() throws Exception {
    long now = Instant.now().getEpochSecond();
    String body = encrypted(event("p2p", "im.message.receive_v1"));
    assertEquals(401, status(adapter, signed(body, now).header("X-Lark-Signature", "0".repeat(64))));
    assertEquals(401, status(adapter, signed(body, now - 9 * 3600)), "older than the 8-hour retry window");
    assertEquals(401, status(adapter, req().type("application/json").body(body)), "unsigned event");
    assertEquals(401, status(adapter, signed(event("p2p", "im.message.receive_v1").encode(), now)), "plaintext on an encrypted channel");
    assertEquals(401, status(adapter, signed(body.substring(0, body.length() - 8) + "\"}", now).header("X-Lark-Signature",
        larkSign(Long.toString(now), "nonce-1", KEY, body))), "truncated after signing");
    assertEquals(415, status(adapter, signed(body, now).type("text/plain")));
    assertEquals(400, status(adapter, signed("{\"encrypt\":", now)));
    assertEquals(404, status(adapter, signed(body, now).channel("nope")));
    JsonObject wrongToken = event("p2p", "im.message.receive_v1");
    wrongToken.getJsonObject("header").put("token", "x");
    assertEquals(401, status(adapter, req().channel("plain").type("application/json").body(wrongToken.encode())));
  }

  @Test
  void verifiesThatOtherEventsAndBotSendersAreIgnored() throws Exception {
    long now = Instant.now().getEpochSecond();
    assertTrue(adapter.parse(signed(encrypted(event("group", "im.chat.member.bot.added_v1")), now).build())
        instanceof WebhookOutcome.Ignored);
    JsonObject fromApp = event("group", "im.message.receive_v1");
    fromApp.getJsonObject("event").getJsonObject("sender").put("sender_type", "app");
    assertTrue(adapter.parse(signed(encrypted(fromApp), now).build()) instanceof WebhookOutcome.Ignored);
    var plain = (WebhookOutcome.Accepted) adapter.parse(req().channel("plain").type("application/json")
        .body(event("p2p", "im.message.receive_v1").encode()).build());
    assertNull(plain.message().groupId());
  }
}
