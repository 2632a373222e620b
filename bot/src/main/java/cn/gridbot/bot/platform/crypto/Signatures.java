package cn.gridbot.bot.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature schemes of the chat platforms, each named after where it is used. Pure functions;
 * compare with {@link #matches}, never with {@code equals}.
 */
public final class Signatures {
  private static final HexFormat HEX = HexFormat.of();

  private Signatures() {}

  /** WeCom / WeChat: lowercase hex of SHA-1 over the parts sorted lexicographically and joined. */
  public static String wxSha1(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    return HEX.formatHex(digest("SHA-1", String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
  }

  /** DingTalk (robot callback and custom robot): Base64(HMAC-SHA256(secret, ts + "\n" + secret)). */
  public static String dingTalk(String secret, String timestampMillis) {
    return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
        (timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  /** Feishu custom bot: Base64(HMAC-SHA256(key = ts + "\n" + secret, data = empty)). */
  public static String feishuBot(String secret, String timestampSeconds) {
    return Base64.getEncoder().encodeToString(
        hmac((timestampSeconds + "\n" + secret).getBytes(StandardCharsets.UTF_8), new byte[0]));
  }

  /** Feishu events: hex(SHA-256((ts + nonce + encryptKey) ‖ raw body)), plain SHA-256, not HMAC. */
  public static String feishuEvent(String timestamp, String nonce, String encryptKey, byte[] body) {
    MessageDigest md = sha256();
    md.update((timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8));
    md.update(body);
    return HEX.formatHex(md.digest());
  }

  /** GridBot's generic protocol: hex(HMAC-SHA256(secret, ts + "\n" + raw body)). */
  public static String generic(String secret, String timestampSeconds, byte[] body) {
    byte[] prefix = (timestampSeconds + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] data = Arrays.copyOf(prefix, prefix.length + body.length);
    System.arraycopy(body, 0, data, prefix.length, body.length);
    return HEX.formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), data));
  }

  /** Constant-time comparison of a received signature with the expected one; null never matches. */
  public static boolean matches(String expected, String received) {
    if (expected == null || received == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        received.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " unavailable", e);
    }
  }
}
