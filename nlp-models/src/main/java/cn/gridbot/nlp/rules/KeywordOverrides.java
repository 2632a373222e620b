package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.taxonomy.Category;
import java.util.List;
import java.util.Optional;

/** The 权责清单: the first override that matches decides the category. Thread-safe. */
public final class KeywordOverrides {
  private final List<KeywordOverride> overrides;

  public KeywordOverrides(List<KeywordOverride> overrides) {
    this.overrides = List.copyOf(overrides);
  }

  /** The category forced by the first matching override, for normalised text. */
  public Optional<Category> find(String normalized) {
    for (KeywordOverride o : overrides) {
      if (o.matches(normalized)) {
        return Optional.of(o.category());
      }
    }
    return Optional.empty();
  }
}
