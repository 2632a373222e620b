package cn.gridbot.bot.platform;

import static cn.gridbot.bot.platform.Fixtures.channel;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.platform.dingtalk.DingTalkAdapter;
import cn.gridbot.bot.platform.feishu.FeishuAdapter;
import cn.gridbot.bot.platform.generic.GenericAdapter;
import cn.gridbot.bot.platform.sandbox.SandboxAdapter;
import cn.gridbot.bot.platform.wechatmp.WeChatMpAdapter;
import cn.gridbot.bot.platform.wecom.WeComAdapter;
import cn.gridbot.bot.platform.wecom.WeComBotAdapter;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The eight webhook targets of the fuzzer (sandbox, WeChat MP plaintext and safe mode, WeCom app,
 * WeCom 智能机器人, DingTalk, Feishu, generic): their secrets, a {@code channels.yaml} that configures
 * them in a real bot, and how a genuine request is signed and encrypted, written independently of the
 * production crypto. Each target signs a plaintext payload it also knows how to build.
 */
public final class FuzzTargets {
  private FuzzTargets() {}

  // Secrets: distinctive strings so that the log test can search for them.
  public static final String MP_TOKEN = "fzMpToken7Q2";
  public static final String MP_AES = "fzMpAesKey0123456789abcdefghijklmnopqrstuvw";
  public static final String MP_APPID = "wxfuzz000000000001";
  public static final String WC_TOKEN = "fzWcToken9K4";
  public static final String WC_AES = "fzWcAesKey0123456789abcdefghijklmnopqrstuvw";
  public static final String WC_CORP = "wwfuzzcorp";
  public static final String WB_TOKEN = "fzWbToken3M8";
  public static final String WB_AES = "fzWbAesKey0123456789abcdefghijklmnopqrstuvw";
  public static final String DT_SECRET = "fzDingSecret5T1";
  public static final String FS_KEY = "fzFeishuEncryptKey6H3";
  public static final String FS_VTOKEN = "fzFeishuVToken2P9";
  public static final String GEN_SECRET = "fzGenericSecret8N5";
  public static final String ROBOT_KEY = "fzRobotKey4W7";
  public static final String ROBOT_SECRET = "SECfzRobotSecret1X6";
  public static final String SESSION = "fzSessionSecret2Z8";
  public static final String RESPONSE_CODE = "fzResponseCode5J2";
  /** Where the bot's replies and pushes go in the HTTP tests: a closed port, nothing leaves the machine. */
  public static final String NOWHERE = "http://127.0.0.1:9";

  /** Every secret above, for the log test. */
  public static final List<String> SECRETS = List.of(MP_TOKEN, MP_AES, WC_TOKEN, WC_AES, WB_TOKEN, WB_AES,
      DT_SECRET, FS_KEY, FS_VTOKEN, GEN_SECRET, ROBOT_KEY, ROBOT_SECRET, SESSION, RESPONSE_CODE);

  /** The environment that {@link #CHANNELS_YAML} names. */
  public static final Map<String, String> ENV = Map.ofEntries(
      Map.entry("FZ_MP_TOKEN", MP_TOKEN), Map.entry("FZ_MP_AES", MP_AES),
      Map.entry("FZ_MPP_TOKEN", MP_TOKEN), Map.entry("FZ_WC_TOKEN", WC_TOKEN), Map.entry("FZ_WC_AES", WC_AES),
      Map.entry("FZ_WB_TOKEN", WB_TOKEN), Map.entry("FZ_WB_AES", WB_AES), Map.entry("FZ_DT_SECRET", DT_SECRET),
      Map.entry("FZ_FS_KEY", FS_KEY), Map.entry("FZ_FS_VTOKEN", FS_VTOKEN), Map.entry("FZ_GEN_SECRET", GEN_SECRET),
      Map.entry("FZ_ROBOT_HOOK", NOWHERE + "/cgi-bin/webhook/send?key=" + ROBOT_KEY),
      Map.entry("FZ_DROBOT_HOOK", NOWHERE + "/robot/send?access_token=" + ROBOT_KEY + "D"),
      Map.entry("FZ_DROBOT_SECRET", ROBOT_SECRET));

  public static final String CHANNELS_YAML = """
      channels:
        wechat-mp:
          safe: {app_id: %s, token_env: FZ_MP_TOKEN, aes_key_env: FZ_MP_AES}
          plain: {app_id: %s, token_env: FZ_MPP_TOKEN}
        wecom:
          heping: {corp_id: %s, agent_id: "1000002", token_env: FZ_WC_TOKEN, aes_key_env: FZ_WC_AES}
        wecom-bot:
          heping: {token_env: FZ_WB_TOKEN, aes_key_env: FZ_WB_AES, api_base: "%s"}
        dingtalk:
          heping: {app_secret_env: FZ_DT_SECRET, api_base: "%s"}
        feishu:
          heping: {verification_token_env: FZ_FS_VTOKEN, encrypt_key_env: FZ_FS_KEY}
        generic:
          kiosk: {secret_env: FZ_GEN_SECRET}
      groups:
        "grid:heping-01": {platform: wecom, webhook_env: FZ_ROBOT_HOOK}
        "grid:heping-02": {platform: dingtalk, webhook_env: FZ_DROBOT_HOOK, secret_env: FZ_DROBOT_SECRET}
      """.formatted(MP_APPID, MP_APPID, WC_CORP, NOWHERE, NOWHERE);

  /** One webhook target. */
  public abstract static class Target {
    final String name;
    final String platform;
    final String channel;

    Target(String name, String platform, String channel) {
      this.name = name;
      this.platform = platform;
      this.channel = channel;
    }

    public String name() {
      return name;
    }

    public String path() {
      return "/webhooks/" + platform + "/" + channel;
    }

    /** A new adapter configured like {@link #CHANNELS_YAML}. */
    public abstract WebhookAdapter adapter();

    /** True when the payload is JSON (else XML). */
    abstract boolean json();

    /** The plaintext payload of a genuine text message. */
    abstract String payload(String id, String from, String text);

    /** A genuine request carrying {@code payload} (encrypted as the platform does), with timestamp {@code ts}. */
    abstract Fixtures.Req sign(byte[] payload, String ts) throws Exception;

    /** The timestamp of now in the platform's unit. */
    String now(long epochMillis) {
      return Long.toString(epochMillis / 1000);
    }

    /** A timestamp outside the window: {@code byMillis} beyond it, either side. */
    String stale(long epochMillis, long byMillis, boolean past) {
      long t = past ? epochMillis - windowMillis() - byMillis : epochMillis + windowMillis() + byMillis;
      return now(t);
    }

    abstract long windowMillis();

    /** Whether the request is authenticated at all (the sandbox is not). */
    boolean authenticated() {
      return true;
    }

    /** Whether the signature covers the raw body bytes (so any change of them is a forgery). */
    abstract boolean bodySigned();

    /** Breaks the request's authentication (signature, signing key or the header itself). */
    abstract void forge(Fixtures.Req r, Random rnd);

    /** Content types the adapter takes. */
    abstract Set<String> types();

    /** The signed request around a ciphertext of our choosing (encrypted targets), else null. */
    Fixtures.Req signCipher(String cipher, String ts) throws Exception {
      return null;
    }
  }

  public static List<Target> all() {
    return List.of(new Sandbox(), new Generic(), new DingTalk(), new MpPlain(), new MpSafe(), new WeCom(),
        new WeComBot(), new Feishu());
  }

  // ---- JSON / XML payloads

  static String xmlText(String id, String from, String text, String extra) {
    return "<xml><ToUserName><![CDATA[gh_fuzz]]></ToUserName><FromUserName><![CDATA[" + from
        + "]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA["
        + text + "]]></Content><MsgId>" + id + "</MsgId>" + extra + "</xml>";
  }

  static String hex(int n, Random r) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  // ---- independent crypto

  /** WXBizMsgCrypt over raw bytes: AES-256-CBC, IV = key[0..16), PKCS#7 to 32-byte blocks. */
  static String wxEncrypt(String encodingAesKey, byte[] msg, String receiveId) throws Exception {
    byte[] key = Base64.getDecoder().decode(encodingAesKey + "=");
    byte[] rid = receiveId.getBytes(StandardCharsets.UTF_8);
    int unpadded = 20 + msg.length + rid.length;
    int pad = 32 - unpadded % 32;
    ByteBuffer buf = ByteBuffer.allocate(unpadded + pad);
    buf.put(new byte[16]).putInt(msg.length).put(msg).put(rid);
    for (int i = 0; i < pad; i++) {
      buf.put((byte) pad);
    }
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return Base64.getEncoder().encodeToString(c.doFinal(buf.array()));
  }

  /** Feishu: key = SHA-256(encrypt key), base64(iv ‖ AES-256-CBC/PKCS#7-16(plain)). */
  static String feishuEncrypt(String encryptKey, byte[] plain) throws Exception {
    byte[] key = MessageDigest.getInstance("SHA-256").digest(encryptKey.getBytes(StandardCharsets.UTF_8));
    int pad = 16 - plain.length % 16;
    byte[] padded = Arrays.copyOf(plain, plain.length + pad);
    Arrays.fill(padded, plain.length, padded.length, (byte) pad);
    byte[] iv = new byte[16];
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
    byte[] ct = c.doFinal(padded);
    byte[] out = Arrays.copyOf(iv, 16 + ct.length);
    System.arraycopy(ct, 0, out, 16, ct.length);
    return Base64.getEncoder().encodeToString(out);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  // ---- the targets

  static final class Sandbox extends Target {
    Sandbox() {
      super("sandbox", "sandbox", "demo");
    }

    @Override
    public WebhookAdapter adapter() {
      return new SandboxAdapter();
    }

    @Override
    boolean json() {
      return true;
    }

    @Override
    String payload(String id, String from, String text) {
      return new JsonObject().put("from", from).put("text", text).put("id", id).encode();
    }

    @Override
    Fixtures.Req sign(byte[] payload, String ts) {
      Fixtures.Req r = Fixtures.req().channel(channel).type("application/json");
      r.body = payload;
      return r;
    }

    @Override
    long windowMillis() {
      return Long.MAX_VALUE / 4;
    }

    @Override
    boolean authenticated() {
      return false;
    }

    @Override
    boolean bodySigned() {
      return false;
    }

    @Override
    void forge(Fixtures.Req r, Random rnd) {}

    @Override
    Set<String> types() {
      return Set.of("application/json");
    }
  }

  static final class Generic extends Target {
    Generic() {
      super("generic", "generic", "kiosk");
    }

    @Override
    public WebhookAdapter adapter() {
      return new GenericAdapter(Map.of(channel, channel("generic", channel, Map.of(), Map.of("secret", GEN_SECRET))));
    }

    @Override
    boolean json() {
      return true;
    }

    @Override
    String payload(String id, String from, String text) {
      return new JsonObject().put("id", id).put("from", from).put("text", text).encode();
    }

    @Override
    Fixtures.Req sign(byte[] payload, String ts) throws Exception {
      Fixtures.Req r = Fixtures.req().channel(channel).type("application/json").header("X-GridBot-Timestamp", ts)
          .header("X-GridBot-Signature", HexFormat.of().formatHex(hmacBytes(GEN_SECRET, (ts + "\n").getBytes(
              StandardCharsets.UTF_8), payload)));
      r.body = payload;
      return r;
    }

    @Override
    long windowMillis() {
      return 300_000;
    }

    @Override
    boolean bodySigned() {
      return true;
    }

    @Override
    void forge(Fixtures.Req r, Random rnd) {
      switch (rnd.nextInt(4)) {
        case 0 -> r.header("X-GridBot-Signature", hex(32, rnd));
        case 1 -> r.headers.remove("X-GridBot-Signature");
        case 2 -> r.header("X-GridBot-Signature", flip(r.headers.get("X-GridBot-Signature"), rnd));
        default -> r.header("X-GridBot-Signature", "");
      }
    }

    @Override
    Set<String> types() {
      return Set.of("application/json");
    }
  }

  static final class DingTalk extends Target {
    DingTalk() {
      super("dingtalk", "dingtalk", "heping");
    }

    @Override
    public WebhookAdapter adapter() {
      return new DingTalkAdapter(Map.of(channel, channel("dingtalk", channel, Map.of(), Map.of("app_secret", DT_SECRET))),
          Map.of());
    }

    @Override
    boolean json() {
      return true;
    }

    @Override
    String payload(String id, String from, String text) {
      return new JsonObject().put("conversationId", "cid" + from).put("msgId", id).put("senderNick", "居民")
          .put("senderStaffId", from).put("conversationType", "1").put("msgtype", "text")
          .put("text", new JsonObject().put("content", text))
          .put("sessionWebhook", NOWHERE + "/robot/sendBySession?session=" + SESSION)
          .put("sessionWebhookExpiredTime", System.currentTimeMillis() + 3_600_000L).encode();
    }

    @Override
    Fixtures.Req sign(byte[] payload, String ts) throws Exception {
      Fixtures.Req r = Fixtures.req().channel(channel).type("application/json; charset=utf-8").header("timestamp", ts)
          .header("sign", Fixtures.dingSign(DT_SECRET, ts));
      r.body = payload;
      return r;
    }

    @Override
    String now(long epochMillis) {
      return Long.toString(epochMillis);
    }

    @Override
    long windowMillis() {
      return 3_600_000;
    }

    @Override
    boolean bodySigned() {
      return false;
    }

    @Override
    void forge(Fixtures.Req r, Random rnd) {
      try {
        switch (rnd.nextInt(4)) {
          case 0 -> r.header("sign", Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex(32, rnd))));
          case 1 -> r.headers.remove("sign");
          case 2 -> r.header("sign", Fixtures.dingSign("not the secret", r.headers.get("timestamp")));
          default -> r.header("sign", flip(r.headers.get("sign"), rnd));
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    Set<String> types() {
      return Set.of("application/json");
    }
  }

  static final class MpPlain extends Target {
    MpPlain() {
      super("wechat-mp-plain", "wechat-mp", "plain");
    }

    @Override
    public WebhookAdapter adapter() {
      return new WeChatMpAdapter(mpChannels());
    }

    @Override
    boolean json() {
      return false;
    }

    @Override
    String payload(String id, String from, String text) {
      return xmlText(id, from, text, "");
    }

    @Override
    Fixtures.Req sign(byte[] payload, String ts) throws Exception {
      Fixtures.Req r = Fixtures.req().channel(channel).type("text/xml").q("timestamp", ts).q("nonce", "fznonce")
          .q("signature", Fixtures.sha1Sorted(MP_TOKEN, ts, "fznonce")).q("openid", "oFUZZ");
      r.body = payload;
      return r;
    }

    @Override
    long windowMillis() {
      return 3_600_000;
    }

    @Override
    boolean bodySigned() {
      return false;
    }

    @Override
    void forge(Fixtures.Req r, Random rnd) {
      wxForge(r, "signature", rnd);
    }

    @Override
    Set<String> types() {
      return Set.of("text/xml", "application/xml");
    }
  }

  static Map<String, ChannelsConfig.Channel> mpChannels() {
    return Map.of(
        "safe", channel("wechat-mp", "safe", Map.of("app_id", MP_APPID), Map.of("token", MP_TOKEN, "aes_key", MP_AES)),
        "plain", channel("wechat-mp", "plain", Map.of("app_id", MP_APPID), Map.of("token", MP_TOKEN)));
  }

  static void wxForge(Fixtures.Req r, String param, Random rnd) {
    switch (rnd.nextInt(4)) {
      case 0 -> r.q(param, hex(20, rnd));
      case 1 -> r.query.remove(param);
      case 2 -> r.q(param, flip(r.query.get(param), rnd));
      default -> r.q("nonce", r.query.get("nonce") + "x");
    }
  }

  abstract static class WxEncrypted extends Target {
    final String token;
    final String aes;
    final String receiveId;

    WxEncrypted(String name, String platform, String channel, String token, String aes, String receiveId) {
      super(name, platform, channel);
      this.token = token;
      this.aes = aes;
      this.receiveId = receiveId;
    }

    abstract String envelope(String cipher);

    abstract Fixtures.Req base();

    @Override
    Fixtures.Req sign(byte[] payload, String ts) throws Exception {
      return signCipher(wxEncrypt(aes, payload, receiveId), ts);
    }

    @Override
    Fixtures.Req signCipher(String cipher, String ts) throws Exception {
      return base().q("timestamp", ts).q("nonce", "fznonce").q("msg_signature", Fixtures.sha1Sorted(token, ts, "fznonce", cipher))
          .body(envelope(cipher));
    }

    @Override
    long windowMillis() {
      return 3_600_000;
    }

    @Override
    boolean bodySigned() {
      return false;
    }

    @Override
    void forge(Fixtures.Req r, Random rnd) {
      wxForge(r, "msg_signature", rnd);
    }
  }

  static final class MpSafe extends WxEncrypted {
    MpSafe() {
      super("wechat-mp-safe", "wechat-mp", "safe", MP_TOKEN, MP_AES, MP_APPID);
    }

    @Override
    public WebhookAdapter adapter() {
      return new WeChatMpAdapter(mpChannels());
    }

    @Override
    boolean json() {
      return false;
    }

    @Override
    String payload(String id, String from, String text) {
      return xmlText(id, from, text, "");
    }

    @Override
    String envelope(String cipher) {
      return "<xml><ToUserName><![CDATA[gh_fuzz]]></ToUserName><Encrypt><![CDATA[" + cipher + "]]></Encrypt></xml>";
    }

    @Override
    Fixtures.Req base() {
      return Fixtures.req().channel(channel).type("text/xml").q("encrypt_type", "aes");
    }

    @Override
    Set<String> types() {
      return Set.of("text/xml", "application/xml");
    }
  }

  static final class WeCom extends WxEncrypted {
    WeCom() {
      super("wecom", "wecom", "heping", WC_TOKEN, WC_AES, WC_CORP);
    }

    @Override
    public WebhookAdapter adapter() {
      return new WeComAdapter(Map.of(channel, channel("wecom", channel, Map.of("corp_id", WC_CORP, "agent_id", "1000002"),
          Map.of("token", WC_TOKEN, "aes_key", WC_AES))));
    }

    @Override
    boolean json() {
      return false;
    }

    @Override
    String payload(String id, String from, String text) {
      return xmlText(id, from, text, "<AgentID>1000002</AgentID>");
    }

    @Override
    String envelope(String cipher) {
      return "<xml><ToUserName><![CDATA[" + WC_CORP + "]]></ToUserName><Encrypt><![CDATA[" + cipher
          + "]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
    }

    @Override
    Fixtures.Req base() {
      return Fixtures.req().channel(channel).type("text/xml");
    }

    @Override
    Set<String> types() {
      return Set.of("text/xml", "application/xml");
    }
  }

  static final class WeComBot extends WxEncrypted {
    WeComBot() {
      super("wecom-bot", "wecom-bot", "heping", WB_TOKEN, WB_AES, "");
    }

    @Override
    public WebhookAdapter adapter() {
      return new WeComBotAdapter(Map.of(channel, channel("wecom-bot", channel, Map.of(),
          Map.of("token", WB_TOKEN, "aes_key", WB_AES))), Map.of());
    }

    @Override
    boolean json() {
      return true;
    }

    @Override
    String payload(String id, String from, String text) {
      return new JsonObject().put("msgid", id).put("aibotid", "AIBOT").put("chattype", "single")
          .put("response_url", NOWHERE + "/cgi-bin/aibot/response?response_code=" + RESPONSE_CODE)
          .put("from", new JsonObject().put("userid", from)).put("msgtype", "text")
          .put("text", new JsonObject().put("content", text)).encode();
    }

    @Override
    String envelope(String cipher) {
      return new JsonObject().put("encrypt", cipher).encode();
    }

    @Override
    Fixtures.Req base() {
      return Fixtures.req().channel(channel).type("application/json");
    }

    @Override
    Set<String> types() {
      return Set.of("application/json", "text/json");
    }
  }

  static final class Feishu extends Target {
    Feishu() {
      super("feishu", "feishu", "heping");
    }

    @Override
    public WebhookAdapter adapter() {
      return new FeishuAdapter(Map.of(channel, channel("feishu", channel, Map.of(),
          Map.of("verification_token", FS_VTOKEN, "encrypt_key", FS_KEY))), Map.of());
    }

    @Override
    boolean json() {
      return true;
    }

    @Override
    String payload(String id, String from, String text) {
      JsonObject message = new JsonObject().put("message_id", "om_" + id).put("chat_id", "oc_" + from)
          .put("chat_type", "p2p").put("message_type", "text")
          .put("content", new JsonObject().put("text", text).encode());
      return new JsonObject().put("schema", "2.0")
          .put("header", new JsonObject().put("event_id", id).put("event_type", "im.message.receive_v1")
              .put("token", FS_VTOKEN).put("app_id", "cli_fuzz"))
          .put("event", new JsonObject().put("sender", new JsonObject().put("sender_type", "user")
              .put("sender_id", new JsonObject().put("open_id", "ou_" + from))).put("message", message)).encode();
    }

    @Override
    Fixtures.Req sign(byte[] payload, String ts) throws Exception {
      return signCipher(feishuEncrypt(FS_KEY, payload), ts);
    }

    @Override
    Fixtures.Req signCipher(String cipher, String ts) throws Exception {
      String body = new JsonObject().put("encrypt", cipher).encode();
      return Fixtures.req().channel(channel).type("application/json").header("X-Lark-Request-Timestamp", ts)
          .header("X-Lark-Request-Nonce", "fznonce").header("X-Lark-Signature", Fixtures.larkSign(ts, "fznonce", FS_KEY, body))
          .body(body);
    }

    @Override
    long windowMillis() {
      return 8 * 3_600_000L;
    }

    @Override
    boolean bodySigned() {
      return true;
    }

    @Override
    void forge(Fixtures.Req r, Random rnd) {
      switch (rnd.nextInt(4)) {
        case 0 -> r.header("X-Lark-Signature", hex(32, rnd));
        case 1 -> r.headers.remove("X-Lark-Signature");
        case 2 -> r.header("X-Lark-Signature", flip(r.headers.get("X-Lark-Signature"), rnd));
        default -> r.header("X-Lark-Request-Nonce", "other");
      }
    }

    @Override
    Set<String> types() {
      return Set.of("application/json");
    }
  }

  static byte[] hmacBytes(String key, byte[] a, byte[] b) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(a);
    return mac.doFinal(b);
  }

  /** The string with one character changed (never the same string). */
  static String flip(String s, Random rnd) {
    if (s == null || s.isEmpty()) {
      return "0";
    }
    char[] c = s.toCharArray();
    int i = rnd.nextInt(c.length);
    c[i] = c[i] == 'a' ? 'b' : 'a';
    return new String(c);
  }
}
