package cn.gridbot.handlers;

import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.ticket.TicketChange;
import java.util.ArrayList;
import java.util.List;

/**
 * What a handler decided for one inbound message, as data: ticket writes, conversation-state
 * writes and the messages to send. The bot applies all of it in one atomic step, together with
 * the acknowledgement of the inbound message.
 */
public record Decision(String handler, List<Outgoing> outgoing, List<TicketChange> tickets,
    List<StateChange> state, String tag) {

  /**
   * @param tag groups the group pushes for delivery reports (a broadcast id), or null
   */
  public Decision {
    outgoing = List.copyOf(outgoing);
    tickets = List.copyOf(tickets);
    state = List.copyOf(state);
  }

  public Decision(String handler, List<Outgoing> outgoing, List<TicketChange> tickets, List<StateChange> state) {
    this(handler, outgoing, tickets, state, null);
  }

  public Decision(String handler, List<Outgoing> outgoing) {
    this(handler, outgoing, List.of(), List.of(), null);
  }

  public static Decision reply(String handler, InboundMessage to, String text) {
    return new Decision(handler, List.of(Outgoing.Reply.to(to, text)));
  }

  /** A builder for decisions that collect several writes. */
  public static Builder by(String handler) {
    return new Builder(handler);
  }

  /** Collects the parts of a decision in order. */
  public static final class Builder {
    private final String handler;
    private final List<Outgoing> outgoing = new ArrayList<>();
    private final List<TicketChange> tickets = new ArrayList<>();
    private final List<StateChange> state = new ArrayList<>();
    private String tag;

    private Builder(String handler) {
      this.handler = handler;
    }

    public Builder send(Outgoing o) {
      outgoing.add(o);
      return this;
    }

    public Builder reply(InboundMessage to, String text) {
      return send(Outgoing.Reply.to(to, text));
    }

    public Builder ticket(TicketChange change) {
      tickets.add(change);
      return this;
    }

    public Builder state(StateChange change) {
      state.add(change);
      return this;
    }

    /** Tags the outgoing messages (a broadcast id) for delivery reports. */
    public Builder tag(String t) {
      tag = t;
      return this;
    }

    public Decision build() {
      return new Decision(handler, outgoing, tickets, state, tag);
    }
  }
}
