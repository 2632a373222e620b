package cn.gridbot.nlp.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives, from a Java regular expression, a set of literal strings at least one of which occurs in
 * every match ("着火|起火" → {着火, 起火}; "电[梯悌][^，]{0,16}困" → {电梯, 电悌} or {困}). A message
 * containing none of them cannot match, so the regex need not run: the rules' patterns are long
 * alternations that {@link java.util.regex.Matcher#find()} would otherwise try at every position.
 *
 * <p>The analysis is conservative: anything it does not understand (inline flags, back-references,
 * Unicode properties, class intersections, emoji inside a character class, any pattern compiled
 * with flags) yields no literals, and such a pattern is simply always run. Literals are exact characters, so the text
 * must be normalised the same way the pattern's text is (the rules see {@link TextNormalizer}'s
 * output).
 */
public final class RegexLiterals {
  /** Largest set of alternatives kept; beyond it a node counts as "any string". */
  private static final int MAX_SET = 128;
  /** Largest character class expanded into single-character literals. */
  private static final int MAX_CLASS = 24;

  private final String re;
  private int pos;

  private RegexLiterals(String re) {
    this.re = re;
  }

  /**
   * The required literals of {@code pattern}, or empty when none can be derived (the pattern may
   * match without any particular literal, or the analysis does not understand it).
   */
  public static Optional<Set<String>> required(Pattern pattern) {
    if (pattern.flags() != 0) {
      return Optional.empty();
    }
    return required(pattern.pattern());
  }

  /** As {@link #required(Pattern)}, for the source of a pattern compiled without flags. */
  public static Optional<Set<String>> required(String regex) {
    try {
      RegexLiterals p = new RegexLiterals(regex);
      Info info = p.alternation();
      if (p.pos != regex.length()) {
        return Optional.empty();
      }
      Set<String> req = info.best();
      return req == null ? Optional.empty() : Optional.of(Collections.unmodifiableSet(pruned(req)));
    } catch (Unsupported | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /**
   * The top-level alternatives of a pattern's source ("着火|电[梯悌]困" → [着火, 电[梯悌]困]), each a
   * regex that matches on its own what it matched as a branch. When splitting could change the
   * meaning (back-references, whose group numbers would shift; inline flags such as "(?i)" that reach
   * later branches; quoting with \Q) or the source has one alternative, the list is the source alone.
   * A branch that is one non-capturing group of several alternatives (a rule list joins its items
   * as "(?:item1)|(?:item2)") is opened in place: "(?:a|b)|c" tries a, b, c in that order as "a|b|c"
   * does, so the branches of a long item are told apart too.
   */
  public static List<String> alternatives(String regex) {
    List<String> out = new ArrayList<>();
    for (String branch : topLevel(regex)) {
      String body = groupBody(branch);
      List<String> inner = body == null ? List.of() : topLevel(body);
      if (inner.size() > 1) {
        out.addAll(alternatives(body));
      } else {
        out.add(branch);
      }
    }
    return List.copyOf(out);
  }

  /** What "(?:X)" holds when the group spans all of {@code branch}; otherwise null. */
  private static String groupBody(String branch) {
    if (!branch.startsWith("(?:") || !branch.endsWith(")")) {
      return null;
    }
    int close = walk(branch, (i, c, depth) -> !(c == ')' && depth == 1));
    return close == branch.length() - 1 ? branch.substring(3, close) : null;
  }

  /** The branches of {@code regex} at its top level only (see {@link #alternatives}). */
  private static List<String> topLevel(String regex) {
    List<Integer> bars = new ArrayList<>();
    if (walk(regex, (i, c, depth) -> {
      if (c == '|' && depth == 0) {
        bars.add(i);
      }
      return true;
    }) < 0 || bars.isEmpty()) {
      return List.of(regex);
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int bar : bars) {
      out.add(regex.substring(from, bar));
      from = bar + 1;
    }
    out.add(regex.substring(from));
    return List.copyOf(out);
  }

  /** What a walk over a pattern's source sees outside escapes and character classes. */
  private interface Walker {
    /** Called for each such character with the depth of the groups around it; false stops the walk. */
    boolean at(int i, char c, int depth);
  }

  /**
   * Walks {@code regex}, showing {@code walker} every character outside escapes and character
   * classes. Returns where the walker stopped; {@code regex.length()} after a whole walk with every
   * group and class closed; -1 when they are not, or when the source holds what a cut would change
   * (back-references, whose group numbers would shift; \Q quoting; inline flags such as "(?i)").
   */
  private static int walk(String regex, Walker walker) {
    int depth = 0;
    int classDepth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        char next = i + 1 < regex.length() ? regex.charAt(i + 1) : 0;
        if ((next >= '1' && next <= '9') || next == 'k' || next == 'Q') {
          return -1;
        }
        i++;
      } else if (classDepth > 0) {
        if (c == '[') {
          classDepth++;
        } else if (c == ']') {
          classDepth--;
        }
      } else if (c == '[') {
        classDepth = 1;
      } else {
        if (c == '(' && inlineFlags(regex, i)) {
          return -1;
        }
        if (!walker.at(i, c, depth)) {
          return i;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        }
      }
    }
    return depth == 0 && classDepth == 0 ? regex.length() : -1;
  }

  /** Whether the group opening at {@code i} is "(?flags)" (not "(?flags:X)"), which reaches past it. */
  private static boolean inlineFlags(String regex, int i) {
    if (i + 1 >= regex.length() || regex.charAt(i + 1) != '?') {
      return false;
    }
    int j = i + 2;
    while (j < regex.length() && "idmsuxU-".indexOf(regex.charAt(j)) >= 0) {
      j++;
    }
    return j > i + 2 && j < regex.length() && regex.charAt(j) == ')';
  }

  /** Without literals that contain another one: a text holding the longer holds the shorter. */
  private static Set<String> pruned(Set<String> literals) {
    Set<String> out = new LinkedHashSet<>();
    for (String l : literals) {
      boolean redundant = false;
      for (String other : literals) {
        if (!other.equals(l) && l.contains(other)) {
          redundant = true;
          break;
        }
      }
      if (!redundant) {
        out.add(l);
      }
    }
    return out;
  }

  /** Thrown on syntax this analysis does not handle; the pattern then gets no literals. */
  private static final class Unsupported extends RuntimeException {
    Unsupported() {
      super(null, null, false, false);
    }
  }

  /**
   * What a node can match: {@code exact} is every string it can consume (null: too many or
   * unknown); {@code req} holds literals one of which every match contains (null: none known).
   */
  private record Info(Set<String> exact, Set<String> req) {
    static final Info ANY = new Info(null, null);
    static final Info EMPTY = new Info(Set.of(""), null);

    /** The most selective requirement: the exact set itself when it cannot be empty, or req. */
    Set<String> best() {
      Set<String> fromExact = exact != null && !exact.contains("") ? exact : null;
      return better(fromExact, req);
    }
  }

  /** The more selective of two requirements: longer shortest literal, then fewer literals. */
  private static Set<String> better(Set<String> a, Set<String> b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int la = shortest(a);
    int lb = shortest(b);
    if (la != lb) {
      return la > lb ? a : b;
    }
    return a.size() <= b.size() ? a : b;
  }

  private static int shortest(Set<String> s) {
    int min = Integer.MAX_VALUE;
    for (String x : s) {
      min = Math.min(min, x.length());
    }
    return min;
  }

  private static Set<String> product(Set<String> a, Set<String> b) {
    if (a == null || b == null || (long) a.size() * b.size() > MAX_SET) {
      return null;
    }
    Set<String> out = new LinkedHashSet<>();
    for (String x : a) {
      for (String y : b) {
        out.add(x + y);
      }
    }
    return out;
  }

  private Info alternation() {
    Info first = concatenation();
    if (pos >= re.length() || re.charAt(pos) != '|') {
      return first;
    }
    Set<String> exact = first.exact == null ? null : new LinkedHashSet<>(first.exact);
    Set<String> req = first.best() == null ? null : new LinkedHashSet<>(first.best());
    while (pos < re.length() && re.charAt(pos) == '|') {
      pos++;
      Info next = concatenation();
      if (exact != null && next.exact != null) {
        exact.addAll(next.exact);
        if (exact.size() > MAX_SET) {
          exact = null;
        }
      } else {
        exact = null;
      }
      Set<String> nr = next.best();
      if (req != null && nr != null) {
        req.addAll(nr);
      } else {
        req = null;
      }
    }
    return new Info(exact, req);
  }

  private Info concatenation() {
    Set<String> exact = Set.of("");
    Set<String> req = null;
    // The product of the current run of children with exact sets: a substring of every match.
    Set<String> run = Set.of("");
    while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
      Info item = quantified();
      exact = product(exact, item.exact);
      req = better(req, item.best());
      if (item.exact != null) {
        Set<String> joined = product(run, item.exact);
        if (joined == null) {
          req = better(req, nonEmpty(run));
          run = item.exact;
        } else {
          run = joined;
        }
      } else {
        req = better(req, nonEmpty(run));
        run = Set.of("");
      }
      req = better(req, nonEmpty(run));
    }
    if (exact != null && exact.size() > MAX_SET) {
      exact = null;
    }
    return new Info(exact, req);
  }

  private static Set<String> nonEmpty(Set<String> s) {
    return s == null || s.contains("") ? null : s;
  }

  private Info quantified() {
    Info atom = atom();
    if (pos >= re.length()) {
      return atom;
    }
    char c = re.charAt(pos);
    int min;
    int max;
    if (c == '?') {
      min = 0;
      max = 1;
      pos++;
    } else if (c == '*') {
      min = 0;
      max = Integer.MAX_VALUE;
      pos++;
    } else if (c == '+') {
      min = 1;
      max = Integer.MAX_VALUE;
      pos++;
    } else if (c == '{') {
      int close = re.indexOf('}', pos);
      if (close < 0) {
        throw new Unsupported();
      }
      String body = re.substring(pos + 1, close);
      int comma = body.indexOf(',');
      try {
        if (comma < 0) {
          min = Integer.parseInt(body);
          max = min;
        } else {
          min = Integer.parseInt(body.substring(0, comma));
          String hi = body.substring(comma + 1);
          max = hi.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(hi);
        }
      } catch (NumberFormatException e) {
        throw new Unsupported();
      }
      pos = close + 1;
    } else {
      return atom;
    }
    if (pos < re.length() && (re.charAt(pos) == '?' || re.charAt(pos) == '+')) {
      pos++; // lazy or possessive: the same strings
    }
    if (min == 0) {
      if (max == 1 && atom.exact != null) {
        Set<String> exact = new LinkedHashSet<>(atom.exact);
        exact.add("");
        return new Info(exact, null);
      }
      return Info.ANY;
    }
    if (min == 1 && max == 1) {
      return atom;
    }
    // At least one repetition: whatever one repetition requires, every match requires.
    Set<String> exact = null;
    if (min == max && min <= 3 && atom.exact != null) {
      exact = Set.of("");
      for (int i = 0; i < min && exact != null; i++) {
        exact = product(exact, atom.exact);
      }
    }
    return new Info(exact, atom.best());
  }

  private Info atom() {
    char c = re.charAt(pos);
    switch (c) {
      case '(':
        return group();
      case '[':
        return characterClass();
      case '\\':
        return escape();
      case '.':
        pos++;
        return Info.ANY;
      case '^':
      case '$':
        pos++;
        return Info.EMPTY;
      case '*':
      case '+':
      case '?':
      case '{':
      case ')':
        throw new Unsupported();
      default:
        if (Character.isHighSurrogate(c) && pos + 1 < re.length()
            && Character.isLowSurrogate(re.charAt(pos + 1))) {
          // One code point (an emoji): a quantifier after it applies to both chars.
          String pair = re.substring(pos, pos + 2);
          pos += 2;
          return new Info(Set.of(pair), Set.of(pair));
        }
        pos++;
        return literal(c);
    }
  }

  private static Info literal(char c) {
    if (Character.isSurrogate(c)) {
      throw new Unsupported();
    }
    Set<String> s = Set.of(String.valueOf(c));
    return new Info(s, s);
  }

  private Info group() {
    pos++; // '('
    boolean zeroWidth = false;
    if (re.startsWith("?:", pos)) {
      pos += 2;
    } else if (re.startsWith("?=", pos) || re.startsWith("?!", pos)) {
      pos += 2;
      zeroWidth = true;
    } else if (re.startsWith("?<=", pos) || re.startsWith("?<!", pos)) {
      pos += 3;
      zeroWidth = true;
    } else if (re.startsWith("?<", pos)) {
      int close = re.indexOf('>', pos);
      if (close < 0) {
        throw new Unsupported();
      }
      pos = close + 1; // named group
    } else if (re.startsWith("?", pos)) {
      throw new Unsupported(); // inline flags, atomic groups and the like
    }
    Info inner = alternation();
    if (pos >= re.length() || re.charAt(pos) != ')') {
      throw new Unsupported();
    }
    pos++;
    // A lookaround consumes nothing; what it checks only narrows the matches further.
    return zeroWidth ? Info.EMPTY : inner;
  }

  private Info escape() {
    char e = re.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H': case 'v':
      case 'V': case 'R': case 'X': case 'p': case 'P': case 'N':
        if (e == 'p' || e == 'P' || e == 'N') {
          throw new Unsupported();
        }
        return Info.ANY;
      case 'b': case 'B': case 'A': case 'G': case 'Z': case 'z':
        return Info.EMPTY;
      case 'n':
        return literal('\n');
      case 't':
        return literal('\t');
      case 'r':
        return literal('\r');
      case 'f':
        return literal('\f');
      case 'e':
        return literal('\u001B');
      case 'a':
        return literal('\u0007');
      case 'u': {
        char ch = (char) Integer.parseInt(re.substring(pos, pos + 4), 16);
        pos += 4;
        return literal(ch);
      }
      case 'Q': {
        int end = re.indexOf("\\E", pos);
        String q = end < 0 ? re.substring(pos) : re.substring(pos, end);
        pos = end < 0 ? re.length() : end + 2;
        if (q.isEmpty()) {
          return Info.EMPTY;
        }
        for (int i = 0; i < q.length(); i++) {
          if (Character.isSurrogate(q.charAt(i))) {
            throw new Unsupported();
          }
        }
        return new Info(Set.of(q), Set.of(q));
      }
      default:
        if (Character.isLetterOrDigit(e)) {
          throw new Unsupported(); // back-references, \x, \0, \c, \k and others
        }
        return literal(e);
    }
  }

  private Info characterClass() {
    pos++; // '['
    boolean negated = false;
    if (re.charAt(pos) == '^') {
      negated = true;
      pos++;
    }
    Set<Character> chars = new HashSet<>();
    boolean first = true;
    while (re.charAt(pos) != ']' || first) {
      first = false;
      char c = re.charAt(pos);
      if (c == '[' || (c == '&' && re.charAt(pos + 1) == '&')) {
        throw new Unsupported();
      }
      int lo;
      if (c == '\\') {
        lo = classEscape();
      } else {
        lo = c;
        pos++;
      }
      if (lo == SHORTHAND) {
        chars = null; // \d, \s, \w…: too many characters to list
        continue;
      }
      if (re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
        pos++;
        char h = re.charAt(pos);
        int hi;
        if (h == '\\') {
          hi = classEscape();
        } else {
          hi = h;
          pos++;
        }
        if (hi == SHORTHAND || hi < lo || hi - lo > MAX_CLASS) {
          if (!negated) {
            chars = null;
          }
          continue;
        }
        for (int x = lo; x <= hi && chars != null; x++) {
          chars.add((char) x);
        }
      } else if (chars != null) {
        chars.add((char) lo);
      }
    }
    pos++; // ']'
    if (negated || chars == null || chars.size() > MAX_CLASS) {
      return Info.ANY;
    }
    Set<String> s = new LinkedHashSet<>();
    for (char ch : chars) {
      if (Character.isSurrogate(ch)) {
        throw new Unsupported();
      }
      s.add(String.valueOf(ch));
    }
    return new Info(s, s);
  }

  /** What {@link #classEscape()} returns for a shorthand class such as {@code \\d}. */
  private static final int SHORTHAND = -1;

  /** A single-character escape inside a class, or {@link #SHORTHAND}. */
  private int classEscape() {
    char e = re.charAt(pos + 1);
    pos += 2;
    switch (e) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'f':
        return '\f';
      case 'u': {
        char ch = (char) Integer.parseInt(re.substring(pos, pos + 4), 16);
        pos += 4;
        return ch;
      }
      case 'd': case 'D': case 'w': case 'W': case 's': case 'S': case 'h': case 'H': case 'v':
      case 'V':
        return SHORTHAND;
      default:
        if (Character.isLetterOrDigit(e)) {
          throw new Unsupported();
        }
        return e;
    }
  }
}
