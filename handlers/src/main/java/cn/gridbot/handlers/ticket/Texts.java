package cn.gridbot.handlers.ticket;

import cn.gridbot.handlers.directory.Compound;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.understanding.Place;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** Small text helpers shared by the handlers: masking, place labels, similarity. */
public final class Texts {
  private static final Pattern MOBILE = Pattern.compile("(?<!\\d)(1[3-9]\\d)(\\d{4})(\\d{4})(?!\\d)");
  private static final Pattern LANDLINE = Pattern.compile("(?<!\\d)(0\\d{2,3}-?)(\\d{3,4})(\\d{4})(?!\\d)");

  private Texts() {}

  /** Replaces the middle digits of mobile and landline numbers: 13812345678 → 138****5678. */
  public static String maskPhones(String text) {
    String s = MOBILE.matcher(text).replaceAll("$1****$3");
    return LANDLINE.matcher(s).replaceAll("$1****$3");
  }

  /** A place as people say it: 和平小区3号楼2单元401室, 龙首路. Empty string for no place. */
  public static String describe(Directory directory, Place p) {
    if (p == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    if (p.segmentId() != null) {
      directory.segment(p.segmentId()).ifPresent(s -> b.append(s.name()));
    }
    if (p.compoundId() != null) {
      directory.compound(p.compoundId()).map(Compound::name).ifPresent(b::append);
    }
    if (p.building() != null) {
      b.append(p.building()).append("号楼");
    }
    if (p.unit() != null) {
      b.append(p.unit()).append("单元");
    }
    if (p.room() != null) {
      b.append(p.room()).append("室");
    }
    return b.toString();
  }

  private static final Pattern PLACE_WORDS = Pattern.compile(
      "[0-9０-９一二三四五六七八九十]+\\s*(号楼|号|栋|幢|#|单元|楼|层|室)|[0-9０-９]+");

  /**
   * How alike two reports are in what they say, not where: compound and segment names, building,
   * unit and room numbers are removed first, then the character-bigram Jaccard similarity.
   */
  public static double similarityOfProblem(Directory directory, String a, String b) {
    return similarity(stripPlaces(directory, a), stripPlaces(directory, b));
  }

  /** The text without compound and segment names, building, unit and room numbers. */
  public static String stripPlaces(Directory directory, String text) {
    String s = text;
    for (String name : directory.compoundNames().keySet()) {
      s = s.replace(name, " ");
    }
    for (String name : directory.segmentNames().keySet()) {
      s = s.replace(name, " ");
    }
    return PLACE_WORDS.matcher(s).replaceAll(" ");
  }

  /** Jaccard similarity of the two texts' character bigrams (punctuation and spaces ignored). */
  public static double similarity(String a, String b) {
    Set<String> x = bigrams(a);
    Set<String> y = bigrams(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    Set<String> inter = new HashSet<>(x);
    inter.retainAll(y);
    Set<String> union = new HashSet<>(x);
    union.addAll(y);
    return (double) inter.size() / union.size();
  }

  private static Set<String> bigrams(String s) {
    StringBuilder clean = new StringBuilder();
    s.codePoints().filter(Character::isLetterOrDigit).forEach(clean::appendCodePoint);
    Set<String> out = new HashSet<>();
    for (int i = 0; i + 1 < clean.length(); i++) {
      out.add(clean.substring(i, i + 2));
    }
    return out;
  }

  /** The key duplicate detection groups by: a building of a compound, a segment, or null. */
  public static String placeKey(Place p) {
    if (p == null) {
      return null;
    }
    if (p.compoundId() != null && p.building() != null) {
      return p.compoundId() + ":" + p.building();
    }
    if (p.segmentId() != null) {
      return "seg:" + p.segmentId();
    }
    return null;
  }
}
