package cn.gridbot.handlers;

import java.util.List;

/** What a handler decided for one inbound message: the messages to send (more to come). */
public record Decision(String handler, List<Outgoing> outgoing) {
  public Decision {
    outgoing = List.copyOf(outgoing);
  }

  public static Decision reply(String handler, InboundMessage to, String text) {
    return new Decision(handler, List.of(Outgoing.Reply.to(to, text)));
  }
}
