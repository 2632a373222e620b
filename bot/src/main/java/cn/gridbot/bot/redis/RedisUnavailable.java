package cn.gridbot.bot.redis;

/** Redis could not answer in time or is not connected; maps to HTTP 503 so platforms retry. */
public final class RedisUnavailable extends RuntimeException {
  public RedisUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
