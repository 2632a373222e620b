package cn.gridbot.nlp.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The emergency section of {@code understanding.yaml}, compiled. Each cue is one alternation;
 * a null pattern means the list was empty.
 */
public record EmergencyRules(Pattern ignore, Pattern negation, Pattern hypothetical,
    Pattern conditional, Pattern past,
    Pattern after, Pattern resolved, Pattern message, List<EmergencyKind> kinds) {}
