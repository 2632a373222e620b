package cn.gridbot.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTest {
  private static List<String> labels() {
    List<String> labels = new ArrayList<>();
    labels.addAll(Collections.nCopies(50, "a"));
    labels.addAll(Collections.nCopies(30, "b"));
    labels.addAll(Collections.nCopies(20, "c"));
    Collections.shuffle(labels, new java.util.Random(3));
    return labels;
  }

  /** Verifies that every fold keeps the corpus's label proportions (50/30/20 → 10/6/4). */
  @Test
  void foldsKeepLabelProportions() {
    List<String> labels = labels();
    int[] fold = StratifiedFolds.assign(labels, 5, 1);
    for (int f = 0; f < 5; f++) {
      int a = 0;
      int b = 0;
      int c = 0;
      for (int i = 0; i < fold.length; i++) {
        if (fold[i] == f) {
          switch (labels.get(i)) {
            case "a" -> a++;
            case "b" -> b++;
            default -> c++;
          }
        }
      }
      assertEquals(10, a, "fold " + f);
      assertEquals(6, b, "fold " + f);
      assertEquals(4, c, "fold " + f);
    }
  }

  /** Verifies that the assignment depends only on the seed, and that one fold is refused. */
  @Test
  void deterministicForASeed() {
    assertArrayEquals(
        StratifiedFolds.assign(labels(), 5, 9), StratifiedFolds.assign(labels(), 5, 9));
    assertThrows(IllegalArgumentException.class, () -> StratifiedFolds.assign(labels(), 1, 1));
  }
}
