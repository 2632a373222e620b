package cn.gridbot.nlp.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides in one pass over a text which of many regexes can possibly match it, from the literals
 * {@link RegexLiterals} derives for each: a regex none of whose literals occurs in the text is
 * skipped. A regex without literals is always a candidate. Built once, then immutable and
 * thread-safe.
 *
 * <p>Usage: {@link #add(Pattern)} every pattern (the returned slot names it), {@link #build()}, then
 * per text {@link #scan(String)} and {@link Candidates#may(int)}.
 */
public final class Prefilter {
  /** A slot that is always a candidate, for a null pattern's guard. */
  public static final int NONE = -1;

  /** Each slot's literals; null for a pattern without any (always a candidate). */
  private final List<Set<String>> literals = new ArrayList<>();
  /** Literals by their first character, with their slots; null until built. */
  private Entry[][] table;
  private long[] alwaysBits;

  private record Entry(String literal, int[] slots) {}

  /** Registers a pattern; returns its slot, or {@link #NONE} for a null pattern. */
  public int add(Pattern pattern) {
    if (table != null) {
      throw new IllegalStateException("already built");
    }
    if (pattern == null) {
      return NONE;
    }
    literals.add(RegexLiterals.required(pattern).orElse(null));
    return literals.size() - 1;
  }

  /** Finishes registration; the prefilter can scan from now on. */
  public Prefilter build() {
    Map<String, List<Integer>> slotsByLiteral = new HashMap<>();
    alwaysBits = new long[(literals.size() + 63) / 64 + 1];
    for (int slot = 0; slot < literals.size(); slot++) {
      if (literals.get(slot) == null) {
        alwaysBits[slot >>> 6] |= 1L << slot;
        continue;
      }
      for (String l : literals.get(slot)) {
        slotsByLiteral.computeIfAbsent(l, k -> new ArrayList<>()).add(slot);
      }
    }
    Map<Character, List<Entry>> byFirst = new HashMap<>();
    slotsByLiteral.forEach((l, slots) -> byFirst.computeIfAbsent(l.charAt(0), k -> new ArrayList<>())
        .add(new Entry(l, slots.stream().mapToInt(Integer::intValue).toArray())));
    Entry[][] built = new Entry[Character.MAX_VALUE + 1][];
    byFirst.forEach((c, entries) -> built[c] = entries.toArray(new Entry[0]));
    table = built;
    return this;
  }

  /** The slots that may match {@code text}. */
  public Candidates scan(String text) {
    if (table == null) {
      throw new IllegalStateException("not built");
    }
    long[] bits = alwaysBits.clone();
    for (int i = 0; i < text.length(); i++) {
      Entry[] entries = table[text.charAt(i)];
      if (entries == null) {
        continue;
      }
      for (Entry e : entries) {
        if (text.startsWith(e.literal(), i)) {
          for (int slot : e.slots()) {
            bits[slot >>> 6] |= 1L << slot;
          }
        }
      }
    }
    return new Candidates(bits);
  }

  /** Which slots can match one text. */
  public static final class Candidates {
    private final long[] bits;

    private Candidates(long[] bits) {
      this.bits = bits;
    }

    /** Whether the pattern in {@code slot} may match ({@link #NONE}: always true). */
    public boolean may(int slot) {
      return slot == NONE || (bits[slot >>> 6] & (1L << slot)) != 0;
    }
  }
}
