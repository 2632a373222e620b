package cn.gridbot.bot.platform.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PaddingAndRoundTripTest {
  static final SecureRandom RANDOM = new SecureRandom();
  static final String ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  static String randomKey() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 42; i++) {
      sb.append(ALPHANUM.charAt(RANDOM.nextInt(ALPHANUM.length())));
    }
    // The 43rd character carries 2 bits of the last key byte plus 4 unused bits; Base64 decoders
    // differ on non-zero unused bits, so, like real keys, pick one whose unused bits are zero.
    return sb.append("AQgw".charAt(RANDOM.nextInt(4))).toString();
  }

  static byte[] rawDecrypt(String keyB64, String enc) throws Exception {
    byte[] key = Base64.getDecoder().decode(keyB64 + "=");
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return c.doFinal(Base64.getDecoder().decode(enc));
  }

  @Test
  void verifiesThatRandomKeysAndLengthsRoundTrip() throws Exception {
    for (int i = 0; i < 200; i++) {
      String key = randomKey();
      WxCrypt c = WxCrypt.fromEncodingAesKey(key);
      String msg = "消息".repeat(RANDOM.nextInt(50)) + "x".repeat(RANDOM.nextInt(70));
      String rid = RANDOM.nextBoolean() ? "" : "ww" + RANDOM.nextInt(1_000_000);
      String enc = c.encrypt(msg, rid);
      assertEquals(msg, c.decrypt(enc, rid));
      assertEquals(0, Base64.getDecoder().decode(enc).length % 32, "padded to 32-byte blocks");
    }
  }

  @Test
  void verifiesThatAnExactMultipleOf32GetsAFullBlockOfPad32() throws Exception {
    String key = randomKey();
    WxCrypt c = WxCrypt.fromEncodingAesKey(key);
    String rid = "wx0123456789abcdef"; // 18 bytes
    for (int total : new int[] {64, 96, 128}) {
      String msg = "m".repeat(total - 20 - rid.length());
      String enc = c.encrypt(msg, rid);
      byte[] plain = rawDecrypt(key, enc);
      assertEquals(total + 32, plain.length);
      for (int i = total; i < plain.length; i++) {
        assertEquals(32, plain[i]);
      }
      assertEquals(msg, c.decrypt(enc, rid));
    }
  }

  @Test
  void verifiesThatPadsAbove16DecryptWhereJavaPkcs5WouldFail() throws Exception {
    String key = randomKey();
    WxCrypt c = WxCrypt.fromEncodingAesKey(key);
    // 20 + len bytes with len 12..27 gives pads 32 down to 17
    for (int len = 12; len <= 27; len++) {
      String enc = c.encrypt("a".repeat(len), "");
      int pad = 32 - (20 + len) % 32;
      assertTrue(pad > 16);
      assertEquals("a".repeat(len), c.decrypt(enc, ""));
      Cipher pkcs5 = Cipher.getInstance("AES/CBC/PKCS5Padding");
      byte[] k = Base64.getDecoder().decode(key + "=");
      pkcs5.init(Cipher.DECRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(k, 0, 16));
      assertThrows(javax.crypto.BadPaddingException.class, () -> pkcs5.doFinal(Base64.getDecoder().decode(enc)),
          "javax PKCS5Padding rejects a valid pad of " + pad);
    }
  }

  @Test
  void verifiesThatBadPaddingLengthAndReceiveIdAreRejected() throws Exception {
    String key = randomKey();
    WxCrypt c = WxCrypt.fromEncodingAesKey(key);
    byte[] k = Base64.getDecoder().decode(key + "=");
    Cipher enc = Cipher.getInstance("AES/CBC/NoPadding");
    enc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"), new IvParameterSpec(k, 0, 16));
    byte[] block = new byte[32];
    block[31] = 33; // pad > 32
    String bad = Base64.getEncoder().encodeToString(enc.doFinal(block));
    assertThrows(WxCrypt.CryptoException.class, () -> c.decrypt(bad, ""));
    byte[] zero = new byte[32];
    String zeroPad = Base64.getEncoder().encodeToString(enc.doFinal(zero));
    assertThrows(WxCrypt.CryptoException.class, () -> c.decrypt(zeroPad, ""));
    byte[] hugeLen = new byte[64];
    hugeLen[16] = 0x7f;
    hugeLen[63] = 10;
    assertThrows(WxCrypt.CryptoException.class, () -> c.decrypt(Base64.getEncoder().encodeToString(enc.doFinal(hugeLen)), ""));
    assertThrows(WxCrypt.CryptoException.class, () -> c.decrypt("not base64!!", ""));
    assertThrows(WxCrypt.CryptoException.class, () -> c.decrypt("AAAA", ""));
    String ok = c.encrypt("hi", "corp-a");
    assertThrows(WxCrypt.CryptoException.class, () -> c.decrypt(ok, "corp-b"));
    assertThrows(IllegalArgumentException.class, () -> WxCrypt.fromEncodingAesKey("short"));
    assertFalse(c.toString().contains(key));
  }

  @Test
  void verifiesFeishuRoundTripAndStrictPadding() throws Exception {
    for (int i = 0; i < 50; i++) {
      FeishuCrypt f = new FeishuCrypt("k" + RANDOM.nextLong());
      String msg = "{\"a\":\"" + "飞".repeat(RANDOM.nextInt(40)) + "\"}";
      assertEquals(msg, f.decrypt(f.encrypt(msg)));
    }
    FeishuCrypt f = new FeishuCrypt("test key");
    byte[] buf = Base64.getDecoder().decode(f.encrypt("0123456789abcdef")); // 16 bytes -> a full block of 16
    assertEquals(48, buf.length);
    assertThrows(WxCrypt.CryptoException.class, () -> new FeishuCrypt("other key")
        .decrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="));
    assertEquals("hello world", f.decrypt("P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk="));
    assertEquals(new String("x".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), f.decrypt(f.encrypt("x")));
  }

  @Test
  void verifiesConstantTimeMatchSemantics() {
    assertTrue(Signatures.matches("abc", "abc"));
    assertFalse(Signatures.matches("abc", "abd"));
    assertFalse(Signatures.matches("abc", null));
    assertFalse(Signatures.matches("abc", "abcd"));
  }
}
