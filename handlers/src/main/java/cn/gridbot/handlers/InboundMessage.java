package cn.gridbot.handlers;

import java.time.Instant;
import java.util.Objects;

/**
 * A message as the bot sees it, whatever platform it came from.
 *
 * @param platform the adapter id ({@code sandbox}, {@code wecom}, {@code dingtalk}, ...)
 * @param channelId the configured channel it arrived on (one per community account or robot)
 * @param messageId the platform's message or event id; the inbound idempotency key
 * @param conversationId where a reply goes: the resident's chat, or the group chat
 * @param senderId the platform's id for the sender
 * @param senderName a display name, may be null
 * @param senderMobile the sender's mobile number when the platform tells it (staff on WeCom or
 *     DingTalk), else null; used to recognise staff in the directory
 * @param groupId the directory chat group ({@code grid:heping-01}) when sent in a known group, else
 *     null for a direct chat
 * @param text the message text, trimmed
 * @param receivedAt when the edge received it
 */
public record InboundMessage(String platform, String channelId, String messageId,
    String conversationId, String senderId, String senderName, String senderMobile,
    String groupId, String text, Instant receivedAt) {

  public InboundMessage {
    Objects.requireNonNull(platform, "platform == null");
    Objects.requireNonNull(channelId, "channelId == null");
    Objects.requireNonNull(messageId, "messageId == null");
    Objects.requireNonNull(conversationId, "conversationId == null");
    Objects.requireNonNull(senderId, "senderId == null");
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(receivedAt, "receivedAt == null");
  }

  /** True when the message was written in a group chat rather than to the bot directly. */
  public boolean inGroup() {
    return groupId != null;
  }

  /** Never prints the text or phone number: records end up in logs. */
  @Override
  public String toString() {
    return "InboundMessage[" + platform + "/" + channelId + " id=" + messageId + " from="
        + senderId + " chars=" + text.length() + "]";
  }
}
