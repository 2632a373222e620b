package cn.gridbot.handlers;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * One piece of the bot's behaviour. Handlers are tried in order (specific to general); the first
 * that takes a message decides for it.
 *
 * <p>Called on an event loop: must not block. Ports it uses return futures.
 */
public interface ChatHandler {
  /** A short stable name for logs and metrics. */
  String name();

  /**
   * Decides for a message, or answers an empty optional when the message is not this handler's.
   * A failed future means the message could not be handled now and will be retried.
   */
  Future<Optional<Decision>> handle(InboundMessage message);
}
