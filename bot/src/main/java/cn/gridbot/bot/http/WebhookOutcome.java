package cn.gridbot.bot.http;

import cn.gridbot.handlers.InboundMessage;

/** What an adapter made of a webhook request. */
public sealed interface WebhookOutcome
    permits WebhookOutcome.Handshake, WebhookOutcome.Accepted, WebhookOutcome.Ignored {

  /** A URL check or challenge: answer at once with this body; nothing is recorded. */
  record Handshake(String contentType, String body) implements WebhookOutcome {}

  /** A message to record durably; only then is {@code ackBody} sent with 200. */
  record Accepted(InboundMessage message, String contentType, String ackBody) implements WebhookOutcome {}

  /** A valid request that carries nothing for the bot (e.g. an event type it does not use). */
  record Ignored(String reason, String contentType, String ackBody) implements WebhookOutcome {}
}
