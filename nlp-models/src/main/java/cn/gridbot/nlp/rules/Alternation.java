package cn.gridbot.nlp.rules;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * A pattern seen as its top-level alternatives, each registered with a {@link Prefilter}. For one
 * text, the alternatives whose literals are absent cannot match anywhere in it, so the pattern made
 * of the others alone matches exactly where the whole one does (same positions, same ends, same
 * order of trial) and runs several times faster on the rules' long alternations. The narrowed
 * patterns are compiled once per combination and cached. Thread-safe.
 */
final class Alternation {
  /**
   * Beyond this many cached combinations a narrowed pattern is compiled for the one text and not
   * kept: compiling a few alternatives costs less than running a long alternation whole.
   */
  private static final int MAX_CACHED = 512;

  private final Pattern whole;
  private final List<String> alternatives;
  /** The prefilter slot of the first alternative; the others follow it in order. */
  private final int base;
  private final Map<Long, Pattern> narrowed = new ConcurrentHashMap<>();
  /** The same for alternations longer than one long's bits (the ignore list, say). */
  private final Map<Words, Pattern> narrowedWide = new ConcurrentHashMap<>();

  /** Which alternatives may match, as bits over several longs; a cache key. */
  private record Words(long[] bits) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Words w && Arrays.equals(bits, w.bits);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bits);
    }
  }

  /**
   * Registers {@code whole}'s alternatives with {@code prefilter}, or the whole pattern when it cannot
   * be cut; a null pattern (a rule not set) registers nothing and never matches.
   */
  Alternation(Pattern whole, Prefilter prefilter, boolean cut) {
    this.whole = whole;
    if (whole == null) {
      alternatives = List.of();
      base = Prefilter.NONE;
      return;
    }
    alternatives = cut ? RegexLiterals.alternatives(whole.pattern()) : List.of(whole.pattern());
    List<Pattern> parts = alternatives.size() == 1 ? List.of(whole)
        : alternatives.stream().map(a -> Pattern.compile(a, whole.flags())).toList();
    // Registered one after another, the alternatives get consecutive slots from the first's.
    base = prefilter.add(parts.get(0));
    for (int i = 1; i < parts.size(); i++) {
      prefilter.add(parts.get(i));
    }
  }

  /** The candidate bits of alternatives {@code 64 * word} on (bit i: alternative 64 * word + i). */
  private long word(Prefilter.Candidates may, int word) {
    int from = word * Long.SIZE;
    int count = Math.min(Long.SIZE, alternatives.size() - from);
    long valid = count == Long.SIZE ? -1L : (1L << count) - 1;
    return may.window(base + from) & valid;
  }

  /**
   * The pattern to run on the text {@code may} was scanned from, or null when nothing of it can
   * match (or the pattern is not set).
   */
  Pattern forText(Prefilter.Candidates may) {
    if (alternatives.size() > Long.SIZE) {
      return forTextWide(may);
    }
    if (alternatives.isEmpty()) {
      return null;
    }
    long mask = word(may, 0);
    if (mask == 0) {
      return null;
    }
    if (Long.bitCount(mask) == alternatives.size()) {
      return whole;
    }
    Pattern p = narrowed.get(mask);
    if (p == null) {
      if (narrowed.size() >= MAX_CACHED) {
        return compile(mask);
      }
      p = narrowed.computeIfAbsent(mask, this::compile);
    }
    return p;
  }

  /** {@link #forText} for more alternatives than a long has bits. */
  private Pattern forTextWide(Prefilter.Candidates may) {
    if (!may.any(base, alternatives.size())) {
      return null;
    }
    long[] bits = new long[(alternatives.size() + Long.SIZE - 1) / Long.SIZE];
    int count = 0;
    for (int w = 0; w < bits.length; w++) {
      bits[w] = word(may, w);
      count += Long.bitCount(bits[w]);
    }
    if (count == 0) {
      return null;
    }
    if (count == alternatives.size()) {
      return whole;
    }
    Words key = new Words(bits);
    Pattern p = narrowedWide.get(key);
    if (p == null) {
      if (narrowedWide.size() >= MAX_CACHED) {
        return compile(i -> (bits[i >>> 6] & (1L << i)) != 0);
      }
      p = narrowedWide.computeIfAbsent(key, k -> compile(i -> (k.bits()[i >>> 6] & (1L << i)) != 0));
    }
    return p;
  }

  private Pattern compile(long mask) {
    return compile(i -> (mask & (1L << i)) != 0);
  }

  /** The pattern of the alternatives {@code kept} admits, in their order. */
  private Pattern compile(IntPredicate kept) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < alternatives.size(); i++) {
      if (kept.test(i)) {
        sb.append(sb.length() == 0 ? "" : "|").append(alternatives.get(i));
      }
    }
    return Pattern.compile(sb.toString(), whole.flags());
  }
}
