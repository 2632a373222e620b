package cn.gridbot.handlers.conversation;

import cn.gridbot.handlers.understanding.Place;

/** A conversation-state write as data, applied atomically with the rest of a decision. */
public sealed interface StateChange
    permits StateChange.Ask, StateChange.ClearQuestion, StateChange.RememberHome, StateChange.LogVisit {

  /** Waits on a question for a resident (replaces any earlier one). */
  record Ask(String residentKey, PendingQuestion question) implements StateChange {}

  record ClearQuestion(String residentKey) implements StateChange {}

  /** Remembers where the resident lives. */
  record RememberHome(String residentKey, Place home) implements StateChange {}

  /** A visit to a care target ("五必访"), kept in its history; resets its due date. */
  record LogVisit(String targetId, java.time.Instant at, String actor, String note) implements StateChange {}
}
