package cn.gridbot.bot.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;

/** What a platform adapter gets of a webhook request: the raw bytes, headers and query. */
public record WebhookRequest(HttpMethod method, String channelId, MultiMap headers,
    MultiMap query, Buffer body, Instant receivedAt) {

  /** The content type without parameters, lower case; empty when absent. */
  public String contentType() {
    String ct = headers.get("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase();
  }
}
