package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.taxonomy.Category;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The 权责清单: the first override that matches decides the category. Thread-safe. */
public final class KeywordOverrides {
  private final List<KeywordOverride> overrides;
  private final Pattern unless;
  /** Skips the overrides whose literals a message lacks (see {@link Prefilter}). */
  private final Prefilter prefilter = new Prefilter();
  private final int unlessSlot;
  private final int[] patternSlots;

  /** @param unless no override applies to text matching this; null for none */
  public KeywordOverrides(List<KeywordOverride> overrides, Pattern unless) {
    this.overrides = List.copyOf(overrides);
    this.unless = unless;
    unlessSlot = prefilter.add(unless);
    patternSlots = new int[this.overrides.size()];
    for (int i = 0; i < patternSlots.length; i++) {
      patternSlots[i] = prefilter.add(this.overrides.get(i).pattern());
    }
    prefilter.build();
  }

  /** The category forced by the first matching override, for normalised text. */
  public Optional<Category> find(String normalized) {
    Prefilter.Candidates may = prefilter.scan(normalized);
    if (unless != null && may.may(unlessSlot) && unless.matcher(normalized).find()) {
      return Optional.empty();
    }
    for (int i = 0; i < patternSlots.length; i++) {
      KeywordOverride o = overrides.get(i);
      if (may.may(patternSlots[i]) && o.matches(normalized)) {
        return Optional.of(o.category());
      }
    }
    return Optional.empty();
  }
}
