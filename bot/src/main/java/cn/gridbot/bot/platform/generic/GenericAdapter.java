package cn.gridbot.bot.platform.generic;

import static cn.gridbot.bot.platform.Webhooks.*;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.http.WebhookRequest;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;

/**
 * GridBot's own signed JSON protocol ({@code /webhooks/generic/{channel}}), for kiosks, apps and
 * bridges:
 *
 * <pre>X-GridBot-Timestamp: unix seconds (within 5 minutes)
 * X-GridBot-Signature: hex(HMAC-SHA256(secret, timestamp + "\n" + raw body))
 * {"id": "unique message id", "from": "sender id", "text": "...",
 *  "conversation": "optional, default = from", "name": "optional", "mobile": "optional",
 *  "group": "optional directory group id when said in a group"}</pre>
 */
public final class GenericAdapter implements WebhookAdapter {
  public static final String PLATFORM = "generic";
  public static final String TIMESTAMP = "X-GridBot-Timestamp";
  public static final String SIGNATURE = "X-GridBot-Signature";
  static final long DEFAULT_SKEW_SECONDS = 300;
  static final int MAX_TEXT = 4000;

  private final Map<String, ChannelsConfig.Channel> channels;

  public GenericAdapter(Map<String, ChannelsConfig.Channel> channels) {
    this.channels = Map.copyOf(channels);
  }

  @Override
  public String platform() {
    return PLATFORM;
  }

  @Override
  public WebhookOutcome parse(WebhookRequest req) {
    ChannelsConfig.Channel c = channel(channels, req.channelId());
    requireMethod(req, HttpMethod.POST);
    requireContentType(req, Set.of("application/json"));
    String ts = header(req, TIMESTAMP);
    String sig = header(req, SIGNATURE).toLowerCase();
    if (!Signatures.matches(Signatures.generic(c.secretValue("secret"), ts, req.body().getBytes()), sig)) {
      throw HttpFailure.rejected("bad signature");
    }
    requireFresh(ts, false, req.receivedAt(), maxSkew(c, DEFAULT_SKEW_SECONDS));
    JsonObject o = json(req.body().getBytes());
    String from = id(str(o, "from"), "from");
    String text = str(o, "text");
    if (text == null || text.isBlank()) {
      throw HttpFailure.badPayload("text: a non-empty string is required");
    }
    if (text.length() > MAX_TEXT) {
      throw HttpFailure.badPayload("text: at most " + MAX_TEXT + " characters");
    }
    String conversation = str(o, "conversation") == null ? from : id(str(o, "conversation"), "conversation");
    String group = str(o, "group") == null ? null : id(str(o, "group"), "group");
    InboundMessage m = new InboundMessage(PLATFORM, c.id(), id(str(o, "id"), "id"), conversation, from,
        str(o, "name"), str(o, "mobile"), group, text.strip(), req.receivedAt());
    return new WebhookOutcome.Accepted(m, "application/json", null);
  }

  static String str(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw HttpFailure.badPayload(key + ": a string is expected");
    }
    return s.isEmpty() ? null : s;
  }
}
