package cn.gridbot.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {
  private static final FeatureSpec TRIGRAMS = new FeatureSpec(FeatureSpec.Kind.CHINESE, 1, 3);

  private static List<String> features(String text) {
    return Arrays.asList(TRIGRAMS.extract(text));
  }

  /** Verifies that Latin words and numbers stay whole, and numbers also give a shape. */
  @Test
  void latinWordsAndNumbersAreWhole() {
    List<String> f = features("WiFi坏了 报警110");
    assertTrue(f.contains("wifi"), f.toString());
    assertTrue(f.contains("wifi 坏"), f.toString());
    assertTrue(f.contains("110"), f.toString());
    assertTrue(f.contains("#3"), f.toString());
    assertTrue(f.contains("警 #3"), f.toString());
    assertFalse(f.contains("w"), f.toString());
    assertFalse(f.contains("1"), f.toString());
  }

  /** Verifies that characters give 1-3 grams that do not cross punctuation or spaces. */
  @Test
  void characterNgramsStopAtBoundaries() {
    List<String> f = features("楼道灯，坏了");
    assertEquals(List.of("楼", "楼道", "楼道灯", "道", "道灯", "灯", "坏", "坏了", "了"), f);
  }

  /** Verifies that repeated n-grams are repeated (term frequency reaches the weighting). */
  @Test
  void repeatsAreKept() {
    assertEquals(2, features("停水 停水").stream().filter("停水"::equals).count());
  }

  /** Verifies that traditional and full-width spellings extract the same features. */
  @Test
  void variantsShareFeatures() {
    assertArrayEquals(FeatureSpec.DEFAULT.extract("楼道灯坏了3天"),
        FeatureSpec.DEFAULT.extract("樓道燈壞了３天"));
  }

  /** Verifies that edge features mark how the message starts and ends, and skip-bigrams. */
  @Test
  void edgesAndSkipBigrams() {
    FeatureSpec spec = new FeatureSpec(FeatureSpec.Kind.CHINESE, 1, 1, true, true);
    List<String> f = Arrays.asList(spec.extract("能不能帮我，买菜吗"));
    assertTrue(f.contains("^能不"), f.toString());
    assertTrue(f.contains("吗$"), f.toString());
    assertTrue(f.contains("能_能"), f.toString());
    assertTrue(f.contains("买_吗"), f.toString());
    assertFalse(f.contains("我_买"), f.toString()); // not across the comma
    assertTrue(Arrays.asList(FeatureSpec.DEFAULT.extract("停水")).contains("^停水"));
  }

  /** Verifies that the plain baseline takes raw character 1-2 grams, punctuation included. */
  @Test
  void plainCharsAreRaw() {
    FeatureSpec plain = new FeatureSpec(FeatureSpec.Kind.PLAIN_CHARS, 1, 2);
    assertEquals(List.of("a", "a,", ",", ",灯", "灯"), Arrays.asList(plain.extract("A,灯")));
  }

  /** Verifies that empty text has no features and a bad spec is refused. */
  @Test
  void edgeCases() {
    assertEquals(0, FeatureSpec.DEFAULT.extract("").length);
    assertEquals(List.of("!"), Arrays.asList(TRIGRAMS.extract("，。！ ")));
    assertThrows(IllegalArgumentException.class,
        () -> new FeatureSpec(FeatureSpec.Kind.CHINESE, 3, 2));
  }
}
