package cn.gridbot.nlp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrefilterTest {
  /** Verifies that only patterns whose literals occur are candidates, and that guessing is never done. */
  @Test
  void marksOnlyPatternsWhoseLiteralsOccur() {
    Prefilter f = new Prefilter();
    int fire = f.add(Pattern.compile("着火|起火"));
    int lift = f.add(Pattern.compile("电[梯悌][^，]{0,8}困"));
    int anything = f.add(Pattern.compile("\\d+"));
    int none = f.add(null);
    f.build();

    Prefilter.Candidates a = f.scan("楼下起火了");
    assertTrue(a.may(fire));
    assertFalse(a.may(lift));
    assertTrue(a.may(anything), "a pattern without literals is always tried");
    assertTrue(a.may(none));

    Prefilter.Candidates b = f.scan("电悌里困了人");
    assertFalse(b.may(fire));
    assertTrue(b.may(lift));
    assertFalse(f.scan("电视坏了").may(lift));
  }

  /**
   * Verifies that overlapping and repeated literals are all found, at the end of the text too, and
   * literals that are prefixes of one another: each where it ends, the shorter inside the longer, the
   * longer never from the shorter alone.
   */
  @Test
  void findsOverlappingLiterals() {
    Prefilter f = new Prefilter();
    int ab = f.add(Pattern.compile("ab"));
    int bc = f.add(Pattern.compile("bc"));
    int c = f.add(Pattern.compile("c"));
    int fire = f.add(Pattern.compile("着火"));
    int fireNow = f.add(Pattern.compile("着火了"));
    int asked = f.add(Pattern.compile("着火了吗|困"));
    f.build();
    Prefilter.Candidates m = f.scan("xabc");
    assertTrue(m.may(ab) && m.may(bc) && m.may(c));
    assertFalse(f.scan("xac").may(ab));
    Prefilter.Candidates n = f.scan("楼下着火了");
    assertTrue(n.may(fire) && n.may(fireNow));
    assertFalse(n.may(asked));
    assertFalse(f.scan("着火").may(fireNow), "a literal longer than the text is not found in it");
    assertTrue(f.scan("是着火了吗").may(asked));
  }

  /** Verifies that more than 64 patterns are told apart (several words of bits). */
  @Test
  void handlesManyPatterns() {
    Prefilter f = new Prefilter();
    int[] slots = new int[150];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = f.add(Pattern.compile("w" + i + "x"));
    }
    f.build();
    Prefilter.Candidates m = f.scan("...w130x...");
    for (int i = 0; i < slots.length; i++) {
      if (i == 130) {
        assertTrue(m.may(slots[i]));
      } else {
        assertFalse(m.may(slots[i]), "slot " + i);
      }
    }
  }

  /**
   * Verifies that an alternation longer than one long's bits (the ignore list passed 64) is still
   * narrowed to the alternatives whose literals occur, not run whole.
   */
  @Test
  void narrowsAlternationsOfMoreThanSixtyFourAlternatives() {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      regex.append(i == 0 ? "" : "|").append("w").append(i).append("x");
    }
    Pattern whole = Pattern.compile(regex.toString());
    Prefilter f = new Prefilter();
    Alternation alternation = new Alternation(whole, f, true);
    f.build();
    Pattern narrowed = alternation.forText(f.scan("...w66x..."));
    assertTrue(narrowed != null && narrowed != whole, "narrowed, not run whole");
    assertTrue(narrowed.matcher("...w66x...").find());
    assertFalse(narrowed.matcher("w65x w67x w3x").find());
    assertTrue(alternation.forText(f.scan("nothing here")) == null);
    assertTrue(alternation.forText(f.scan("w1x w66x")) == alternation.forText(f.scan("w66x w1x")),
        "one compiled pattern per combination");
  }

  /**
   * Verifies that an alternation whose slots start mid-word (other patterns registered before it)
   * and span three words keeps exactly the alternatives whose literals occur, in their order, and
   * none of the patterns registered before or after it.
   */
  @Test
  void narrowsAnAlternationRegisteredAfterOtherPatterns() {
    Prefilter f = new Prefilter();
    for (int i = 0; i < 37; i++) {
      f.add(Pattern.compile("before" + i));
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      regex.append(i == 0 ? "" : "|").append("a").append(i).append("z");
    }
    Alternation alternation = new Alternation(Pattern.compile(regex.toString()), f, true);
    Alternation after = new Alternation(Pattern.compile("a1z|tail"), f, true);
    f.build();
    assertEquals("a1z|a63z|a64z|a149z",
        alternation.forText(f.scan("a149z a64z before3 a63z a1z")).pattern());
    assertEquals("a0z", alternation.forText(f.scan("a0z before36 tail")).pattern());
    assertNull(alternation.forText(f.scan("before0 before36 tail")));
    assertEquals("a1z", after.forText(f.scan("a1z")).pattern());
  }

  /** Verifies the build discipline: no scan before build, no add after. */
  @Test
  void mustBeBuiltOnce() {
    Prefilter f = new Prefilter();
    f.add(Pattern.compile("a"));
    assertThrows(IllegalStateException.class, () -> f.scan("a"));
    f.build();
    assertThrows(IllegalStateException.class, () -> f.add(Pattern.compile("b")));
  }
}
