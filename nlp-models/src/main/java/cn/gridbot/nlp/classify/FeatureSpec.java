package cn.gridbot.nlp.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * How a text becomes features; saved with every model so that training and inference can never
 * disagree. {@link #CODE_VERSION} changes whenever the extraction code changes what it emits for
 * the same spec, and a model saved under another version is refused at load time.
 *
 * @param kind {@link Kind#CHINESE} for the product recipe, {@link Kind#PLAIN_CHARS} for the
 *     baseline (raw character n-grams, as scikit-learn's {@code analyzer="char"} does)
 * @param minN smallest n-gram length, in units (a unit is a Chinese character, a Latin word, a
 *     number or an emoji)
 * @param maxN largest n-gram length
 * @param skipBigrams also emit pairs of units one unit apart ("楼_灯"), within a segment
 * @param edges also emit the first unit bigram and the last unit of the message, marked ("^能不",
 *     "吗$"): how a message starts and ends says much about its intent
 */
public record FeatureSpec(Kind kind, int minN, int maxN, boolean skipBigrams, boolean edges) {
  /** Version of the extraction code; bump it when the same spec would emit different features. */
  public static final int CODE_VERSION = 1;

  /** The product recipe's features: normalised text, unit 1-2 grams, edge features. */
  public static final FeatureSpec DEFAULT = new FeatureSpec(Kind.CHINESE, 1, 2, false, true);

  /** A spec without skip-bigrams or edge features. */
  public FeatureSpec(Kind kind, int minN, int maxN) {
    this(kind, minN, maxN, false, false);
  }

  /** Which extraction to run. */
  public enum Kind {
    CHINESE,
    PLAIN_CHARS
  }

  public FeatureSpec {
    if (kind == null) {
      throw new IllegalArgumentException("kind == null");
    }
    if (minN < 1 || maxN < minN || maxN > 6) {
      throw new IllegalArgumentException("need 1 <= minN <= maxN <= 6, got " + minN + "-" + maxN);
    }
  }

  /** The features of {@code text}, repeated as often as they occur (term frequency matters). */
  public String[] extract(String text) {
    List<String> out = new ArrayList<>(64);
    extract(text, out);
    return out.toArray(new String[0]);
  }

  /** Appends the features of {@code text} to {@code out}. */
  public void extract(String text, List<String> out) {
    if (kind == Kind.PLAIN_CHARS) {
      plainChars(text, out);
    } else {
      chinese(ChineseNormalizer.normalize(text), out);
    }
  }

  private static final byte CJK = 0;
  private static final byte WORD = 1;
  private static final byte NUMBER = 2;
  private static final byte SYMBOL = 3; // emoji placeholder, '?' or '!': single char, no spacing

  private void chinese(String s, List<String> out) {
    int n = s.length();
    // Units of the current segment (a run without boundaries), as offsets into s.
    int[] start = new int[Math.max(8, n)];
    int[] end = new int[start.length];
    byte[] type = new byte[start.length];
    int units = 0;
    int firstStart = -1;
    int firstEnd = -1;
    int lastStart = -1;
    int lastEnd = -1;
    int secondStart = -1;
    int secondEnd = -1;
    for (int i = 0; i < n; ) {
      char c = s.charAt(i);
      int len;
      byte t;
      if (isLatinLetter(c)) {
        len = 1;
        while (i + len < n && isLatinLetter(s.charAt(i + len))) {
          len++;
        }
        t = WORD;
      } else if (c >= '0' && c <= '9') {
        len = 1;
        while (i + len < n && s.charAt(i + len) >= '0' && s.charAt(i + len) <= '9') {
          len++;
        }
        t = NUMBER;
      } else if (c == ChineseNormalizer.EMOJI || c == '?' || c == '!') {
        len = 1;
        t = SYMBOL;
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isIdeographic(s.codePointAt(i))) {
        len = 2;
        t = CJK;
      } else if (Character.isIdeographic(c) || Character.isLetter(c)) {
        // Other scripts' letters (kana, Greek...) are rare; one unit per character is enough.
        len = 1;
        t = CJK;
      } else {
        emitSegment(s, start, end, type, units, out);
        units = 0;
        i++;
        continue;
      }
      start[units] = i;
      end[units] = i + len;
      type[units] = t;
      units++;
      if (edges && t != NUMBER) {
        if (firstStart < 0) {
          firstStart = i;
          firstEnd = i + len;
        } else if (secondStart < 0) {
          secondStart = i;
          secondEnd = i + len;
        }
        lastStart = i;
        lastEnd = i + len;
      }
      i += len;
    }
    emitSegment(s, start, end, type, units, out);
    if (edges && firstStart >= 0) {
      out.add("^" + s.substring(firstStart, firstEnd)
          + (secondStart >= 0 ? s.substring(secondStart, secondEnd) : "$"));
      out.add(s.substring(lastStart, lastEnd) + "$");
    }
  }

  private static boolean isLatinLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private void emitSegment(String s, int[] start, int[] end, byte[] type, int units,
      List<String> out) {
    for (int i = 0; i < units; i++) {
      if (type[i] == NUMBER) {
        // Whole numbers matter (110, 120, 12345 hotline); their shape generalises (room 401).
        if (minN == 1) {
          out.add(s.substring(start[i], end[i]));
        }
      }
      for (int len = minN; len <= maxN && i + len <= units; len++) {
        out.add(gram(s, start, end, type, i, len));
      }
      if (skipBigrams && i + 2 < units) {
        out.add(unit(s, start, end, type, i) + "_" + unit(s, start, end, type, i + 2));
      }
    }
  }

  private static String unit(String s, int[] start, int[] end, byte[] type, int k) {
    return type[k] == NUMBER ? "#" + Math.min(end[k] - start[k], 9) : s.substring(start[k], end[k]);
  }

  private static String gram(String s, int[] start, int[] end, byte[] type, int from, int len) {
    boolean simple = true;
    for (int k = from; k < from + len; k++) {
      if (type[k] == WORD || type[k] == NUMBER) {
        simple = false;
        break;
      }
    }
    if (simple) {
      return s.substring(start[from], end[from + len - 1]);
    }
    StringBuilder b = new StringBuilder(16);
    for (int k = from; k < from + len; k++) {
      boolean spaced = type[k] == WORD || type[k] == NUMBER
          || (k > from && (type[k - 1] == WORD || type[k - 1] == NUMBER));
      if (k > from && spaced) {
        b.append(' ');
      }
      if (type[k] == NUMBER) {
        b.append('#').append(Math.min(end[k] - start[k], 9));
      } else {
        b.append(s, start[k], end[k]);
      }
    }
    return b.toString();
  }

  private void plainChars(String text, List<String> out) {
    if (text == null) {
      return;
    }
    StringBuilder b = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
        continue;
      }
      if (space) {
        b.append(' ');
        space = false;
      }
      b.append(c);
    }
    String s = b.toString();
    for (int i = 0; i < s.length(); i++) {
      for (int len = minN; len <= maxN && i + len <= s.length(); len++) {
        out.add(s.substring(i, i + len));
      }
    }
  }
}
