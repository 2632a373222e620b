package cn.gridbot.bot.ops;

import cn.gridbot.bot.outbound.ChannelSender;
import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages to Open311 reporters ("已接单", "已办结，满意吗？"): Open311 clients poll
 * {@code requests.json} for status and status_notes, so there is nothing to push; the message is
 * confirmed (not parked as a dead letter).
 */
public final class Open311Sender implements ChannelSender {
  private static final Logger LOG = LoggerFactory.getLogger(Open311Sender.class);

  @Override
  public String platform() {
    return Open311.PLATFORM;
  }

  @Override
  public Future<Void> send(Outgoing message, String idempotencyKey) {
    LOG.debug("open311 message {} not pushed (clients poll)", idempotencyKey);
    return Future.succeededFuture();
  }
}
