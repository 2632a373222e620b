package cn.gridbot.bot.platform.wecom;

import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.bot.outbound.PermanentSendFailure;
import cn.gridbot.bot.platform.PlatformCall;
import cn.gridbot.bot.platform.ReplyRoutes;
import cn.gridbot.bot.platform.TextParts;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

/**
 * Replies of the WeCom 智能机器人 through the {@code response_url} stored with the resident's
 * message: each URL takes one post within an hour, so a reply uses the oldest unused one and is
 * trimmed (with a note) to {@link #MAX_BYTES} rather than split. No route left: a permanent
 * failure (the bot cannot speak first).
 */
public final class WeComBotSender implements ChannelSender {
  static final int MAX_BYTES = 4096;

  private final WebClient client;
  private final ReplyRoutes routes;

  public WeComBotSender(WebClient client, ReplyRoutes routes) {
    this.client = client;
    this.routes = routes;
  }

  @Override
  public String platform() {
    return WeComBotAdapter.PLATFORM;
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    if (!(message instanceof Outgoing.Reply r)) {
      return Future.failedFuture(new PermanentSendFailure("wecom-bot has no group robots; use wecom"));
    }
    return routes.oldest(platform(), r.channelId(), r.conversationId()).compose(route -> {
      if (route.isEmpty()) {
        return Future.failedFuture(new PermanentSendFailure("wecom-bot: no unused response_url for the conversation"));
      }
      JsonObject body = new JsonObject().put("msgtype", "markdown")
          .put("markdown", new JsonObject().put("content", TextParts.trim(r.text(), MAX_BYTES)));
      return PlatformCall.postJson(client, route.get().url(), body, WeComSender.CODES)
          .compose(ok -> routes.consume(platform(), r.channelId(), r.conversationId(), route.get()));
    });
  }
}
