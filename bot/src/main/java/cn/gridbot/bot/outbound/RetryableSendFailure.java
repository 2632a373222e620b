package cn.gridbot.bot.outbound;

/**
 * The platform could not take a message now (rate limit, busy, 5xx, network, expired token): the
 * outbox entry is tried again later, not before {@link #retryAfterMs()} when that is known (a
 * robot's rate-limit window). The message must not carry secrets.
 */
public final class RetryableSendFailure extends RuntimeException {
  private final long retryAfterMs;

  public RetryableSendFailure(String message) {
    this(message, 0);
  }

  public RetryableSendFailure(String message, long retryAfterMs) {
    super(message, null, false, false);
    this.retryAfterMs = retryAfterMs;
  }

  /** How long to wait at least before the next try; 0 when unknown (backoff decides). */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
