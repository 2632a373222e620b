package cn.gridbot.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  /** Verifies precision, recall, F1, accuracy and macro-F1 on a hand-counted example. */
  @Test
  void metricsMatchHandCountedValues() {
    Evaluation e = new Evaluation(List.of("a", "b", "c"));
    // gold a: a a b ; gold b: b b ; gold c: a
    e.add("a", "a");
    e.add("a", "a");
    e.add("a", "b");
    e.add("b", "b");
    e.add("b", "b");
    e.add("c", "a");
    assertEquals(4.0 / 6, e.accuracy(), 1e-12);
    assertEquals(2.0 / 3, e.precision(0), 1e-12); // a predicted 3 times, 2 right
    assertEquals(2.0 / 3, e.recall(0), 1e-12);
    assertEquals(2.0 / 3, e.precision(1), 1e-12); // b predicted 3 times, 2 right
    assertEquals(1.0, e.recall(1), 1e-12);
    assertEquals(0.8, e.f1(1), 1e-12);
    assertEquals(0.0, e.f1(2), 1e-12); // c never predicted
    assertEquals((2.0 / 3 + 0.8 + 0) / 3, e.macroF1(), 1e-12);
    assertEquals("accuracy=0.6667 macro_f1=0.4889", e.summary());
  }

  /** Verifies that a label outside the declared set is refused. */
  @Test
  void unknownLabelIsRefused() {
    Evaluation e = new Evaluation(List.of("a"));
    assertThrows(IllegalArgumentException.class, () -> e.add("a", "z"));
  }
}
