package cn.gridbot.nlp.classify;

/** A label with the classifier's probability for it. */
public record Scored(String label, double probability) {}
