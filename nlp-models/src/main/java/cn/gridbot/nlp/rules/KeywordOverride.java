package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.taxonomy.Category;
import java.util.regex.Pattern;

/** A 权责清单 entry: text matching {@code pattern} (and not {@code unless}) is {@code category}. */
public record KeywordOverride(Category category, Pattern pattern, Pattern unless) {
  public boolean matches(String normalized) {
    return pattern.matcher(normalized).find()
        && (unless == null || !unless.matcher(normalized).find());
  }
}
