package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.taxonomy.Category;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The 权责清单: the first override that matches decides the category. Thread-safe. */
public final class KeywordOverrides {
  private final List<KeywordOverride> overrides;
  private final Pattern unless;

  /** @param unless no override applies to text matching this; null for none */
  public KeywordOverrides(List<KeywordOverride> overrides, Pattern unless) {
    this.overrides = List.copyOf(overrides);
    this.unless = unless;
  }

  /** The category forced by the first matching override, for normalised text. */
  public Optional<Category> find(String normalized) {
    if (unless != null && unless.matcher(normalized).find()) {
      return Optional.empty();
    }
    for (KeywordOverride o : overrides) {
      if (o.matches(normalized)) {
        return Optional.of(o.category());
      }
    }
    return Optional.empty();
  }
}
