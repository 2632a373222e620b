package cn.gridbot.bot;

import cn.gridbot.handlers.routing.Triage;
import cn.gridbot.handlers.understanding.Understanding;
import cn.gridbot.nlp.understanding.Analyzer;

/**
 * The understanding side the service runs with: the reader of messages, the router, and the
 * confidence below which the bot asks the resident instead of guessing; the analyzer, when
 * present, answers the admin API's analyze requests (the {@code analyze} command's output).
 */
public record Brain(Understanding understanding, Triage triage, double askBelow, Analyzer analyzer) {
  /** Without the analyzer (the admin API's analyze endpoint then answers 503). */
  public Brain(Understanding understanding, Triage triage, double askBelow) {
    this(understanding, triage, askBelow, null);
  }
}
