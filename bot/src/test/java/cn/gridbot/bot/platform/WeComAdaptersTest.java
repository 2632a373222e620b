package cn.gridbot.bot.platform;

import static cn.gridbot.bot.platform.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.platform.crypto.WxCrypt;
import cn.gridbot.bot.platform.wecom.WeComAdapter;
import cn.gridbot.bot.platform.wecom.WeComBotAdapter;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeComAdaptersTest {
  static final String TOKEN = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
  static final String KEY = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
  static final String CORP = "ww1436e0e65a779aee";
  final WeComAdapter app = new WeComAdapter(Map.of("heping", channel("wecom", "heping",
      Map.of("corp_id", CORP, "agent_id", "1000002"), Map.of("token", TOKEN, "aes_key", KEY))));
  final WeComBotAdapter bot = new WeComBotAdapter(Map.of("heping", channel("wecom-bot", "heping",
      Map.of("api_base", "https://qyapi.weixin.qq.com"), Map.of("token", TOKEN, "aes_key", KEY))),
      Map.of("wrkGROUP1", "grid:heping-01"));

  @Test
  void verifiesTheOfficialUrlCheck() {
    var r = req().get().q("msg_signature", "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb").q("timestamp", "1476416373")
        .q("nonce", "47744683").q("echostr", "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==");
    assertEquals("1288432023552776189", ((WebhookOutcome.Handshake) app.parse(r.build())).body());
    assertEquals(401, status(bot, r), "the bot's receiveid is empty, the app's echostr carries the corpid");
    r.q("nonce", "47744684");
    assertEquals(401, status(app, r));
  }

  @Test
  void verifiesTheOfficialEncryptedXmlMessage() {
    var r = req().type("text/xml").q("msg_signature", "0c3914025cb4b4d68103f6bfc8db550f79dcf48e")
        .q("timestamp", "1476422779").q("nonce", "1597212914")
        .body("<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName>\n<Encrypt><![CDATA[Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+]]></Encrypt>\n<AgentID><![CDATA[1000002]]></AgentID>\n</xml>");
    r.at = Instant.ofEpochSecond(1476422779 + 30);
    var a = (WebhookOutcome.Accepted) app.parse(r.build());
    assertEquals("ChenJiaShun", a.message().conversationId());
    assertEquals("1456453720", a.message().messageId());
    assertEquals("你好", a.message().text());
    r.at = Instant.ofEpochSecond(1476422779 + 7200);
    assertEquals(401, status(app, r), "stale");
    r.at = Instant.ofEpochSecond(1476422779);
    assertEquals(415, status(app, r.type("application/json")));
    assertEquals(400, status(app, r.type("text/xml").body("<xml><Encrypt>abc")), "truncated");
    assertEquals(404, status(app, r.body("<xml/>").channel("other")));
  }

  Fixtures.Req botPost(String json, long ts) throws Exception {
    String enc = WxCrypt.fromEncodingAesKey(KEY).encrypt(json, "");
    String t = Long.toString(ts);
    return req().type("application/json").q("msg_signature", sha1Sorted(TOKEN, t, "nn", enc)).q("timestamp", t)
        .q("nonce", "nn").body(new JsonObject().put("encrypt", enc).encode());
  }

  @Test
  void verifiesAnAiBotGroupMessageWithItsResponseUrl() throws Exception {
    String msg = "{\"msgid\":\"CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=\",\"aibotid\":\"AIBOTID\",\"chatid\":\"wrkGROUP1\",\"chattype\":\"group\","
        + "\"from\":{\"userid\":\"zhangsan\"},\"response_url\":\"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC\","
        + "\"msgtype\":\"text\",\"text\":{\"content\":\"@网格通 接单 A1\"}}";
    var a = (WebhookOutcome.Accepted) bot.parse(botPost(msg, Instant.now().getEpochSecond()).build());
    assertEquals("wrkGROUP1", a.message().conversationId());
    assertEquals("grid:heping-01", a.message().groupId());
    assertEquals("zhangsan", a.message().senderId());
    assertEquals("接单 A1", a.message().text());
    assertEquals("CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=", a.message().messageId());
    assertTrue(a.route().singleUse());
    assertTrue(a.route().url().endsWith("response_code=RC"));
    assertFalse(a.route().toString().contains("RC"), "routes are credentials");
  }

  @Test
  void verifiesThatAResponseUrlOffThePlatformIsNotStored() throws Exception {
    String msg = "{\"msgid\":\"m2\",\"chattype\":\"single\",\"from\":{\"userid\":\"u\"},"
        + "\"response_url\":\"https://evil.example/steal\",\"msgtype\":\"text\",\"text\":{\"content\":\"你好\"}}";
    var a = (WebhookOutcome.Accepted) bot.parse(botPost(msg, Instant.now().getEpochSecond()).build());
    assertNull(a.route());
    assertEquals("u", a.message().conversationId());
    assertNull(a.message().groupId());
  }

  @Test
  void verifiesAiBotRejections() throws Exception {
    long now = Instant.now().getEpochSecond();
    String msg = "{\"msgid\":\"m3\",\"chattype\":\"single\",\"from\":{\"userid\":\"u\"},\"msgtype\":\"text\",\"text\":{\"content\":\"x\"}}";
    assertEquals(401, status(bot, botPost(msg, now).q("msg_signature", "f".repeat(40))));
    assertEquals(401, status(bot, botPost(msg, now - 4000)));
    assertEquals(415, status(bot, botPost(msg, now).type("text/xml")));
    assertEquals(400, status(bot, botPost(msg, now).body("{\"encrypt\":")));
    assertEquals(400, status(bot, botPost(msg, now).body("{}")));
    assertEquals(400, status(bot, botPost("{not json", now)), "decrypted but not JSON");
    assertTrue(bot.parse(botPost("{\"msgid\":\"e\",\"msgtype\":\"event\"}", now).build()) instanceof WebhookOutcome.Ignored);
  }
}
