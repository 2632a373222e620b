package cn.gridbot.nlp.rules;

import java.util.regex.Pattern;

/** The place section of {@code understanding.yaml}: "at home" cues and look-alikes of names. */
public record PlaceRules(Pattern atHome, Pattern notATypo) {}
