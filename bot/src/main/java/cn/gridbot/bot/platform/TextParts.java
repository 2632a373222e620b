package cn.gridbot.bot.platform;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits text into a platform's byte limit (UTF-8): split into numbered parts at line breaks where
 * possible, or trimmed with a note when the platform takes one message only. Never drops text
 * silently.
 */
public final class TextParts {
  /** Appended to a trimmed message. */
  public static final String TRIMMED_NOTE = "…（内容过长，已截断）";
  static final int SUFFIX_BYTES = 12; // "（12/12）"-style marker, ASCII digits

  private TextParts() {}

  public static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The text as parts of at most {@code maxBytes} each; one part, unchanged, when it fits. */
  public static List<String> split(String text, int maxBytes) {
    if (bytes(text) <= maxBytes) {
      return List.of(text);
    }
    int budget = maxBytes - SUFFIX_BYTES - 6;
    List<String> raw = new ArrayList<>();
    String rest = text;
    while (bytes(rest) > budget) {
      int cut = prefixChars(rest, budget);
      int nl = rest.lastIndexOf('\n', cut);
      if (nl > cut / 2) {
        cut = nl + 1;
      }
      raw.add(rest.substring(0, cut));
      rest = rest.substring(cut);
    }
    if (!rest.isEmpty()) {
      raw.add(rest);
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      out.add(raw.get(i).stripTrailing() + "\n（" + (i + 1) + "/" + raw.size() + "）");
    }
    return out;
  }

  /** The text cut to {@code maxBytes} including {@link #TRIMMED_NOTE}; unchanged when it fits. */
  public static String trim(String text, int maxBytes) {
    if (bytes(text) <= maxBytes) {
      return text;
    }
    return text.substring(0, prefixChars(text, maxBytes - bytes(TRIMMED_NOTE))) + TRIMMED_NOTE;
  }

  /** How many chars of {@code s} fit into {@code maxBytes}, never splitting a surrogate pair. */
  static int prefixChars(String s, int maxBytes) {
    int used = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (used + n > maxBytes) {
        break;
      }
      used += n;
      i += Character.charCount(cp);
    }
    return Math.max(i, 1);
  }
}
