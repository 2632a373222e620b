package cn.gridbot.bot.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WXBizMsgCrypt, the message encryption of WeCom, WeChat Official Accounts and DingTalk events:
 * AES-256-CBC with IV = key[0..16), PKCS#7 padding to <b>32-byte</b> blocks (pad byte 1..32), and
 * plaintext {@code random16 ‖ len (4 bytes, big-endian) ‖ msg ‖ receiveId}.
 *
 * <p>Uses {@code AES/CBC/NoPadding} and strips the padding itself: {@code PKCS5Padding} only knows
 * 16-byte blocks and rejects valid messages whose pad byte is above 16. Immutable; the key never
 * appears in {@link #toString()}.
 */
public final class WxCrypt {
  private static final Pattern ENCODING_AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");
  private static final int BLOCK = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private WxCrypt(byte[] key) {
    this.key = key;
  }

  /** @throws IllegalArgumentException when the EncodingAESKey is not 43 letters and digits */
  public static WxCrypt fromEncodingAesKey(String encodingAesKey) {
    if (encodingAesKey == null || !ENCODING_AES_KEY.matcher(encodingAesKey).matches()) {
      throw new IllegalArgumentException("an EncodingAESKey is 43 letters and digits");
    }
    return new WxCrypt(Base64.getDecoder().decode(encodingAesKey + "="));
  }

  /** True when the text looks like an EncodingAESKey (for config validation). */
  public static boolean isEncodingAesKey(String s) {
    return s != null && ENCODING_AES_KEY.matcher(s).matches();
  }

  /** A failure to decrypt or a receiveId mismatch; says nothing about the key. */
  public static final class CryptoException extends Exception {
    public CryptoException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Decrypts a Base64 {@code msg_encrypt} and checks that it was made for {@code receiveId}
   * (corpid, appid, suiteid, or "" for a WeCom 智能机器人).
   *
   * @throws CryptoException when it is not valid Base64, not whole blocks, badly padded, its
   *     length field is out of range, or its receiveId differs
   */
  public String decrypt(String base64, String receiveId) throws CryptoException {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new CryptoException("not Base64");
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new CryptoException("not a whole number of AES blocks");
    }
    byte[] plain;
    try {
      plain = cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new CryptoException("cannot decrypt");
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || pad > plain.length) {
      throw new CryptoException("bad padding");
    }
    int end = plain.length - pad;
    if (end < 20) {
      throw new CryptoException("too short");
    }
    int len = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (len < 0 || 20 + len > end) {
      throw new CryptoException("bad length");
    }
    byte[] rid = Arrays.copyOfRange(plain, 20 + len, end);
    if (!MessageDigest.isEqual(rid, receiveId.getBytes(StandardCharsets.UTF_8))) {
      throw new CryptoException("receiveid mismatch");
    }
    return new String(plain, 20, len, StandardCharsets.UTF_8);
  }

  /** Encrypts with a fresh random prefix. */
  public String encrypt(String msg, String receiveId) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    return encrypt(random, msg, receiveId);
  }

  /** Encrypts with the given 16-byte prefix (deterministic: the official vectors use this). */
  public String encrypt(byte[] random16, String msg, String receiveId) {
    if (random16.length != 16) {
      throw new IllegalArgumentException("random16 must be 16 bytes");
    }
    byte[] m = msg.getBytes(StandardCharsets.UTF_8);
    byte[] r = receiveId.getBytes(StandardCharsets.UTF_8);
    int unpadded = 20 + m.length + r.length;
    int pad = BLOCK - unpadded % BLOCK;
    ByteBuffer buf = ByteBuffer.allocate(unpadded + pad);
    buf.put(random16).putInt(m.length).put(m).put(r);
    for (int i = 0; i < pad; i++) {
      buf.put((byte) pad);
    }
    try {
      return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(buf.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES unavailable", e);
    }
  }

  private Cipher cipher(int mode) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return c;
  }

  @Override
  public String toString() {
    return "WxCrypt[key=***]";
  }
}
