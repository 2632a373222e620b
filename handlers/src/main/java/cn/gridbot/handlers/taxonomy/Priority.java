package cn.gridbot.handlers.taxonomy;

import java.time.Duration;

/** Ticket priorities with the taxonomy's default accept and resolve limits. */
public enum Priority {
  P0(Duration.ofMinutes(5), Duration.ofHours(2)),
  P1(Duration.ofMinutes(30), Duration.ofHours(24)),
  P2(Duration.ofHours(2), Duration.ofHours(72)),
  P3(Duration.ofHours(24), Duration.ofDays(7));

  private final Duration acceptWithin;
  private final Duration resolveWithin;

  Priority(Duration acceptWithin, Duration resolveWithin) {
    this.acceptWithin = acceptWithin;
    this.resolveWithin = resolveWithin;
  }

  public Duration defaultAcceptWithin() {
    return acceptWithin;
  }

  public Duration defaultResolveWithin() {
    return resolveWithin;
  }
}
