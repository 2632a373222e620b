package cn.gridbot.bot.platform;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Generated abuse cases for one {@link FuzzTargets.Target}, reproducible from a seed. Each case says
 * what a correct adapter must do with it:
 *
 * <ul>
 *   <li>{@code VALID}: a genuine, fresh, correctly signed text message: accepted with its id;
 *   <li>{@code REJECT}: forged, stale, unsigned, wrong content type, method or channel: a 4xx and no
 *       outcome at all;
 *   <li>{@code ANY}: genuinely signed garbage (or garbage the platform does not sign): a 4xx or an
 *       outcome, never another exception.
 * </ul>
 */
public final class FuzzCases {
  public enum Expect { VALID, REJECT, ANY }

  /** One case: what it is (for the failure message), what it must do, and the request. */
  public record Case(int n, String kind, Expect expect, Fixtures.Req req, String id) {}

  static final String[] KINDS = {"valid", "replay", "random-bytes", "truncated", "bit-flips", "invalid-utf8",
      "utf16-32", "bom", "structure", "type-confusion", "oversized", "empty", "wrong-format", "forged", "stale",
      "wrong-type", "wrong-method", "unknown-channel", "raw-mutated", "cipher-garbage", "weird-text"};

  private final FuzzTargets.Target t;
  private final Random rnd;
  private final long nowMillis;

  public FuzzCases(FuzzTargets.Target target, long seed, long nowMillis) {
    this.t = target;
    this.rnd = new Random(seed ^ target.name().hashCode());
    this.nowMillis = nowMillis;
  }

  /** The n-th case; cases cycle through every kind. */
  public Case next(int n) throws Exception {
    String kind = KINDS[n % KINDS.length];
    String id = "fz-" + t.name() + "-" + n;
    String from = "u" + rnd.nextInt(50);
    String text = text(1 + rnd.nextInt(60));
    byte[] good = t.payload(id, from, text).getBytes(StandardCharsets.UTF_8);
    String ts = t.now(nowMillis - rnd.nextInt(60_000));
    switch (kind) {
      case "valid", "replay" -> {
        return new Case(n, kind, Expect.VALID, t.sign(good, ts), id);
      }
      case "forged" -> {
        Fixtures.Req r = t.sign(good, ts);
        t.forge(r, rnd);
        return new Case(n, kind, t.authenticated() ? Expect.REJECT : Expect.VALID, r, id);
      }
      case "stale" -> {
        return new Case(n, kind, t.authenticated() ? Expect.REJECT : Expect.VALID, t.sign(good, staleTs()), id);
      }
      case "wrong-type" -> {
        Fixtures.Req r = t.sign(good, ts);
        String type = WRONG_TYPES[rnd.nextInt(WRONG_TYPES.length)];
        if (type == null) {
          r.headers.remove("Content-Type");
        } else {
          r.type(type);
        }
        String base = r.build().contentType();
        return new Case(n, kind, t.types().contains(base) ? Expect.VALID : Expect.REJECT, r, id);
      }
      case "wrong-method" -> {
        Fixtures.Req r = t.sign(good, ts);
        r.method = new HttpMethod[] {HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.GET}[rnd.nextInt(6)];
        // GET is the URL check of WeChat / WeCom: a WeChat MP check is signed over timestamp and
        // nonce only, so a genuine signature with any echostr is a valid handshake.
        if (r.method == HttpMethod.GET && rnd.nextBoolean()) {
          r.q("echostr", FuzzTargets.hex(rnd.nextInt(40) + 1, rnd));
          return new Case(n, kind, Expect.ANY, r, id);
        }
        return new Case(n, kind, Expect.REJECT, r, id);
      }
      case "unknown-channel" -> {
        Fixtures.Req r = t.sign(good, ts);
        r.channel(t.channel + (rnd.nextBoolean() ? "x" : "-" + rnd.nextInt(100)));
        // The sandbox takes any channel id.
        return new Case(n, kind, t.authenticated() ? Expect.REJECT : Expect.VALID, r, id);
      }
      case "raw-mutated" -> {
        Fixtures.Req r = t.sign(good, ts);
        byte[] before = r.body;
        r.body = mutate(before);
        boolean changed = !Arrays.equals(before, r.body);
        Expect e = !changed ? Expect.VALID : t.bodySigned() ? Expect.REJECT : Expect.ANY;
        return new Case(n, kind, e, r, id);
      }
      case "cipher-garbage" -> {
        Fixtures.Req r = t.signCipher(cipherGarbage(), ts);
        if (r == null) {
          return new Case(n, kind, Expect.ANY, t.sign(mutate(good), ts), id);
        }
        return new Case(n, kind, Expect.ANY, r, id);
      }
      case "weird-text" -> {
        // Valid structure, hostile text: controls, RTL marks, lone surrogates escaped in JSON, NUL.
        String weird = weirdText();
        return new Case(n, kind, Expect.ANY, t.sign(t.payload(id, from, weird).getBytes(StandardCharsets.UTF_8), ts), id);
      }
      default -> {
        return new Case(n, kind, Expect.ANY, t.sign(payloadMutation(kind, good, id, from), ts), id);
      }
    }
  }

  static final String[] WRONG_TYPES = {null, "", "text/plain", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/xml", "text/xml", "application/json", "application/octet-stream",
      "APPLICATION/JSON", "application/json; charset=utf-16", "text/html", ";;;"};

  private String staleTs() {
    int k = rnd.nextInt(10);
    return switch (k) {
      case 0 -> "0";
      case 1 -> "-1";
      case 2 -> Long.toString(Long.MIN_VALUE);
      case 3 -> Long.toString(Long.MAX_VALUE);
      // now + 2^63 wraps around: |now - t| overflows to Long.MIN_VALUE unless compared safely.
      case 4 -> Long.toString(Long.parseLong(t.now(nowMillis)) + Long.MIN_VALUE);
      case 5 -> "99999999999999999999999";
      case 6 -> "abc";
      case 7 -> " ";
      default -> t.stale(nowMillis, 1000 + (long) rnd.nextInt(Integer.MAX_VALUE), rnd.nextBoolean());
    };
  }

  byte[] payloadMutation(String kind, byte[] good, String id, String from) {
    return switch (kind) {
      case "random-bytes" -> randomBytes(rnd.nextInt(3000));
      case "truncated" -> Arrays.copyOf(good, rnd.nextInt(Math.max(1, good.length)));
      case "bit-flips" -> flips(good, 1 + rnd.nextInt(6));
      case "invalid-utf8" -> invalidUtf8(good);
      case "utf16-32" -> reencode(good);
      case "bom" -> concat(BOMS[rnd.nextInt(BOMS.length)], good);
      case "structure" -> t.json() ? jsonStructure(good) : xmlStructure(good);
      case "type-confusion" -> t.json() ? typeConfusion(good) : xmlConfusion(good);
      case "oversized" -> t.payload(id, from, text(2000 + rnd.nextInt(8000))).getBytes(StandardCharsets.UTF_8);
      case "empty" -> new byte[0];
      case "wrong-format" -> (t.json() ? FuzzTargets.xmlText(id, from, "x", "") : "{\"MsgId\":\"1\",\"Content\":\"x\"}")
          .getBytes(StandardCharsets.UTF_8);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  byte[] mutate(byte[] b) {
    return switch (rnd.nextInt(5)) {
      case 0 -> Arrays.copyOf(b, rnd.nextInt(Math.max(1, b.length)));
      case 1 -> flips(b, 1 + rnd.nextInt(3));
      case 2 -> invalidUtf8(b);
      case 3 -> concat(BOMS[rnd.nextInt(BOMS.length)], b);
      default -> concat(b, " ".getBytes(StandardCharsets.UTF_8));
    };
  }

  private String cipherGarbage() {
    return switch (rnd.nextInt(6)) {
      case 0 -> java.util.Base64.getEncoder().encodeToString(randomBytes(16 * rnd.nextInt(20)));
      case 1 -> java.util.Base64.getEncoder().encodeToString(randomBytes(rnd.nextInt(300)));
      case 2 -> "!!not base64!!" + rnd.nextInt();
      case 3 -> "";
      case 4 -> " ";
      default -> java.util.Base64.getEncoder().encodeToString(randomBytes(32)).substring(0, 10 + rnd.nextInt(30));
    };
  }

  static final byte[][] BOMS = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF},
      {(byte) 0xFF, (byte) 0xFE}, {0, 0, (byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE, 0, 0}};

  static final byte[][] BAD_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0x80}, {0}};

  private byte[] invalidUtf8(byte[] b) {
    int at = rnd.nextInt(b.length + 1);
    byte[] bad = BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
    return concat(concat(Arrays.copyOf(b, at), bad), Arrays.copyOfRange(b, at, b.length));
  }

  private byte[] reencode(byte[] good) {
    String s = new String(good, StandardCharsets.UTF_8);
    Charset cs = new Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
        Charset.forName("UTF-32"), Charset.forName("UTF-32LE"), Charset.forName("GB18030")}[rnd.nextInt(6)];
    byte[] out = s.getBytes(cs);
    return rnd.nextInt(4) == 0 ? Arrays.copyOf(out, out.length - 1 - rnd.nextInt(Math.max(1, out.length / 2))) : out;
  }

  private byte[] jsonStructure(byte[] good) {
    int depth = 100 + rnd.nextInt(rnd.nextBoolean() ? 1500 : 6000);
    return switch (rnd.nextInt(8)) {
      case 0 -> ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
      case 1 -> ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"a\":".repeat(depth)).getBytes(StandardCharsets.UTF_8);
      case 3 -> ("{\"n\":" + "9".repeat(1 + rnd.nextInt(5000)) + "}").getBytes(StandardCharsets.UTF_8);
      case 4 -> ("{\"n\":1e" + rnd.nextInt(Integer.MAX_VALUE) + ",\"m\":-0.0e-99999,\"x\":NaN}").getBytes(StandardCharsets.UTF_8);
      case 5 -> insertField(good, "\"" + "k".repeat(rnd.nextInt(20_000)) + "\":1,");
      case 6 -> insertField(good, "\"msgId\":\"dup\",\"id\":\"dup\",\"text\":\"dup\",");
      default -> ("{\"s\":\"" + "\\ud800".repeat(1 + rnd.nextInt(100)) + "\\u0000\"}").getBytes(StandardCharsets.UTF_8);
    };
  }

  private static byte[] insertField(byte[] good, String field) {
    String s = new String(good, StandardCharsets.UTF_8);
    return ("{" + field + s.substring(1)).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] xmlStructure(byte[] good) {
    int depth = 100 + rnd.nextInt(rnd.nextBoolean() ? 1500 : 6000);
    String s = new String(good, StandardCharsets.UTF_8);
    String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
        + "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">"
        + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>";
    return (switch (rnd.nextInt(9)) {
      case 0 -> bomb + "<xml><MsgType>text</MsgType><Content>&lol3;</Content><FromUserName>o</FromUserName><MsgId>1</MsgId></xml>";
      case 1 -> "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
          + s.replace("<Content><![CDATA[", "<Content>&x;<![CDATA[");
      case 2 -> "<!DOCTYPE xml SYSTEM \"http://127.0.0.1:9/evil.dtd\">" + s;
      case 3 -> "<xml><Content>" + "<a>".repeat(depth) + "x" + "</a>".repeat(depth) + "</Content><MsgType>text</MsgType>"
          + "<FromUserName>o</FromUserName><MsgId>1</MsgId></xml>";
      case 4 -> "<xml>" + "<a>".repeat(depth);
      case 5 -> s.replace("<xml>", "<xml xmlns:x=\"urn:x\" " + "a".repeat(1 + rnd.nextInt(5000)) + "=\"1\">");
      case 6 -> "<?xml-stylesheet href=\"http://127.0.0.1:9/x\"?><?php echo 1; ?>" + s;
      case 7 -> s.replace("<xml>", "<xml><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>");
      default -> s.replace("]]></Content>", "]]>&amp;&#0;&#xD800;&undefined;</Content>");
    }).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] typeConfusion(byte[] good) {
    JsonObject o;
    try {
      o = new JsonObject(new String(good, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return good;
    }
    confuse(o, 1 + rnd.nextInt(3));
    return o.encode().getBytes(StandardCharsets.UTF_8);
  }

  private void confuse(JsonObject o, int times) {
    for (int i = 0; i < times; i++) {
      JsonObject at = o;
      // walk down into a random nested object now and then
      while (true) {
        var keys = at.fieldNames().toArray(new String[0]);
        if (keys.length == 0) {
          break;
        }
        String k = keys[rnd.nextInt(keys.length)];
        if (at.getValue(k) instanceof JsonObject inner && rnd.nextBoolean()) {
          at = inner;
          continue;
        }
        if (rnd.nextInt(5) == 0) {
          at.remove(k);
        } else {
          at.put(k, oddValue());
        }
        break;
      }
    }
  }

  private Object oddValue() {
    return switch (rnd.nextInt(10)) {
      case 0 -> null;
      case 1 -> rnd.nextLong();
      case 2 -> new java.math.BigInteger(200, rnd);
      case 3 -> rnd.nextDouble() * 1e300;
      case 4 -> new JsonArray().add(1).add("x");
      case 5 -> new JsonObject().put("content", new JsonObject());
      case 6 -> rnd.nextBoolean();
      case 7 -> "";
      case 8 -> " \t\r\n";
      default -> "x".repeat(rnd.nextInt(300)) + "\u0000\u202e";
    };
  }

  private byte[] xmlConfusion(byte[] good) {
    String s = new String(good, StandardCharsets.UTF_8);
    String[] tags = {"FromUserName", "MsgType", "Content", "MsgId", "AgentID", "CreateTime"};
    String tag = tags[rnd.nextInt(tags.length)];
    String replacement = switch (rnd.nextInt(6)) {
      case 0 -> "";
      case 1 -> "<" + tag + "/>";
      case 2 -> "<" + tag + "><x>nested</x></" + tag + ">";
      case 3 -> "<" + tag + ">" + "a b\tc" + "</" + tag + "><" + tag + ">second</" + tag + ">";
      case 4 -> "<" + tag + "><![CDATA[" + " ".repeat(rnd.nextInt(5)) + "]]></" + tag + ">";
      default -> "<" + tag + ">" + "9".repeat(1 + rnd.nextInt(400)) + "</" + tag + ">";
    };
    return s.replaceAll("<" + tag + ">.*?</" + tag + ">", java.util.regex.Matcher.quoteReplacement(replacement))
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] flips(byte[] b, int count) {
    byte[] out = b.clone();
    for (int i = 0; i < count && out.length > 0; i++) {
      out[rnd.nextInt(out.length)] ^= (byte) (1 << rnd.nextInt(8));
    }
    return out;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    rnd.nextBytes(b);
    return b;
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static final String ALPHABET = "3号楼电梯坏了漏水路灯垃圾噪音停车扰民井盖消防通道堵塞老人独居单元室"
      + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789，。！？、：；（）《》“”—…~`'\"\\/&<{}[]=+#%$^*|"
      + "😀🚒🏠";

  /** Random text of readable characters, never a run of whitespace nor ']]>' (which would end the CDATA). */
  String text(int length) {
    StringBuilder b = new StringBuilder();
    int[] cps = ALPHABET.codePoints().toArray();
    while (b.length() < length) {
      int cp = cps[rnd.nextInt(cps.length)];
      if (cp == ']' || cp == '@') {
        continue;
      }
      b.appendCodePoint(cp);
      if (rnd.nextInt(12) == 0) {
        b.append(' ');
      }
    }
    String s = b.toString().strip();
    return s.isEmpty() ? "灯" : s;
  }

  private String weirdText() {
    StringBuilder b = new StringBuilder();
    int n = 1 + rnd.nextInt(40);
    for (int i = 0; i < n; i++) {
      b.append(switch (rnd.nextInt(8)) {
        case 0 -> "\u202e";
        case 1 -> "\u0001\u0007";
        case 2 -> "\ufeff";
        case 3 -> "\ud83d";
        case 4 -> "\u00a0\u3000";
        case 5 -> "@_user_1 ";
        case 6 -> "%s%n${jndi:ldap://127.0.0.1/x}";
        default -> "火灾";
      });
    }
    return b.toString();
  }
}
