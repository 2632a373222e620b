package cn.gridbot.bot.platform;

import static cn.gridbot.bot.testing.BotHarness.eventually;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.outbound.OutgoingCodec;
import cn.gridbot.bot.testing.BotHarness;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.Person;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot on real Redis with every platform channel configured against stub platforms: signed
 * webhooks in (signatures and encryption made here, independently of the production code),
 * replies and group pushes out, rate limits retried, permanent errors dead-lettered.
 */
@Timeout(120)
class PlatformsIT {
  @TempDir static Path dir;
  static Vertx stubs;
  static StubPlatform ding;
  static StubPlatform mp;
  static StubPlatform wecom;
  static StubPlatform feishu;
  static StubPlatform generic;
  static BotHarness h;

  static final String DT_SECRET = "it dingtalk app secret";
  static final String DT_ROBOT_SECRET = "SECit0robot0secret";
  static final String MP_TOKEN = "mptoken";
  static final String MP_AES = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String MP_APPID = "wxitapp0000000001";
  static final String WB_TOKEN = "wbtoken";
  static final String WB_AES = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
  static final String FS_KEY = "it encrypt key";
  static final String FS_VTOKEN = "it-vtoken";
  static final String FS_BOT_SECRET = "it-feishu-bot";
  static final String GEN_SECRET = "it-generic";
  static final String HELP_MARK = "反映问题";

  @BeforeAll
  static void start() throws Exception {
    stubs = Vertx.vertx();
    ding = StubPlatform.dingTalk(stubs, "AT1", DT_ROBOT_SECRET);
    mp = StubPlatform.weChatMp(stubs, MP_APPID, "mp-app-secret");
    wecom = StubPlatform.weCom(stubs, "ROBOTKEY", "wwitcorp", "wc-corp-secret");
    feishu = StubPlatform.feishu(stubs, "cli_it", "fs-app-secret", FS_BOT_SECRET);
    generic = StubPlatform.generic(stubs, GEN_SECRET);
    Path config = Files.createDirectories(dir.resolve("config"));
    Files.writeString(config.resolve("channels.yaml"), """
        channels:
          dingtalk:
            heping:
              app_secret_env: IT_DT_SECRET
              api_base: %s
          wechat-mp:
            heping:
              app_id: %s
              token_env: IT_MP_TOKEN
              aes_key_env: IT_MP_AES
              app_secret_env: IT_MP_SECRET
              api_base: %s
          wecom:
            heping:
              corp_id: wwitcorp
              agent_id: "1000002"
              token_env: IT_WC_TOKEN
              aes_key_env: IT_WC_AES
              corp_secret_env: IT_WC_SECRET
              api_base: %s
          wecom-bot:
            heping:
              token_env: IT_WB_TOKEN
              aes_key_env: IT_WB_AES
              api_base: %s
          feishu:
            heping:
              app_id: cli_it
              verification_token_env: IT_FS_VTOKEN
              encrypt_key_env: IT_FS_KEY
              app_secret_env: IT_FS_SECRET
              api_base: %s
          generic:
            kiosk:
              secret_env: IT_GEN_SECRET
              reply_url_env: IT_GEN_REPLY
        groups:
          "grid:it-dt": {platform: dingtalk, webhook_env: IT_G1_HOOK, secret_env: IT_G1_SECRET}
          "grid:it-wc": {platform: wecom, webhook_env: IT_G2_HOOK}
          "grid:it-wc-bad": {platform: wecom, webhook_env: IT_G3_HOOK}
          "grid:it-fs": {platform: feishu, webhook_env: IT_G4_HOOK, secret_env: IT_G4_SECRET}
          "grid:it-down": {platform: wecom, webhook_env: IT_G5_HOOK}
          "grid:it-wc-md": {platform: wecom, webhook_env: IT_G2_HOOK, format: markdown}
        """.formatted(ding.base(), MP_APPID, mp.base(), wecom.base(), wecom.base(), feishu.base()));
    Map<String, String> env = new HashMap<>();
    env.put("IT_DT_SECRET", DT_SECRET);
    env.put("IT_MP_TOKEN", MP_TOKEN);
    env.put("IT_MP_AES", MP_AES);
    env.put("IT_MP_SECRET", "mp-app-secret");
    env.put("IT_WB_TOKEN", WB_TOKEN);
    env.put("IT_WC_TOKEN", "wctoken");
    env.put("IT_WC_AES", MP_AES);
    env.put("IT_WC_SECRET", "wc-corp-secret");
    env.put("IT_WB_AES", WB_AES);
    env.put("IT_FS_VTOKEN", FS_VTOKEN);
    env.put("IT_FS_KEY", FS_KEY);
    env.put("IT_FS_SECRET", "fs-app-secret");
    env.put("IT_GEN_SECRET", GEN_SECRET);
    env.put("IT_GEN_REPLY", generic.base() + "/reply");
    env.put("IT_G1_HOOK", ding.base() + "/robot/send?access_token=AT1");
    env.put("IT_G1_SECRET", DT_ROBOT_SECRET);
    env.put("IT_G2_HOOK", wecom.base() + "/cgi-bin/webhook/send?key=ROBOTKEY");
    env.put("IT_G3_HOOK", wecom.base() + "/cgi-bin/webhook/send?key=REMOVED");
    env.put("IT_G4_HOOK", feishu.base() + "/open-apis/bot/v2/hook/h1");
    env.put("IT_G4_SECRET", FS_BOT_SECRET);
    env.put("IT_G5_HOOK", "http://127.0.0.1:" + closedPort() + "/cgi-bin/webhook/send?key=K");
    env.put("GRIDBOT_DELIVERY_BACKOFF_BASE_MS", "100");
    env.put("GRIDBOT_DELIVERY_BACKOFF_MAX_MS", "400");
    env.put("GRIDBOT_DELIVERY_QUIET_HOURS", "");
    h = BotHarness.start(dir.resolve("data"), null, env, config);
    assertTrue(eventually(Duration.ofSeconds(20), () -> h.status("/health") == 200));
  }

  static int closedPort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() {
    if (h != null) {
      h.close();
    }
    if (stubs != null) {
      stubs.close().await();
    }
  }

  // ---- independent implementations of the platforms' schemes ----

  static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  static String sha1Sorted(String... parts) throws Exception {
    String[] p = parts.clone();
    Arrays.sort(p);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", p).getBytes(StandardCharsets.UTF_8)));
  }

  /** WXBizMsgCrypt encryption written from the spec: random16 ‖ len ‖ msg ‖ receiveid, PKCS#7 to 32. */
  static String wxEncrypt(String encodingAesKey, String msg, String receiveId) throws Exception {
    byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
    byte[] m = msg.getBytes(StandardCharsets.UTF_8);
    byte[] rid = receiveId.getBytes(StandardCharsets.UTF_8);
    int len = 20 + m.length + rid.length;
    int pad = 32 - len % 32;
    ByteBuffer b = ByteBuffer.allocate(len + pad);
    b.put("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).putInt(m.length).put(m).put(rid);
    while (b.hasRemaining()) {
      b.put((byte) pad);
    }
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return Base64.getEncoder().encodeToString(c.doFinal(b.array()));
  }

  /** Feishu encryption from the spec: base64(iv ‖ AES-256-CBC(SHA256(key), PKCS#7/16)). */
  static String feishuEncrypt(String key, String json) throws Exception {
    byte[] k = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    byte[] iv = new byte[16];
    new java.security.SecureRandom().nextBytes(iv);
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(iv));
    byte[] ct = c.doFinal(json.getBytes(StandardCharsets.UTF_8));
    byte[] out = Arrays.copyOf(iv, 16 + ct.length);
    System.arraycopy(ct, 0, out, 16, ct.length);
    return Base64.getEncoder().encodeToString(out);
  }

  static Map<String, String> dingHeaders(String secret, long ts) throws Exception {
    String t = Long.toString(ts);
    String sign = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
        (t + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    return Map.of("timestamp", t, "sign", sign);
  }

  static String dingBody(String msgId, String conversation, String session) {
    long now = System.currentTimeMillis();
    return new JsonObject().put("conversationId", conversation).put("msgId", msgId).put("senderNick", "居民")
        .put("senderStaffId", "staff-" + conversation).put("conversationType", "1").put("msgtype", "text")
        .put("text", new JsonObject().put("content", " 你好")).put("createAt", now)
        .put("sessionWebhook", ding.base() + "/robot/sendBySession?session=" + session)
        .put("sessionWebhookExpiredTime", now + 5_400_000L).encode();
  }

  static long xlen(String key) {
    return h.bot.redis().<Long>call(c -> c.xlen(key)).await();
  }

  static List<String> keys(String pattern) {
    return h.bot.redis().<List<String>>call(c -> c.keys(pattern)).await();
  }

  // ---- tests ----

  @Test
  void verifiesADingTalkRoundTripAndThatAReplayedDuplicateIsRecordedOnce() throws Exception {
    String body = dingBody("dt-msg-1", "cid-dt-1", "s1");
    var headers = dingHeaders(DT_SECRET, System.currentTimeMillis());
    assertEquals(200, h.post("/webhooks/dingtalk/heping", "application/json; charset=utf-8", body, headers).statusCode());
    assertEquals(200, h.post("/webhooks/dingtalk/heping", "application/json; charset=utf-8", body, headers).statusCode());
    assertTrue(eventually(Duration.ofSeconds(10), () -> ding.calls("session:s1").size() >= 1));
    Thread.sleep(700);
    List<StubPlatform.Call> replies = ding.calls("session:s1");
    assertEquals(1, replies.size(), "the replay was deduplicated");
    assertTrue(replies.get(0).body().getJsonObject("text").getString("content").contains(HELP_MARK));
    assertEquals(1, keys("gb:inbox:seen:dingtalk:heping:dt-msg-1").size());
    assertEquals(1, keys("gb:route:dingtalk:heping:cid-dt-1").size(), "the sessionWebhook is stored");
  }

  @Test
  void verifiesThatADingTalkRateLimitIsRetried() throws Exception {
    ding.rateLimitNext.set(1);
    String body = dingBody("dt-msg-rl", "cid-dt-rl", "s-rl");
    assertEquals(200, h.post("/webhooks/dingtalk/heping", "application/json", body,
        dingHeaders(DT_SECRET, System.currentTimeMillis())).statusCode());
    assertTrue(eventually(Duration.ofSeconds(15), () -> ding.calls("session:s-rl").size() == 1),
        "delivered after the 130101 answer");
    assertEquals(0, ding.rateLimitNext.get(), "the first attempt was rate-limited");
    assertTrue(ding.calls("session:s-rl").get(0).body().encode().contains(HELP_MARK));
  }

  @Test
  void verifiesThatForgedAndStaleRequestsLeaveNoTraceInRedis() throws Exception {
    assertTrue(eventually(Duration.ofSeconds(15), () -> xlen("gb:inbox") == 0), "earlier messages processed");
    long now = System.currentTimeMillis();
    String body = dingBody("forged-1", "cid-forged", "sf");
    assertEquals(401, h.post("/webhooks/dingtalk/heping", "application/json", body, dingHeaders("wrong secret", now)).statusCode());
    assertEquals(401, h.post("/webhooks/dingtalk/heping", "application/json", body, dingHeaders(DT_SECRET, now - 3_700_000L)).statusCode());
    assertEquals(401, h.post("/webhooks/dingtalk/heping", "application/json", body).statusCode(), "unsigned");
    assertEquals(404, h.post("/webhooks/dingtalk/nosuch", "application/json", body, dingHeaders(DT_SECRET, now)).statusCode());
    assertEquals(415, h.post("/webhooks/dingtalk/heping", "text/plain", body, dingHeaders(DT_SECRET, now)).statusCode());
    String big = "{\"x\":\"" + "y".repeat(70_000) + "\"}";
    for (String route : List.of("dingtalk/heping", "wechat-mp/heping", "wecom/heping", "wecom-bot/heping", "feishu/heping",
        "generic/kiosk")) {
      assertEquals(413, h.post("/webhooks/" + route, "application/json", big, dingHeaders(DT_SECRET, now)).statusCode(), route);
    }
    String gen = "{\"id\":\"forged-2\",\"from\":\"k\",\"text\":\"hi\"}";
    assertEquals(401, h.post("/webhooks/generic/kiosk", "application/json", gen,
        Map.of("X-GridBot-Timestamp", Long.toString(now / 1000), "X-GridBot-Signature", "00")).statusCode());
    String fs = new JsonObject().put("encrypt", feishuEncrypt(FS_KEY, "{}")).encode();
    assertEquals(401, h.post("/webhooks/feishu/heping", "application/json", fs, Map.of("X-Lark-Request-Timestamp",
        Long.toString(now / 1000), "X-Lark-Request-Nonce", "n", "X-Lark-Signature", "0".repeat(64))).statusCode());
    String ts = Long.toString(now / 1000);
    assertEquals(401, h.post("/webhooks/wechat-mp/heping?timestamp=" + ts + "&nonce=1&encrypt_type=aes&msg_signature=abc",
        "text/xml", "<xml><Encrypt>AAAA</Encrypt></xml>").statusCode());
    assertEquals(400, h.post("/webhooks/wechat-mp/heping?timestamp=" + ts + "&nonce=1&encrypt_type=aes&msg_signature=abc",
        "text/xml", "<xml><Encrypt>").statusCode());
    assertEquals(0, xlen("gb:inbox"));
    assertTrue(keys("gb:inbox:seen:*forged*").isEmpty());
    assertTrue(keys("gb:route:*forged*").isEmpty());
  }

  static void mpSay(String openid) throws Exception {
    String xml = "<xml><ToUserName><![CDATA[gh_it]]></ToUserName><FromUserName><![CDATA[" + openid + "]]></FromUserName>"
        + "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content>"
        + "<MsgId>" + Math.abs(openid.hashCode()) + "</MsgId></xml>";
    String enc = wxEncrypt(MP_AES, xml, MP_APPID);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String sig = sha1Sorted(MP_TOKEN, ts, "77", enc);
    var resp = h.post("/webhooks/wechat-mp/heping?timestamp=" + ts + "&nonce=77&encrypt_type=aes&openid=" + openid
        + "&msg_signature=" + sig + "&signature=" + sha1Sorted(MP_TOKEN, ts, "77"), "text/xml",
        "<xml><ToUserName><![CDATA[gh_it]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>");
    assertEquals(200, resp.statusCode());
    assertEquals("success", resp.body());
  }

  @Test
  void verifiesAWeChatSafeModeRoundTripWithOneSharedAccessToken() throws Exception {
    for (String openid : List.of("oRESIDENT1", "oRESIDENT2")) {
      mpSay(openid);
    }
    assertTrue(eventually(Duration.ofSeconds(15), () -> mp.calls("custom").size() == 2));
    for (var call : mp.calls("custom")) {
      assertTrue(call.body().getJsonObject("text").getString("content").contains(HELP_MARK));
      assertTrue(call.body().getString("touser").startsWith("oRESIDENT"));
    }
    assertEquals(1, mp.tokenFetches.get(), "one token, shared");
    long ttl = h.bot.redis().<Long>call(c -> c.pttl("gb:token:wechat-mp:heping")).await();
    assertTrue(ttl > 7_000_000L, "stored for its lifetime: " + ttl);

    mp.state.put("token", "refreshed-by-someone-else"); // our token is no longer the latest: 40001
    mpSay("oRESIDENT3");
    assertTrue(eventually(Duration.ofSeconds(15), () -> mp.calls("custom").size() == 3), "re-fetched and resent");
    assertEquals(2, mp.tokenFetches.get());
  }

  @Test
  void verifiesAWeComAppRoundTripWithAppMessageReply() throws Exception {
    String xml = "<xml><ToUserName><![CDATA[wwitcorp]]></ToUserName><FromUserName><![CDATA[ZhangSan]]></FromUserName>"
        + "<CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content>"
        + "<MsgId>9001</MsgId><AgentID>1000002</AgentID></xml>";
    String enc = wxEncrypt(MP_AES, xml, "wwitcorp");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    var resp = h.post("/webhooks/wecom/heping?msg_signature=" + sha1Sorted("wctoken", ts, "3", enc) + "&timestamp=" + ts
        + "&nonce=3", "text/xml", "<xml><ToUserName><![CDATA[wwitcorp]]></ToUserName><Encrypt><![CDATA[" + enc
        + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>");
    assertEquals(200, resp.statusCode());
    assertTrue(eventually(Duration.ofSeconds(15), () -> wecom.calls("app").size() == 1));
    JsonObject sent = wecom.calls("app").get(0).body();
    assertEquals("ZhangSan", sent.getString("touser"));
    assertEquals(1000002, sent.getInteger("agentid"));
    assertTrue(sent.getJsonObject("text").getString("content").contains(HELP_MARK));

    String echo = wxEncrypt(MP_AES, "echo-4711", "wwitcorp");
    var check = h.get("/webhooks/wecom/heping?msg_signature=" + sha1Sorted("wctoken", ts, "4", echo) + "&timestamp=" + ts
        + "&nonce=4&echostr=" + URLEncoder.encode(echo, StandardCharsets.UTF_8));
    assertEquals(200, check.statusCode());
    assertEquals("echo-4711", check.body());
  }

  @Test
  void verifiesThatTwoInstancesRefreshingATokenFetchItOnce() throws Exception {
    var counter = new java.util.concurrent.atomic.AtomicInteger();
    Vertx v = h.bot.vertx();
    java.util.function.Supplier<io.vertx.core.Future<AccessTokens.Token>> slowFetch = () -> {
      counter.incrementAndGet();
      io.vertx.core.Promise<AccessTokens.Token> p = io.vertx.core.Promise.promise();
      v.setTimer(300, id -> p.complete(new AccessTokens.Token("tok-" + counter.get(), 7200)));
      return p.future();
    };
    AccessTokens a = new AccessTokens(v, h.bot.redis());
    AccessTokens b = new AccessTokens(v, h.bot.redis());
    var results = io.vertx.core.Future.all(a.get("it:shared", slowFetch), b.get("it:shared", slowFetch),
        a.get("it:shared", slowFetch), b.get("it:shared", slowFetch)).await();
    assertEquals(1, counter.get(), "only the lock holder fetched");
    for (int i = 0; i < 4; i++) {
      assertEquals("tok-1", results.resultAt(i));
    }
    assertNull(h.bot.redis().<String>call(c -> c.get("gb:token:it:shared:lock")).await(), "lock released");
  }

  @Test
  void verifiesAWeChatUrlCheck() throws Exception {
    String ts = "1700000000";
    var resp = h.get("/webhooks/wechat-mp/heping?timestamp=" + ts + "&nonce=5&echostr=hello-echo&signature="
        + sha1Sorted(MP_TOKEN, ts, "5"));
    assertEquals(200, resp.statusCode());
    assertEquals("hello-echo", resp.body());
  }

  @Test
  void verifiesAFeishuEncryptedSignedRoundTripAndItsChallenge() throws Exception {
    String challenge = new JsonObject().put("encrypt", feishuEncrypt(FS_KEY, new JsonObject().put("challenge", "ch-1")
        .put("token", FS_VTOKEN).put("type", "url_verification").encode())).encode();
    var ch = h.post("/webhooks/feishu/heping", "application/json", challenge);
    assertEquals(200, ch.statusCode());
    assertEquals("ch-1", new JsonObject(ch.body()).getString("challenge"));

    JsonObject event = new JsonObject().put("schema", "2.0")
        .put("header", new JsonObject().put("event_id", "ev-it-1").put("event_type", "im.message.receive_v1").put("token", FS_VTOKEN))
        .put("event", new JsonObject()
            .put("sender", new JsonObject().put("sender_type", "user").put("sender_id", new JsonObject().put("open_id", "ou_it")))
            .put("message", new JsonObject().put("message_id", "om_it").put("chat_id", "oc_p2p_it").put("chat_type", "p2p")
                .put("message_type", "text").put("content", "{\"text\":\"你好\"}")));
    String body = new JsonObject().put("encrypt", feishuEncrypt(FS_KEY, event.encode())).encode();
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String sig = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest((ts + "nonce-it" + FS_KEY + body).getBytes(StandardCharsets.UTF_8)));
    Map<String, String> headers = Map.of("X-Lark-Request-Timestamp", ts, "X-Lark-Request-Nonce", "nonce-it", "X-Lark-Signature", sig);
    assertEquals(200, h.post("/webhooks/feishu/heping", "application/json", body, headers).statusCode());
    assertEquals(200, h.post("/webhooks/feishu/heping", "application/json", body, headers).statusCode(), "a Feishu retry");
    assertTrue(eventually(Duration.ofSeconds(15), () -> feishu.calls("message").size() == 1));
    JsonObject sent = feishu.calls("message").get(0).body();
    assertEquals("oc_p2p_it", sent.getString("receive_id"));
    assertTrue(new JsonObject(sent.getString("content")).getString("text").contains(HELP_MARK));
    Thread.sleep(500);
    assertEquals(1, feishu.calls("message").size());
  }

  @Test
  void verifiesAWeComBotRoundTripThroughItsSingleUseResponseUrl() throws Exception {
    String msg = new JsonObject().put("msgid", "wb-it-1").put("chattype", "single").put("from", new JsonObject().put("userid", "lisi"))
        .put("response_url", wecom.base() + "/cgi-bin/aibot/response?response_code=RC-IT-1").put("msgtype", "text")
        .put("text", new JsonObject().put("content", "你好")).encode();
    String enc = wxEncrypt(WB_AES, msg, "");
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    var resp = h.post("/webhooks/wecom-bot/heping?msg_signature=" + sha1Sorted(WB_TOKEN, ts, "9", enc) + "&timestamp=" + ts
        + "&nonce=9", "application/json", new JsonObject().put("encrypt", enc).encode());
    assertEquals(200, resp.statusCode());
    assertTrue(eventually(Duration.ofSeconds(15), () -> wecom.calls("response").size() == 1));
    assertTrue(wecom.calls("response").get(0).body().getJsonObject("markdown").getString("content").contains(HELP_MARK));
    assertTrue(eventually(Duration.ofSeconds(5), () -> h.bot.redis().<Long>call(c -> c.llen("gb:route:wecom-bot:heping:lisi")).await() == 0),
        "the used response_url is gone");
  }

  @Test
  void verifiesAGenericRoundTripWithASignedReply() throws Exception {
    String body = "{\"id\":\"gen-it-1\",\"from\":\"kiosk-1\",\"text\":\"你好\"}";
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String sig = HexFormat.of().formatHex(hmac(GEN_SECRET.getBytes(StandardCharsets.UTF_8),
        (ts + "\n" + body).getBytes(StandardCharsets.UTF_8)));
    assertEquals(200, h.post("/webhooks/generic/kiosk", "application/json", body,
        Map.of("X-GridBot-Timestamp", ts, "X-GridBot-Signature", sig)).statusCode());
    assertTrue(eventually(Duration.ofSeconds(15), () -> generic.calls("reply").size() == 1));
    assertEquals("kiosk-1", generic.calls("reply").get(0).body().getString("conversation"));
  }

  static void push(String group, String text, List<Person> mentions) {
    String[] f = cn.gridbot.bot.outbound.Outbox.fields(
        new Outgoing.GroupPush(group, text, mentions, Outgoing.Lane.INTERACTIVE), null);
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (int i = 0; i < f.length; i += 2) {
      fields.put(f[i], f[i + 1]);
    }
    h.bot.redis().<String>call(c -> c.xadd("gb:outbox:interactive", fields)).await();
  }

  @Test
  void verifiesSignedGroupPushesWithMentionsSplittingRetriesAndDeadLetters() throws Exception {
    push("grid:it-dt", "3号楼漏水，请处理", List.of(new Person("王网格员", "13800000001")));
    assertTrue(eventually(Duration.ofSeconds(15), () -> ding.calls("robot").size() == 1));
    JsonObject dt = ding.calls("robot").get(0).body();
    assertEquals("13800000001", dt.getJsonObject("at").getJsonArray("atMobiles").getString(0));
    assertTrue(dt.getJsonObject("text").getString("content").contains("@13800000001"));

    feishu.rateLimitNext.set(1);
    push("grid:it-fs", "飞书群通知", List.of(new Person("李", null)));
    assertTrue(eventually(Duration.ofSeconds(15), () -> feishu.calls("robot").size() == 1), "retried after 11232");
    assertEquals(0, feishu.rateLimitNext.get());
    assertTrue(feishu.calls("robot").get(0).body().getJsonObject("content").getString("text").contains("@李"));

    wecom.rateLimitNext.set(1);
    push("grid:it-wc", "长通知\n" + "楼道堆物请清理。".repeat(200), List.of(new Person("赵", "13900000002")));
    assertTrue(eventually(Duration.ofSeconds(20), () -> {
      var sent = wecom.calls("robot");
      return sent.size() >= 2
          && sent.get(sent.size() - 1).body().getJsonObject("text").getString("content").endsWith("/" + sent.size() + "）");
    }), "retried after 45009, then split into parts");
    var parts = wecom.calls("robot");
    assertEquals(List.of("13900000002"), parts.get(0).body().getJsonObject("text").getJsonArray("mentioned_mobile_list").getList());
    assertTrue(parts.get(parts.size() - 1).body().getJsonObject("text").getString("content").endsWith("/" + parts.size() + "）"));

    push("grid:it-wc-bad", "发到已删除的机器人", List.of());
    assertTrue(eventually(Duration.ofSeconds(10), () -> deadWith("发到已删除的机器人") != null));
    assertEquals(1L, deadWith("发到已删除的机器人").getLong("attempts"), "a permanent error is parked at once, not retried");
  }

  @Test
  void verifiesAWeComMarkdownRobotGetsMarkdownThenTheMentions() throws Exception {
    push("grid:it-wc-md", "【新工单 #A2001】P2 楼宇设施\n地点：和平小区3号楼", List.of(new Person("张伟", "13800000102")));
    assertTrue(eventually(Duration.ofSeconds(15), () -> wecom.calls("robot").stream()
        .anyMatch(c -> "markdown".equals(c.body().getString("msgtype"))
            && c.body().getJsonObject("markdown").getString("content").startsWith("**【新工单 #A2001】"))));
    assertTrue(eventually(Duration.ofSeconds(10), () -> wecom.calls("robot").stream()
        .anyMatch(c -> "text".equals(c.body().getString("msgtype"))
            && c.body().getJsonObject("text").getJsonArray("mentioned_mobile_list", new io.vertx.core.json.JsonArray())
                .contains("13800000102"))), "markdown cannot @ by mobile: a text with the mentions follows");
    // The robot stub is shared with the other tests of this class, which count its calls.
    wecom.calls.removeIf(c -> "markdown".equals(c.body().getString("msgtype"))
        || c.body().getJsonObject("text", new JsonObject()).getString("content", "").equals("请查看上一条消息 ↑"));
  }

  @Test
  void verifiesThatAnUnreachableRobotIsRetriedUntilMaxAttemptsNotParkedAtOnce() throws Exception {
    push("grid:it-down", "网络不通时的通知", List.of());
    assertTrue(eventually(Duration.ofSeconds(30), () -> deadWith("网络不通时的通知") != null));
    JsonObject dead = deadWith("网络不通时的通知");
    assertTrue(dead.getLong("attempts") > 1, "network errors are retried: " + dead);
  }

  @Test
  void verifiesThatTheRobotLimiterReservesWholeMessagesAcrossInstances() {
    RobotRateLimiter one = new RobotRateLimiter(h.bot.redis(), 0.75);
    RobotRateLimiter two = new RobotRateLimiter(h.bot.redis(), 0.75);
    var lane = Outgoing.Lane.INTERACTIVE;
    String hook = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=limit-test";
    one.reserve("wecom", hook, 2, 5, lane).await();
    two.reserve("wecom", hook, 3, 5, lane).await();
    var full = assertThrows(RuntimeException.class, () -> one.reserve("wecom", hook, 1, 5, lane).await());
    assertTrue(full instanceof cn.gridbot.bot.outbound.RetryableSendFailure, full.toString());
    one.reserve("wecom", hook + "-other-robot", 5, 5, lane).await();
    var tooBig = assertThrows(RuntimeException.class, () -> one.reserve("wecom", hook, 6, 5, lane).await());
    assertTrue(tooBig instanceof cn.gridbot.bot.outbound.PermanentSendFailure, tooBig.toString());
    assertTrue(keys("gb:ratelimit:wecom:*").size() >= 2);
    assertTrue(keys("gb:ratelimit:*limit-test*").isEmpty(), "the key never shows the robot URL");
  }

  /** The dead-letter record whose message contains the text, or null. */
  static JsonObject deadWith(String text) {
    return h.bot.redis().<List<String>>call(c -> c.lrange("gb:outbox:dead", 0, -1)).await().stream()
        .filter(r -> r.contains(text)).findFirst().map(JsonObject::new).orElse(null);
  }
}
