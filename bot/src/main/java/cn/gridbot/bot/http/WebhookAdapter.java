package cn.gridbot.bot.http;

/**
 * One chat platform's inbound protocol: verifies and decodes a webhook request into a neutral
 * message. Pure and fast (CPU only): called on an event loop.
 */
public interface WebhookAdapter {
  /** The path segment {@code /webhooks/{platform}/...} this adapter serves. */
  String platform();

  /**
   * @throws HttpFailure with a 4xx status when the request is forged, stale, malformed or for an
   *     unknown channel
   */
  WebhookOutcome parse(WebhookRequest request);
}
