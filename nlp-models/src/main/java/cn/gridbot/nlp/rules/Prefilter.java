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
  /**
   * The literals as a trie over characters: the root's children in a direct array, deeper edges in
   * an open-addressing table keyed by (node, character); null until built.
   */
  private int[] rootChild;
  private long[] edgeKeys;
  private int[] edgeChildren;
  private int edgeMask;
  /**
   * Per node, one bit for each child's character modulo 64: a text character whose bit is clear
   * has no edge, so most failed steps cost one array read instead of a probe of the edge table.
   */
  private long[] childBits;
  /** The slots whose literal ends at each node, or null. */
  private int[][] ends;
  private long[] alwaysBits;

  /**
   * Registers a pattern; returns its slot, or {@link #NONE} for a null pattern. Slots are numbered
   * from 0 in the order of registration.
   */
  public int add(Pattern pattern) {
    if (rootChild != null) {
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
    alwaysBits = new long[(literals.size() + 63) / 64 + 1];
    int[] root = new int[Character.MAX_VALUE + 1];
    Map<Long, Integer> edges = new HashMap<>();
    List<List<Integer>> endsAt = new ArrayList<>();
    endsAt.add(null); // node 0 is the root
    for (int slot = 0; slot < literals.size(); slot++) {
      if (literals.get(slot) == null) {
        alwaysBits[slot >>> 6] |= 1L << slot;
        continue;
      }
      for (String l : literals.get(slot)) {
        int node = 0;
        for (int i = 0; i < l.length(); i++) {
          char c = l.charAt(i);
          Integer next = node == 0 ? (root[c] == 0 ? null : root[c]) : edges.get(edgeKey(node, c));
          if (next == null) {
            next = endsAt.size();
            endsAt.add(null);
            if (node == 0) {
              root[c] = next;
            } else {
              edges.put(edgeKey(node, c), next);
            }
          }
          node = next;
        }
        if (endsAt.get(node) == null) {
          endsAt.set(node, new ArrayList<>());
        }
        endsAt.get(node).add(slot);
      }
    }
    int size = Integer.highestOneBit(Math.max(4, edges.size() * 2 + 1)) << 1;
    long[] keys = new long[size];
    int[] children = new int[size];
    int mask = size - 1;
    edges.forEach((key, child) -> {
      int h = mix(key) & mask;
      while (keys[h] != 0) {
        h = (h + 1) & mask;
      }
      keys[h] = key;
      children[h] = child;
    });
    long[] nodeChildBits = new long[endsAt.size()];
    edges.keySet().forEach(key -> nodeChildBits[(int) (key >>> 16)] |= 1L << (key & 63));
    int[][] endSlots = new int[endsAt.size()][];
    for (int n = 0; n < endSlots.length; n++) {
      List<Integer> slots = endsAt.get(n);
      endSlots[n] = slots == null ? null : slots.stream().mapToInt(Integer::intValue).distinct().toArray();
    }
    edgeKeys = keys;
    edgeChildren = children;
    edgeMask = mask;
    childBits = nodeChildBits;
    ends = endSlots;
    rootChild = root;
    return this;
  }

  /** Never 0 (the empty slot): a node below the root is at least 1. */
  private static long edgeKey(int node, char c) {
    return ((long) node << 16) | c;
  }

  private static int mix(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  /** The child of {@code node} (not the root) by {@code c}, or 0. */
  private int child(int node, char c) {
    if ((childBits[node] & (1L << c)) == 0) {
      return 0;
    }
    long key = edgeKey(node, c);
    for (int h = mix(key) & edgeMask; edgeKeys[h] != 0; h = (h + 1) & edgeMask) {
      if (edgeKeys[h] == key) {
        return edgeChildren[h];
      }
    }
    return 0;
  }

  /** The slots that may match {@code text}. */
  public Candidates scan(String text) {
    if (rootChild == null) {
      throw new IllegalStateException("not built");
    }
    long[] bits = alwaysBits.clone();
    int n = text.length();
    for (int i = 0; i < n; i++) {
      int node = rootChild[text.charAt(i)];
      for (int j = i + 1; node != 0; j++) {
        int[] slots = ends[node];
        if (slots != null) {
          for (int slot : slots) {
            bits[slot >>> 6] |= 1L << slot;
          }
        }
        if (j >= n) {
          break;
        }
        node = child(node, text.charAt(j));
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

    /** Whether any of the {@code count} slots from {@code from} on may match. */
    boolean any(int from, int count) {
      for (int done = 0; done < count; done += Long.SIZE) {
        int left = count - done;
        long valid = left >= Long.SIZE ? -1L : (1L << left) - 1;
        if ((window(from + done) & valid) != 0) {
          return true;
        }
      }
      return false;
    }

    /** Whether the pattern in {@code slot} may match ({@link #NONE}: always true). */
    public boolean may(int slot) {
      return slot == NONE || (bits[slot >>> 6] & (1L << slot)) != 0;
    }

    /**
     * The candidate bits of the 64 slots from {@code from} on (bit i: slot {@code from + i}); slots
     * beyond the last registered one read as 0. For callers whose slots are consecutive, this
     * replaces one {@link #may} per slot by a shift or two.
     */
    long window(int from) {
      int word = from >>> 6;
      int offset = from & 63;
      if (word >= bits.length) {
        return 0;
      }
      long low = bits[word] >>> offset;
      if (offset == 0 || word + 1 >= bits.length) {
        return low;
      }
      return low | (bits[word + 1] << (64 - offset));
    }
  }
}
