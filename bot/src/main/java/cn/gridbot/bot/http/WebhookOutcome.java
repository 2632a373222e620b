package cn.gridbot.bot.http;

import cn.gridbot.handlers.InboundMessage;

/** What an adapter made of a webhook request. */
public sealed interface WebhookOutcome
    permits WebhookOutcome.Handshake, WebhookOutcome.Accepted, WebhookOutcome.Ignored {

  /** A URL check or challenge: answer at once with this body; nothing is recorded. */
  record Handshake(String contentType, String body) implements WebhookOutcome {}

  /**
   * A message to record durably; only then is {@code ackBody} sent with 200.
   *
   * @param route where a reply to this message can be posted (DingTalk sessionWebhook, WeCom
   *     智能机器人 response_url), stored with the message; null when replies need none
   */
  record Accepted(InboundMessage message, String contentType, String ackBody, ReplyRoute route)
      implements WebhookOutcome {
    public Accepted(InboundMessage message, String contentType, String ackBody) {
      this(message, contentType, ackBody, null);
    }
  }

  /**
   * A short-lived URL the platform gave for answering a conversation.
   *
   * @param expiresAtMillis epoch milliseconds after which the platform refuses it
   * @param singleUse true when the platform accepts one post only (WeCom response_url)
   */
  record ReplyRoute(String url, long expiresAtMillis, boolean singleUse) {
    /** Never prints the URL: it is a bearer credential. */
    @Override
    public String toString() {
      return "ReplyRoute[expiresAt=" + expiresAtMillis + ", singleUse=" + singleUse + "]";
    }
  }

  /** A valid request that carries nothing for the bot (e.g. an event type it does not use). */
  record Ignored(String reason, String contentType, String ackBody) implements WebhookOutcome {}
}
