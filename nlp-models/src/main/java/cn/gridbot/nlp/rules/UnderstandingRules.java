package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.routing.PriorityRule;
import java.util.List;

/**
 * {@code config/understanding.yaml}, validated and compiled (see {@link RulesLoader}). Immutable.
 *
 * @param askBelow below this classifier confidence the bot asks instead of guessing
 */
public record UnderstandingRules(double askBelow, EmergencyRules emergency,
    List<KeywordOverride> overrides, List<PriorityRule> priorityRules, PlaceRules place) {
  public static final String FILE = "understanding.yaml";
}
