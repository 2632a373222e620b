package cn.gridbot.bot.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu event encryption: key = SHA-256(encrypt_key), {@code base64(iv ‖ AES-256-CBC(json))},
 * PKCS#7 with 16-byte blocks. Every pad byte is checked, as the official SDK does.
 */
public final class FeishuCrypt {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final byte[] key;

  public FeishuCrypt(String encryptKey) {
    this.key = Signatures.sha256().digest(encryptKey.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws WxCrypt.CryptoException when the text is not Base64, too short or badly padded */
  public String decrypt(String base64) throws WxCrypt.CryptoException {
    byte[] buf;
    try {
      buf = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new WxCrypt.CryptoException("not Base64");
    }
    if (buf.length < 32 || buf.length % 16 != 0) {
      throw new WxCrypt.CryptoException("not a whole number of AES blocks");
    }
    byte[] plain;
    try {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(buf, 0, 16));
      plain = c.doFinal(buf, 16, buf.length - 16);
    } catch (GeneralSecurityException e) {
      throw new WxCrypt.CryptoException("cannot decrypt");
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > 16) {
      throw new WxCrypt.CryptoException("bad padding");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new WxCrypt.CryptoException("bad padding");
      }
    }
    return new String(plain, 0, plain.length - pad, StandardCharsets.UTF_8);
  }

  /** Encrypts with a random IV (used by tests and by a stub Feishu). */
  public String encrypt(String plain) {
    byte[] iv = new byte[16];
    RANDOM.nextBytes(iv);
    byte[] m = plain.getBytes(StandardCharsets.UTF_8);
    int pad = 16 - m.length % 16;
    byte[] padded = Arrays.copyOf(m, m.length + pad);
    Arrays.fill(padded, m.length, padded.length, (byte) pad);
    try {
      Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      byte[] ct = c.doFinal(padded);
      byte[] out = Arrays.copyOf(iv, 16 + ct.length);
      System.arraycopy(ct, 0, out, 16, ct.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "FeishuCrypt[key=***]";
  }
}
