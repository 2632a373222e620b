package cn.gridbot.nlp.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Stratified k-fold assignment: every fold gets each label in (almost) the corpus proportion. */
public final class StratifiedFolds {
  private StratifiedFolds() {}

  /**
   * The fold (0..k-1) of each example. Each label's examples are shuffled with {@code seed} and
   * dealt round-robin; the deal continues where the previous label stopped, so fold sizes differ
   * by at most one.
   */
  public static int[] assign(List<String> labels, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 folds, got " + k);
    }
    Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
    for (int i = 0; i < labels.size(); i++) {
      byLabel.computeIfAbsent(labels.get(i), l -> new ArrayList<>()).add(i);
    }
    Random rnd = new Random(seed);
    int[] fold = new int[labels.size()];
    int next = 0;
    for (List<Integer> members : byLabel.values()) {
      Collections.shuffle(members, rnd);
      for (int i : members) {
        fold[i] = next;
        next = (next + 1) % k;
      }
    }
    return fold;
  }
}
