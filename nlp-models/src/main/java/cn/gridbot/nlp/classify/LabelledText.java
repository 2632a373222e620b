package cn.gridbot.nlp.classify;

/** One training example: a message and its label (any string; the product uses taxonomy ids). */
public record LabelledText(String text, String label) {
  public LabelledText {
    if (text == null) {
      throw new IllegalArgumentException("text == null");
    }
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("label is blank");
    }
  }
}
