package cn.gridbot.bot.config;

import java.nio.file.Path;
import java.time.Duration;

/** The service settings of {@code config/gridbot.yaml} and the channels of {@code config/channels.yaml}, validated. */
public record BotConfig(Http http, Redis redis, Inbox inbox, Delivery delivery, Tickets tickets, Sandbox sandbox,
    Flood flood, ChannelsConfig channels) {

  public record Http(String host, int port, int maxBodyBytes, Duration shutdownGrace) {}

  /**
   * @param url null for the embedded server; may hold a password, so {@link #toString()} hides it
   */
  public record Redis(String url, Duration commandTimeout, String keyPrefix, Embedded embedded) {
    public boolean isEmbedded() {
      return url == null;
    }

    @Override
    public String toString() {
      return "Redis[url=" + (url == null ? "embedded" : redact(url)) + ", commandTimeout="
          + commandTimeout + ", keyPrefix=" + keyPrefix + ", embedded=" + embedded + "]";
    }

    /** The URL with any user info replaced by {@code ***}. */
    public static String redact(String url) {
      return url.replaceFirst("(://)[^@/]*@", "$1***@");
    }
  }

  public record Embedded(Path dataDir, boolean appendOnly, int maxMemoryMb) {}

  public record Inbox(Duration dedupeTtl, Duration claimIdle, int maxAttempts) {}

  /**
   * @param quietStart start of quiet hours for bulk notices, or null for none
   * @param batch entries read per lane at a time
   * @param inFlight entries per lane sent or being sent and not yet acknowledged, at most
   * @param rateWindow the robots' rate-limit window (the platforms' minute; shorter only against a
   *     stub platform, for tests and benchmarks)
   */
  public record Delivery(int maxAttempts, Duration backoffBase, Duration backoffMax, java.time.LocalTime quietStart,
      java.time.LocalTime quietEnd, double bulkShare, int batch, int inFlight, Duration rateWindow) {}

  public record Tickets(Duration duplicateWindow, double duplicateSimilarity, Duration questionTtl) {}

  public record Sandbox(boolean enabled, int outboxKeep, int sendDelayMs) {}

  /**
   * @param senderPerMinute how many messages one sender (platform + channel + sender id) may send in a
   *     minute before the rest are dropped with one polite answer; 0 = no limit
   */
  public record Flood(int senderPerMinute) {}
}
