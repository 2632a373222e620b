package cn.gridbot.bot.outbound;

/**
 * The platform refused a message for a reason that retrying will not fix (bad key or signature,
 * removed robot, expired reply window, content rejected). {@link Delivery} dead-letters the entry
 * at once instead of retrying it. The message must not carry secrets.
 */
public final class PermanentSendFailure extends RuntimeException {
  public PermanentSendFailure(String message) {
    super(message, null, false, false);
  }
}
