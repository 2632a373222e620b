package cn.gridbot.nlp.rules;

import java.util.regex.Pattern;

/**
 * The place section of {@code understanding.yaml}: cues that a message is about someone or
 * somewhere other than the sender at home, and look-alikes of compound names.
 */
public record PlaceRules(Pattern elsewhere, Pattern notATypo) {}
