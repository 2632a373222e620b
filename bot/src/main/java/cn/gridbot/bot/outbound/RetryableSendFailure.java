package cn.gridbot.bot.outbound;

/**
 * The platform could not take a message now (rate limit, busy, 5xx, network, expired token): the
 * outbox entry stays pending and is tried again. The message must not carry secrets.
 */
public final class RetryableSendFailure extends RuntimeException {
  public RetryableSendFailure(String message) {
    super(message, null, false, false);
  }
}
