package cn.gridbot.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChineseNormalizerTest {
  /** Verifies that full-width letters, digits and punctuation become half-width, lower case. */
  @Test
  void fullWidthBecomesHalfWidth() {
    assertEquals("wifi坏了,3号楼101?", ChineseNormalizer.normalize("ＷｉＦｉ坏了，３号楼１０１？"));
  }

  /** Verifies that common traditional characters become simplified ones. */
  @Test
  void traditionalBecomesSimplified() {
    assertEquals("楼道灯坏了,电梯也没修", ChineseNormalizer.normalize("樓道燈壞了,電梯也沒修"));
  }

  /** Verifies that a run of emoji (with skin tones and joiners) becomes one placeholder. */
  @Test
  void emojiRunBecomesOnePlaceholder() {
    String e = String.valueOf(ChineseNormalizer.EMOJI);
    assertEquals("灯坏了" + e + "谢谢" + e,
        ChineseNormalizer.normalize("灯坏了😡😡👍🏻谢谢👨\u200D👩\u200D👧"));
  }

  /** Verifies that whitespace of any kind collapses to one space and is trimmed. */
  @Test
  void whitespaceCollapses() {
    assertEquals("停水 三天了 abc", ChineseNormalizer.normalize(" \t停水\u3000\u3000三天了\n\r ABC  "));
  }

  /** Verifies that null and empty text normalise to the empty string. */
  @Test
  void nullAndEmptyAreEmpty() {
    assertEquals("", ChineseNormalizer.normalize(null));
    assertEquals("", ChineseNormalizer.normalize(""));
    assertEquals("", ChineseNormalizer.normalize(" \u200B "));
  }
}
