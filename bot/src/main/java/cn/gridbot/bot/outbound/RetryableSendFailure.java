package cn.gridbot.bot.outbound;

/**
 * The platform could not take a message now (rate limit, busy, 5xx, network, expired token): the
 * outbox entry is tried again later, not before {@link #retryAfterMs()} when that is known (a
 * robot's rate-limit window). The message must not carry secrets.
 */
public final class RetryableSendFailure extends RuntimeException {
  private final long retryAfterMs;
  private final boolean attempted;

  public RetryableSendFailure(String message) {
    this(message, 0);
  }

  public RetryableSendFailure(String message, long retryAfterMs) {
    this(message, retryAfterMs, true);
  }

  private RetryableSendFailure(String message, long retryAfterMs, boolean attempted) {
    super(message, null, false, false);
    this.retryAfterMs = retryAfterMs;
    this.attempted = attempted;
  }

  /**
   * Nothing was sent: the message waits for its turn (our own rate limiter), which is not a failed
   * attempt — a large notice on one robot waits many windows without becoming a dead letter.
   */
  public static RetryableSendFailure notSent(String message, long retryAfterMs) {
    return new RetryableSendFailure(message, retryAfterMs, false);
  }

  /** False when the message was not sent at all (see {@link #notSent}). */
  public boolean attempted() {
    return attempted;
  }

  /** How long to wait at least before the next try; 0 when unknown (backoff decides). */
  public long retryAfterMs() {
    return retryAfterMs;
  }
}
