package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.routing.PriorityRule;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code config/understanding.yaml}, validated and compiled (see {@link RulesLoader}). Immutable.
 *
 * @param askBelow below this classifier confidence the bot asks instead of guessing
 * @param overridesUnless no override applies to a message matching this (null: none)
 */
public record UnderstandingRules(double askBelow, EmergencyRules emergency,
    List<KeywordOverride> overrides, Pattern overridesUnless, List<PriorityRule> priorityRules,
    PlaceRules place) {
  public static final String FILE = "understanding.yaml";
}
