package cn.gridbot.handlers.conversation;

import cn.gridbot.handlers.understanding.Place;

/** A conversation-state write as data, applied atomically with the rest of a decision. */
public sealed interface StateChange
    permits StateChange.Ask, StateChange.ClearQuestion, StateChange.RememberHome {

  /** Waits on a question for a resident (replaces any earlier one). */
  record Ask(String residentKey, PendingQuestion question) implements StateChange {}

  record ClearQuestion(String residentKey) implements StateChange {}

  /** Remembers where the resident lives. */
  record RememberHome(String residentKey, Place home) implements StateChange {}
}
