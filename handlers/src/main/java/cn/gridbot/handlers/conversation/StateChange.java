package cn.gridbot.handlers.conversation;

import cn.gridbot.handlers.understanding.Place;

/** A conversation-state write as data, applied atomically with the rest of a decision. */
public sealed interface StateChange
    permits StateChange.Ask, StateChange.ClearQuestion, StateChange.RememberHome, StateChange.LogVisit,
        StateChange.DraftNotice, StateChange.ClearDraft, StateChange.RecordNotice, StateChange.ReleaseNotice,
        StateChange.WithdrawNotice {

  /** Waits on a question for a resident (replaces any earlier one). */
  record Ask(String residentKey, PendingQuestion question) implements StateChange {}

  record ClearQuestion(String residentKey) implements StateChange {}

  /** Remembers where the resident lives. */
  record RememberHome(String residentKey, Place home) implements StateChange {}

  /** A coordinator's notice waiting for 确认 (replaces an earlier draft). */
  record DraftNotice(String coordinatorKey, cn.gridbot.handlers.broadcast.Notice notice) implements StateChange {}

  record ClearDraft(String coordinatorKey) implements StateChange {}

  /** A confirmed notice: sent now (its messages are in the same decision) or kept until its time. */
  record RecordNotice(cn.gridbot.handlers.broadcast.Notice notice, boolean scheduled) implements StateChange {}

  /** A scheduled notice being sent: applies only if it is still waiting (so it is sent once). */
  record ReleaseNotice(String id) implements StateChange {}

  /** A scheduled notice withdrawn before its time: applies only if it is still waiting (never sent). */
  record WithdrawNotice(String id) implements StateChange {}

  /** A visit to a care target ("五必访"), kept in its history; resets its due date. */
  record LogVisit(String targetId, java.time.Instant at, String actor, String note) implements StateChange {}
}
