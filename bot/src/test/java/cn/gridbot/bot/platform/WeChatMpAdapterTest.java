package cn.gridbot.bot.platform;

import static cn.gridbot.bot.platform.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.platform.crypto.WxCrypt;
import cn.gridbot.bot.platform.wechatmp.WeChatMpAdapter;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeChatMpAdapterTest {
  static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  static final String APPID = "wx2c2769f8efd9abc2";
  final WeChatMpAdapter adapter = new WeChatMpAdapter(Map.of(
      "heping", channel("wechat-mp", "heping", Map.of("app_id", APPID), Map.of("token", "spamtest", "aes_key", KEY)),
      "plain", channel("wechat-mp", "plain", Map.of("app_id", APPID), Map.of("token", "tok"))));

  static final String PLAIN = "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[oOPENID1]]></FromUserName>"
      + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ 3号楼灯坏了 ]]></Content>"
      + "<MsgId>123456789</MsgId></xml>";

  Fixtures.Req plain(String body, long ts) throws Exception {
    String t = Long.toString(ts);
    return req().channel("plain").type("text/xml").q("timestamp", t).q("nonce", "n1")
        .q("signature", sha1Sorted("tok", t, "n1")).q("openid", "oOPENID1").body(body);
  }

  @Test
  void verifiesTheUrlCheckEchoesEchostr() throws Exception {
    var r = req().get().channel("plain").q("timestamp", "1").q("nonce", "2").q("echostr", "e-123")
        .q("signature", sha1Sorted("tok", "1", "2"));
    var h = (WebhookOutcome.Handshake) adapter.parse(r.build());
    assertEquals("e-123", h.body());
    r.q("signature", sha1Sorted("tok", "1", "3"));
    assertEquals(401, status(adapter, r));
  }

  @Test
  void verifiesAPlaintextTextMessage() throws Exception {
    var a = (WebhookOutcome.Accepted) adapter.parse(plain(PLAIN, Instant.now().getEpochSecond()).build());
    assertEquals("oOPENID1", a.message().conversationId());
    assertEquals("123456789", a.message().messageId());
    assertEquals("3号楼灯坏了", a.message().text());
    assertEquals("success", a.ackBody());
  }

  @Test
  void verifiesThatBadSignatureStaleTimestampAndBadBodiesAreRejected() throws Exception {
    long now = Instant.now().getEpochSecond();
    assertEquals(401, status(adapter, plain(PLAIN, now).q("signature", "0".repeat(40))));
    assertEquals(401, status(adapter, plain(PLAIN, now - 7200)));
    assertEquals(415, status(adapter, plain(PLAIN, now).type("application/json")));
    assertEquals(400, status(adapter, plain(PLAIN.substring(0, 60), now)));
    assertEquals(400, status(adapter, plain("not xml", now)));
    assertEquals(404, status(adapter, plain(PLAIN, now).channel("nosuch")));
    assertEquals(400, status(adapter, plain(PLAIN, now).q("nonce", "")));
  }

  @Test
  void verifiesThatXxeIsRefused() throws Exception {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<xml><FromUserName>o1</FromUserName><MsgType>text</MsgType><Content>&x;</Content><MsgId>1</MsgId></xml>";
    assertEquals(400, status(adapter, plain(xxe, Instant.now().getEpochSecond())));
  }

  @Test
  void verifiesTheOfficialSafeModeVector() throws Exception {
    String enc = "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
    var r = req().type("text/xml").q("timestamp", "1409735669").q("nonce", "1320562132").q("encrypt_type", "aes")
        .q("msg_signature", "5d197aaffba7e9b25a30732f161a50dee96bd5fa")
        .body("<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[" + enc + "]]></Encrypt></xml>");
    r.at = Instant.ofEpochSecond(1409735669);
    var a = (WebhookOutcome.Accepted) adapter.parse(r.build());
    assertEquals("oyORnuP8q7ou2gfYjqLzSIWZf0rs", a.message().conversationId());
    assertEquals("6054768590064713728", a.message().messageId());
    assertEquals("abcdteT", a.message().text());
    r.at = Instant.now();
    assertEquals(401, status(adapter, r), "stale");
  }

  @Test
  void verifiesThatASafeModeChannelRefusesPlaintextAndForeignAppIds() throws Exception {
    long now = Instant.now().getEpochSecond();
    String t = Long.toString(now);
    var downgrade = req().type("text/xml").q("timestamp", t).q("nonce", "n").q("signature", sha1Sorted("spamtest", t, "n")).body(PLAIN);
    assertEquals(401, status(adapter, downgrade));
    String enc = WxCrypt.fromEncodingAesKey(KEY).encrypt(PLAIN, "wxOTHERAPP");
    var foreign = req().type("text/xml").q("timestamp", t).q("nonce", "n").q("encrypt_type", "aes")
        .q("msg_signature", sha1Sorted("spamtest", t, "n", enc)).body("<xml><Encrypt>" + enc + "</Encrypt></xml>");
    assertEquals(401, status(adapter, foreign));
  }

  @Test
  void verifiesThatEventsAreAcknowledgedAndIgnored() throws Exception {
    String ev = "<xml><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>";
    var i = (WebhookOutcome.Ignored) adapter.parse(plain(ev, Instant.now().getEpochSecond()).build());
    assertEquals("success", i.ackBody());
  }
}
