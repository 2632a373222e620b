package cn.gridbot.bot.platform.generic;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.outbound.RetryableSendFailure;
import cn.gridbot.bot.platform.crypto.Signatures;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Replies on a generic channel: POST to the channel's {@code reply_url} with the same signature
 * headers as inbound, body {@code {"id": outbox id (stable across retries), "conversation", "text"}}.
 * 2xx is success; 429 and 5xx are retried; other statuses are permanent.
 */
public final class GenericSender implements ChannelSender {
  private final WebClient client;
  private final Map<String, ChannelsConfig.Channel> channels;

  public GenericSender(WebClient client, Map<String, ChannelsConfig.Channel> channels) {
    this.client = client;
    this.channels = Map.copyOf(channels);
  }

  @Override
  public String platform() {
    return GenericAdapter.PLATFORM;
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    if (!(message instanceof Outgoing.Reply r)) {
      return Future.failedFuture(new PermanentSendFailure("generic has no group robots"));
    }
    ChannelsConfig.Channel c = channels.get(r.channelId());
    if (c == null || c.secret("reply_url").isEmpty()) {
      return Future.failedFuture(new PermanentSendFailure("generic channel " + r.channelId() + " has no reply_url_env"));
    }
    byte[] body = new JsonObject().put("id", idempotencyKey).put("conversation", r.conversationId())
        .put("text", r.text()).encode().getBytes(StandardCharsets.UTF_8);
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    return client.postAbs(c.secretValue("reply_url")).timeout(10_000)
        .putHeader("Content-Type", "application/json; charset=utf-8")
        .putHeader(GenericAdapter.TIMESTAMP, ts)
        .putHeader(GenericAdapter.SIGNATURE, Signatures.generic(c.secretValue("secret"), ts, body))
        .sendBuffer(Buffer.buffer(body))
        .transform(ar -> {
          if (ar.failed()) {
            return Future.failedFuture(new RetryableSendFailure("generic: network error"));
          }
          int s = ar.result().statusCode();
          if (s >= 200 && s < 300) {
            return Future.succeededFuture();
          }
          return Future.failedFuture(s == 429 || s >= 500 ? new RetryableSendFailure("generic: HTTP " + s)
              : new PermanentSendFailure("generic: HTTP " + s));
        });
  }
}
