package cn.gridbot.bot.platform;

import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.config.Secret;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builders of webhook requests and channels for adapter tests, plus independent signers. */
public final class Fixtures {
  private Fixtures() {}

  public static ChannelsConfig.Channel channel(String platform, String id, Map<String, String> values,
      Map<String, String> secrets) {
    Map<String, Secret> s = new HashMap<>();
    secrets.forEach((k, v) -> s.put(k, new Secret("GRIDBOT_TEST_" + k.toUpperCase(), v)));
    return new ChannelsConfig.Channel(platform, id, values, s);
  }

  public static final class Req {
    public HttpMethod method = HttpMethod.POST;
    public String channel = "heping";
    public final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    public final MultiMap query = MultiMap.caseInsensitiveMultiMap();
    public byte[] body = new byte[0];
    public Instant at = Instant.now();

    public Req get() {
      method = HttpMethod.GET;
      return this;
    }

    public Req type(String ct) {
      headers.set("Content-Type", ct);
      return this;
    }

    public Req header(String k, String v) {
      headers.set(k, v);
      return this;
    }

    public Req q(String k, String v) {
      query.set(k, v);
      return this;
    }

    public Req body(String b) {
      body = b.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    public Req channel(String c) {
      channel = c;
      return this;
    }

    public cn.gridbot.bot.http.WebhookRequest build() {
      return new cn.gridbot.bot.http.WebhookRequest(method, channel, headers, query, Buffer.buffer(body), at);
    }
  }

  public static Req req() {
    return new Req();
  }

  public static int status(WebhookAdapter a, Req r) {
    return assertThrows(HttpFailure.class, () -> a.parse(r.build())).status();
  }

  // Independent implementations of the platforms' signatures (not the production Signatures class).

  public static String sha1Sorted(String... parts) throws Exception {
    String[] p = parts.clone();
    Arrays.sort(p);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(String.join("", p).getBytes(StandardCharsets.UTF_8)));
  }

  public static byte[] hmac(String key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  public static String dingSign(String secret, String ts) throws Exception {
    return java.util.Base64.getEncoder().encodeToString(hmac(secret, ts + "\n" + secret));
  }

  public static String larkSign(String ts, String nonce, String key, String body) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(md.digest((ts + nonce + key + body).getBytes(StandardCharsets.UTF_8)));
  }

  public static String genericSign(String secret, String ts, String body) throws Exception {
    return HexFormat.of().formatHex(hmac(secret, ts + "\n" + body));
  }
}
