package cn.gridbot.bot.platform.wecom;

import static cn.gridbot.bot.platform.Webhooks.*;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookRequest;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.bot.platform.crypto.WxCrypt;

/** The WXBizMsgCrypt callback steps shared by the WeCom app and the WeCom 智能机器人. */
final class WxCallback {
  private WxCallback() {}

  /** GET URL check: verifies msg_signature over the echostr and answers its plaintext. */
  static String verifyUrl(WebhookRequest req, ChannelsConfig.Channel c, WxCrypt crypt, String receiveId) {
    String echostr = query(req, "echostr");
    return open(req, c, crypt, echostr, receiveId, -1);
  }

  /**
   * Verifies msg_signature over {@code encrypt} (then the timestamp, when {@code defaultSkew} is
   * positive) and decrypts it for {@code receiveId}; 401 when any step fails.
   */
  static String open(WebhookRequest req, ChannelsConfig.Channel c, WxCrypt crypt, String encrypt,
      String receiveId, long defaultSkew) {
    String timestamp = query(req, "timestamp");
    String nonce = query(req, "nonce");
    String signature = query(req, "msg_signature");
    if (!Signatures.matches(Signatures.wxSha1(c.secretValue("token"), timestamp, nonce, encrypt), signature)) {
      throw HttpFailure.rejected("bad signature");
    }
    if (defaultSkew > 0) {
      requireFresh(timestamp, false, req.receivedAt(), maxSkew(c, defaultSkew));
    }
    try {
      return crypt.decrypt(encrypt, receiveId);
    } catch (WxCrypt.CryptoException e) {
      throw HttpFailure.rejected("cannot decrypt: " + e.getMessage());
    }
  }
}
