package cn.gridbot.nlp.rules;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A pattern seen as its top-level alternatives, each registered with a {@link Prefilter}. For one
 * text, the alternatives whose literals are absent cannot match anywhere in it, so the pattern made
 * of the others alone matches exactly where the whole one does (same positions, same ends, same
 * order of trial) and runs several times faster on the rules' long alternations. The narrowed
 * patterns are compiled once per combination and cached. Thread-safe.
 */
final class Alternation {
  /** Beyond this many cached combinations the whole pattern is used (same result, slower). */
  private static final int MAX_CACHED = 512;

  private final Pattern whole;
  private final List<String> alternatives;
  private final int[] slots;
  private final Map<Long, Pattern> narrowed = new ConcurrentHashMap<>();

  /**
   * Registers {@code whole}'s alternatives with {@code prefilter}, or the whole pattern when it cannot
   * be cut; a null pattern (a rule not set) registers nothing and never matches.
   */
  Alternation(Pattern whole, Prefilter prefilter, boolean cut) {
    this.whole = whole;
    if (whole == null) {
      alternatives = List.of();
      slots = new int[0];
      return;
    }
    List<String> parts = cut ? RegexLiterals.alternatives(whole.pattern()) : List.of(whole.pattern());
    // One bit per alternative in a long; a longer alternation is registered whole.
    alternatives = parts.size() <= Long.SIZE ? parts : List.of(whole.pattern());
    slots = new int[alternatives.size()];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = alternatives.size() == 1 ? prefilter.add(whole) : prefilter.add(Pattern.compile(alternatives.get(i), whole.flags()));
    }
  }

  /**
   * The pattern to run on the text {@code may} was scanned from, or null when nothing of it can
   * match (or the pattern is not set).
   */
  Pattern forText(Prefilter.Candidates may) {
    long mask = 0;
    for (int i = 0; i < slots.length; i++) {
      if (may.may(slots[i])) {
        mask |= 1L << i;
      }
    }
    if (mask == 0) {
      return null;
    }
    if (Long.bitCount(mask) == slots.length) {
      return whole;
    }
    Pattern p = narrowed.get(mask);
    if (p == null) {
      if (narrowed.size() >= MAX_CACHED) {
        return whole;
      }
      p = narrowed.computeIfAbsent(mask, this::compile);
    }
    return p;
  }

  private Pattern compile(long mask) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < alternatives.size(); i++) {
      if ((mask & (1L << i)) != 0) {
        sb.append(sb.length() == 0 ? "" : "|").append(alternatives.get(i));
      }
    }
    return Pattern.compile(sb.toString(), whole.flags());
  }
}
