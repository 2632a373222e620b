package cn.gridbot.handlers;

import cn.gridbot.handlers.directory.Person;
import java.util.List;
import java.util.Objects;

/**
 * A message the bot decided to send, as data; the delivery side renders it for the platform.
 * Sealed: a reply into the conversation a message came from, or a push into a directory group.
 */
public sealed interface Outgoing permits Outgoing.Reply, Outgoing.GroupPush {

  /** Delivery lanes, most urgent first. */
  enum Lane { EMERGENCY, INTERACTIVE, REMINDER, BULK }

  String text();

  Lane lane();

  /** A reply to the conversation an inbound message came from. */
  record Reply(String platform, String channelId, String conversationId, String text, Lane lane)
      implements Outgoing {
    public Reply {
      Objects.requireNonNull(platform, "platform == null");
      Objects.requireNonNull(channelId, "channelId == null");
      Objects.requireNonNull(conversationId, "conversationId == null");
      Objects.requireNonNull(text, "text == null");
      Objects.requireNonNull(lane, "lane == null");
    }

    /** A reply in the interactive lane to the conversation {@code to} came from. */
    public static Reply to(InboundMessage to, String text) {
      return new Reply(to.platform(), to.channelId(), to.conversationId(), text, Lane.INTERACTIVE);
    }
  }

  /** A push into a directory chat group ({@code grid:heping-01}) with people to @mention. */
  record GroupPush(String groupId, String text, List<Person> mentions, Lane lane) implements Outgoing {
    public GroupPush {
      Objects.requireNonNull(groupId, "groupId == null");
      Objects.requireNonNull(text, "text == null");
      mentions = List.copyOf(mentions);
      Objects.requireNonNull(lane, "lane == null");
    }
  }
}
