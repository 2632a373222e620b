package cn.gridbot.bot.platform;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextPartsTest {
  @Test
  void verifiesThatShortTextIsUntouched() {
    assertEquals(List.of("你好"), TextParts.split("你好", 2048));
    assertEquals("你好", TextParts.trim("你好", 2048));
  }

  @Test
  void verifiesThatLongChineseTextIsSplitWithinTheByteLimitWithoutLosingText() {
    String text = ("第一行：和平小区3号楼楼道灯坏了。\n").repeat(300) + "😀".repeat(100);
    List<String> parts = TextParts.split(text, 2048);
    assertTrue(parts.size() > 1);
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      assertTrue(TextParts.bytes(parts.get(i)) <= 2048, "part " + i + " is " + TextParts.bytes(parts.get(i)) + " bytes");
      String suffix = "\n（" + (i + 1) + "/" + parts.size() + "）";
      assertTrue(parts.get(i).endsWith(suffix));
      joined.append(parts.get(i), 0, parts.get(i).length() - suffix.length());
    }
    assertEquals(text.replaceAll("\\s+", ""), joined.toString().replaceAll("\\s+", ""));
  }

  @Test
  void verifiesThatTrimKeepsTheLimitAndSaysSo() {
    String t = TextParts.trim("灯".repeat(5000), 4096);
    assertTrue(TextParts.bytes(t) <= 4096);
    assertTrue(t.endsWith(TextParts.TRIMMED_NOTE));
  }
}
