package cn.gridbot.bot.platform.sandbox;

import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.http.WebhookRequest;
import cn.gridbot.handlers.InboundMessage;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The sandbox channel: a plain JSON webhook for demos and tests, no signature.
 *
 * <pre>POST /webhooks/sandbox/{channelId}
 * {"from": "resident-1", "text": "3号楼楼道灯坏了", "id": "optional-message-id",
 *  "name": "optional display name", "mobile": "optional, makes staff recognisable",
 *  "group": "optional directory group id, e.g. grid:heping-01, when speaking in a group"}</pre>
 *
 * A message without {@code id} gets a random one (so it is never deduplicated).
 */
public final class SandboxAdapter implements WebhookAdapter {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:@-]{1,128}");
  private static final int MAX_TEXT = 2000;

  @Override
  public String platform() {
    return "sandbox";
  }

  @Override
  public WebhookOutcome parse(WebhookRequest req) {
    if (req.method() != HttpMethod.POST) {
      throw new HttpFailure(405, "POST a JSON message");
    }
    if (!req.contentType().equals("application/json")) {
      throw HttpFailure.unsupportedType("Content-Type must be application/json");
    }
    JsonObject o;
    try {
      o = req.body().toJsonObject();
    } catch (DecodeException | ClassCastException | IllegalStateException e) {
      throw HttpFailure.badPayload("body is not a JSON object");
    }
    if (o == null) {
      throw HttpFailure.badPayload("body is not a JSON object");
    }
    String from = field(o, "from", true);
    Object textValue = o.getValue("text");
    if (!(textValue instanceof String text) || text.isBlank()) {
      throw HttpFailure.badPayload("text: a non-empty string is required");
    }
    if (text.length() > MAX_TEXT) {
      throw HttpFailure.badPayload("text: at most " + MAX_TEXT + " characters");
    }
    String id = field(o, "id", false);
    String group = field(o, "group", false);
    String mobile = field(o, "mobile", false);
    Object name = o.getValue("name");
    if (name != null && !(name instanceof String)) {
      throw HttpFailure.badPayload("name: a string is expected");
    }
    InboundMessage m = new InboundMessage(platform(), req.channelId(),
        id != null ? id : UUID.randomUUID().toString(), group != null ? group : from, from,
        (String) name, mobile, group, text.strip(), req.receivedAt());
    return new WebhookOutcome.Accepted(m, "application/json", null);
  }

  private static String field(JsonObject o, String key, boolean required) {
    Object v = o.getValue(key);
    if (v == null) {
      if (required) {
        throw HttpFailure.badPayload(key + ": required");
      }
      return null;
    }
    if (!(v instanceof String s) || !ID.matcher(s).matches()) {
      throw HttpFailure.badPayload(key + ": 1-128 characters of letters, digits and _ . : @ -");
    }
    return s;
  }
}
