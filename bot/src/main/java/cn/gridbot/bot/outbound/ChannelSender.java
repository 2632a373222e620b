package cn.gridbot.bot.outbound;

import cn.gridbot.handlers.Outgoing;
import io.vertx.core.Future;

/**
 * Sends one outgoing message on one platform. Called on an event loop; must not block.
 * Fails when the platform did not confirm the message (the entry then stays in the outbox).
 */
public interface ChannelSender {
  /** The platform id this sender serves ({@code sandbox}, {@code wecom}, ...). */
  String platform();

  /**
   * @param idempotencyKey stable for one outbox entry across retries, for platforms that dedupe
   */
  Future<Void> send(Outgoing message, String idempotencyKey);
}
