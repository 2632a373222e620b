package cn.gridbot.nlp.place;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites Chinese numerals that count buildings, units, floors and rooms as Arabic digits:
 * "十二号楼一单元" → "12号楼1单元", "二十栋" → "20栋", "四零一室" → "401室"; and a flat number
 * read digit by digit right after a unit or building, "一单元一零二" → "1单元102". Only numerals
 * right before such a marker (or in that place) are touched, so "一些", "十分" stay as they are.
 */
final class ChineseNumerals {
  private static final Pattern RUN =
      Pattern.compile("[零〇一二两三四五六七八九十百]+(?=号|栋|幢|单元|楼|层|门|室|#|好楼)");
  /** A flat number read digit by digit right after a unit or building ("1单元一零二", "2号楼 幺五零二"). */
  private static final Pattern FLAT_AFTER_UNIT =
      Pattern.compile("(?<=单元|单元 |号楼|号楼 |栋 )[零〇幺一二三四五六七八九]{3,4}"
          + "(?![零〇幺一二两三四五六七八九十百楼层号户家个天年])");
  private static final String DIGITS = "零一二三四五六七八九";
  private static final Pattern ONE_BY_ONE = Pattern.compile("(栋|幢|层|楼|单元|户|家|门)一\\1");
  /** "一栋都没装", "一个单元也没修": not a single one was fitted or fixed, no number ("一栋都没暖气" stays 1栋). */
  private static final Pattern NOT_ONE = Pattern.compile("(?:栋|幢|个单元)楼?(?:都|也)(?:没|不)(?:装|修|建|弄|改|加|换|给|批)");
  /**
   * Numerals misheard by voice input right before 号楼 or 单元 ("山号楼", "酒号楼", "衣单元"), and 幺 said
   * for one ("幺号楼"): one character, not after another numeral. Only sounds that make no other sense
   * there are read.
   */
  private static final String[] HOMOPHONE_MARKERS = {"号楼", "单元"};
  /** Two or more digits said one by one with 幺 for one, before a marker: "幺幺号楼" is building 11. */
  private static final Pattern YAO_RUN =
      Pattern.compile("[零〇一二三四五六七八九]*幺[零〇幺一二三四五六七八九]*(?=号楼|栋|幢|单元)");
  private static final String[] SOUNDS = {"", "衣依医伊幺壹", "儿尔贰貳", "山伞叁參", "寺肆", "舞午伍武", "留溜陆", "期妻柒",
      "吧巴捌", "酒久玖", "实拾"};

  private ChineseNumerals() {}

  static String toArabic(String text) {
    return flatsAfterUnits(beforeMarkers(homophones(text)));
  }

  private static String homophones(String text) {
    if (text.indexOf('幺') >= 0) {
      Matcher m = YAO_RUN.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String run = m.group();
        m.appendReplacement(sb, run.length() > 1 ? run.replace('幺', '一') : run);
      }
      m.appendTail(sb);
      text = sb.toString();
    }
    char[] out = null;
    for (String marker : HOMOPHONE_MARKERS) {
      for (int i = text.indexOf(marker); i > 0; i = text.indexOf(marker, i + 1)) {
        int d = soundOf(text.charAt(i - 1));
        if (d > 0 && (i < 2 || !isNumeral(text.charAt(i - 2)))) {
          if (out == null) {
            out = text.toCharArray();
          }
          out[i - 1] = d == 10 ? '十' : DIGITS.charAt(d);
        }
      }
    }
    return out == null ? text : new String(out);
  }

  /** Whether "一栋", "一层", "一单元"… ends just before {@code pos} (the second half of "一栋一栋"). */
  private static boolean afterOneOf(String text, int pos) {
    if (pos >= 2 && text.charAt(pos - 2) == '一' && "栋幢层楼户家门".indexOf(text.charAt(pos - 1)) >= 0) {
      return true;
    }
    return pos >= 3 && text.startsWith("一单元", pos - 3);
  }

  private static int soundOf(char c) {
    for (int d = 1; d < SOUNDS.length; d++) {
      if (SOUNDS[d].indexOf(c) >= 0) {
        return d;
      }
    }
    return 0;
  }

  private static boolean isNumeral(char c) {
    return (c >= '0' && c <= '9') || "零〇一二两三四五六七八九十百".indexOf(c) >= 0;
  }

  private static String flatsAfterUnits(String text) {
    Matcher m = FLAT_AFTER_UNIT.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, convert(m.group().replace('幺', '一')));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String beforeMarkers(String text) {
    Matcher m = RUN.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String run = m.group();
      String rest = text.substring(m.end());
      // "一栋楼都停水了" is "a whole building", not building 1; "一栋一栋敲门", "一层一层找" is "one by one".
      boolean wholeBuilding = (run.equals("一") || run.equals("两") || run.equals("整"))
          && (rest.startsWith("栋楼") || rest.startsWith("幢楼") || rest.startsWith("层楼"));
      boolean oneByOne = run.equals("一")
          && (ONE_BY_ONE.matcher(rest).lookingAt() || NOT_ONE.matcher(rest).lookingAt()
              || afterOneOf(text, m.start()));
      // "我们这一栋", "那一栋", "同一栋楼", "每一层" point at a building, they do not number it.
      boolean demonstrative = (run.equals("一") || run.equals("两")) && m.start() > 0
          && "这那哪每同".indexOf(text.charAt(m.start() - 1)) >= 0
          && (rest.startsWith("栋") || rest.startsWith("幢") || rest.startsWith("层") || rest.startsWith("楼"));
      String value = wholeBuilding || oneByOne || demonstrative ? run : convert(run);
      m.appendReplacement(sb, Matcher.quoteReplacement(value == null ? run : value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The value of a numeral run, or null when it is not a number this parser reads. */
  static String convert(String run) {
    String r = run.replace('〇', '零').replace('两', '二');
    if (r.indexOf('十') < 0 && r.indexOf('百') < 0) {
      StringBuilder digits = new StringBuilder();
      for (char c : r.toCharArray()) {
        digits.append(DIGITS.indexOf(c));
      }
      return digits.toString();
    }
    int total = 0;
    int current = 0;
    for (char c : r.toCharArray()) {
      if (c == '百') {
        total += (current == 0 ? 1 : current) * 100;
        current = 0;
      } else if (c == '十') {
        total += (current == 0 ? 1 : current) * 10;
        current = 0;
      } else {
        current = DIGITS.indexOf(c);
      }
    }
    return String.valueOf(total + current);
  }
}
