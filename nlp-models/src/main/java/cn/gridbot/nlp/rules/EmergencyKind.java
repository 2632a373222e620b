package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.taxonomy.Category;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One kind of emergency from {@code understanding.yaml}: its patterns, the category it forces (null:
 * the classifier's stands), optional category switches ({@code category_when}) and a message-wide
 * veto ({@code unless}).
 */
public record EmergencyKind(String id, Category category, List<Pattern> patterns,
    List<CategoryWhen> categoryWhen, Pattern unless) {

  /** A different category when {@code pattern} also matches the message. */
  public record CategoryWhen(Pattern pattern, Category category) {}

  /** The category this kind forces for a (masked, normalised) message; null when it forces none. */
  public Category categoryFor(String text) {
    for (CategoryWhen w : categoryWhen) {
      if (w.pattern().matcher(text).find()) {
        return w.category();
      }
    }
    return category;
  }
}
