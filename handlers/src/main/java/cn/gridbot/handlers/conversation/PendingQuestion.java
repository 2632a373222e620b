package cn.gridbot.handlers.conversation;

import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.ticket.ResidentRef;
import java.time.Instant;
import java.util.List;

/**
 * A question the bot asked a resident and is waiting on, with what it needs to finish the report.
 *
 * @param kind what was asked
 * @param text the resident's original report (phone numbers masked)
 * @param category the category understood so far (null when the bot asked which one it is)
 * @param choices the categories offered, for {@link Kind#CATEGORY}
 * @param emergency whether the report was an emergency
 * @param attempts how many times it was asked
 * @param expiresAt when the question lapses and the resident is told so
 */
public record PendingQuestion(Kind kind, ResidentRef resident, String text, Category category,
    List<Category> choices, boolean emergency, int attempts, Instant askedAt, Instant expiresAt) {

  public enum Kind { LOCATION, CATEGORY }

  /** What the resident is told, once, when a question lapses unanswered. */
  public static final String LAPSED_REPLY =
      "您好，之前的问题因未收到您的回复，暂未立案。如仍需处理，请重新发送问题和地址，谢谢！";

  public PendingQuestion {
    choices = List.copyOf(choices);
  }
}
