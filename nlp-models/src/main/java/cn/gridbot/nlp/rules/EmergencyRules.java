package cn.gridbot.nlp.rules;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The emergency section of {@code understanding.yaml}, compiled. Each cue is one alternation;
 * a null pattern means the list was empty. {@code present} marks "now" in a clause: a past cue
 * before it does not reach a match after it ("上礼拜修过 今天又卡了"). {@code habit} is a repeated
 * state ("每天凌晨…砸门"): it reaches a match anywhere later in its sentence, unless a present cue
 * stands between them.
 */
public record EmergencyRules(Pattern ignore, Pattern negation, Pattern hypothetical,
    Pattern conditional, Pattern past, Pattern present, Pattern habit,
    Pattern after, Pattern resolved, Pattern message, List<EmergencyKind> kinds) {}
