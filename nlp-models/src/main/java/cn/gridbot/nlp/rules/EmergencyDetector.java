package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.taxonomy.Category;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds an emergency happening now in a message, with the category it forces. A pattern match
 * counts unless a cue says it is denied ("没着火"), only feared or asked about ("怕着火"), in the
 * past ("上周电梯困过人") or already over ("已经灭了"). Thread-safe; regexes are precompiled.
 */
public final class EmergencyDetector {
  /** Characters that end a clause: Chinese and Latin punctuation and white space. */
  private static final String CLAUSE_ENDS = "，,。！!？?；;….~～、\n\r\t ";
  /**
   * Characters that end a sentence: the full stop, the question and exclamation marks, a new line,
   * and the Latin full stop, which is also what an ellipsis becomes after normalisation ("……" is
   * "......"): a long complaint that trails off and then reports something now ("老年餐也没下文……对了
   * 我刚路过…倒在他家门口") starts a new sentence there.
   */
  private static final String SENTENCE_ENDS = "。！!？?.\n";
  /**
   * Words that start a new part of a message when there is no full stop to do it ("看新闻说高层火灾
   * 结果我们楼就冒烟了").
   */
  private static final Pattern TOPIC_SHIFT =
      Pattern.compile("(?<=[ ，,；;])(哦对了|哦还有|噢对了|对了|另外|还有个事|还有一件事|还有就是|顺便说一下|补充一下|(诶|哎呀?|唉)?不说了"
          + "|(结果|没想到|谁知道?)(?=我们|咱们?|俺们?|我家|俺家|这边|家里|楼里|楼道|我?刚))");
  /** How far before a match a denial may start ("没有人被困"). */
  private static final int NEGATION_REACH = 2;
  /** How far into a clause its opening cue may start: a subject first ("隔壁昨晚…", "我们楼前天…"). */
  private static final int OPENING_REACH = 3;
  private static final char BLANK = '□';

  private final EmergencyRules rules;
  /** Skips the patterns whose literals a message lacks: most messages match none of them. */
  private final Prefilter prefilter = new Prefilter();
  /**
   * Every pattern, seen as its alternatives so that those absent from a message are not run (an
   * absent {@code Alternation} stands for a pattern the rules do not set).
   */
  private final Alternation message;
  private final Alternation ignore;
  /** The eight cues, by the indexes below. */
  private final Alternation[] cueRules = new Alternation[8];
  private static final int NEGATION = 0;
  private static final int HYPOTHETICAL = 1;
  private static final int CONDITIONAL = 2;
  private static final int PAST = 3;
  private static final int AFTER = 4;
  private static final int RESOLVED = 5;
  private static final int PRESENT = 6;
  private static final int HABIT = 7;
  private final Alternation[] unless;
  private final Alternation[][] patterns;

  /** The cue patterns narrowed to one message, each made on first use. */
  private final class Cues {
    private final Prefilter.Candidates may;
    private final Pattern[] narrowed = new Pattern[8];
    private final boolean[] made = new boolean[8];

    Cues(Prefilter.Candidates may) {
      this.may = may;
    }

    Pattern get(int cue) {
      if (!made[cue]) {
        narrowed[cue] = cueRules[cue].forText(may);
        made[cue] = true;
      }
      return narrowed[cue];
    }
  }

  public EmergencyDetector(EmergencyRules rules) {
    this(rules, true);
  }

  /** With {@code cut} false every pattern runs whole: the reference the cut ones are tested against. */
  EmergencyDetector(EmergencyRules rules, boolean cut) {
    this.rules = Objects.requireNonNull(rules, "rules == null");
    message = new Alternation(rules.message(), prefilter, cut);
    ignore = new Alternation(rules.ignore(), prefilter, cut);
    Pattern[] cues = {rules.negation(), rules.hypothetical(), rules.conditional(), rules.past(),
        rules.after(), rules.resolved(), rules.present(), rules.habit()};
    for (int i = 0; i < cues.length; i++) {
      cueRules[i] = new Alternation(cues[i], prefilter, cut);
    }
    List<EmergencyKind> kinds = rules.kinds();
    unless = new Alternation[kinds.size()];
    patterns = new Alternation[kinds.size()][];
    for (int k = 0; k < kinds.size(); k++) {
      unless[k] = new Alternation(kinds.get(k).unless(), prefilter, cut);
      List<Pattern> own = kinds.get(k).patterns();
      patterns[k] = new Alternation[own.size()];
      for (int p = 0; p < own.size(); p++) {
        patterns[k][p] = new Alternation(own.get(p), prefilter, cut);
      }
    }
    prefilter.build();
  }

  /**
   * What was found: the kind (e.g. "fire"), the category it forces, and where the match starts in
   * the normalised text ({@link TextNormalizer}).
   */
  public record Emergency(String kind, Category category, int at) {}

  /** Detects an emergency in raw text (normalised here). */
  public Optional<Emergency> detect(String text) {
    return detectNormalized(TextNormalizer.normalize(text));
  }

  /** Detects an emergency in text already passed through {@link TextNormalizer}. */
  public Optional<Emergency> detectNormalized(String normalized) {
    // The prefilter reads the unmasked text: masking only blanks characters, so a literal found in
    // the masked text is in the unmasked one too, and nothing that could match is skipped.
    Prefilter.Candidates may = prefilter.scan(normalized);
    // A message-wide cue (a question about compensation, a rumour, a drill, a video) vetoes what is
    // found in its own sentence or before it; a later sentence that reports something now stands
    // ("请问社区有没有心理咨询？…刚才她把自己锁在卫生间，地上有血").
    Pattern veto = message.forText(may);
    int vetoFrom = veto == null ? -1 : vetoedUpTo(veto, normalized);
    if (vetoFrom >= 0 && nothingAfter(normalized, vetoFrom)) {
      return Optional.empty();
    }
    Pattern blank = ignore.forText(may);
    String t = blank != null ? mask(blank, normalized) : normalized;
    Cues cues = new Cues(may);
    List<EmergencyKind> kinds = rules.kinds();
    for (int k = 0; k < kinds.size(); k++) {
      EmergencyKind kind = kinds.get(k);
      Pattern unlessHere = unless[k].forText(may);
      if (unlessHere != null && unlessHere.matcher(normalized).find()) {
        continue;
      }
      for (Alternation alternation : patterns[k]) {
        Pattern p = alternation.forText(may);
        if (p == null) {
          continue;
        }
        Matcher m = p.matcher(t);
        while (m.find()) {
          if (vetoFrom >= 0 && m.start() < vetoFrom) {
            continue;
          }
          if (m.end() > m.start() && isNow(cues, t, m.start(), m.end())) {
            return Optional.of(new Emergency(kind.id(), kind.categoryFor(t), m.start()));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Where the sentence holding the last message-wide cue ends: matches before it are vetoed; -1
   * when no cue occurs.
   */
  private static int vetoedUpTo(Pattern veto, String t) {
    Matcher v = veto.matcher(t);
    int last = -1;
    while (v.find()) {
      last = Math.max(v.end() - 1, v.start());
    }
    if (last < 0) {
      return -1;
    }
    int end = indexOfAny(t, last, SENTENCE_ENDS);
    // Voice input has no full stops: "对了" and the like open the next part all the same
    // ("想问问…开个证明 对了我们楼下那个配电箱在冒烟").
    Matcher shift = TOPIC_SHIFT.matcher(t).region(Math.min(last + 1, end), end);
    return shift.find() ? shift.start() : end;
  }

  /** Whether only sentence ends and white space follow {@code from}: a veto there covers it all. */
  private static boolean nothingAfter(String t, int from) {
    for (int i = from; i < t.length(); i++) {
      char c = t.charAt(i);
      if (SENTENCE_ENDS.indexOf(c) < 0 && !Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  private static String mask(Pattern ignore, String t) {
    // Same length, so positions and clause boundaries stay where they were.
    Matcher m = ignore.matcher(t);
    StringBuilder sb = new StringBuilder(t);
    while (m.find()) {
      for (int i = m.start(); i < m.end(); i++) {
        sb.setCharAt(i, BLANK);
      }
    }
    return sb.toString();
  }

  private static boolean isNow(Cues cues, String t, int start, int end) {
    int clauseOfEnd = clauseStart(t, end - 1);
    int clauseOfStart = clauseStart(t, start);
    int clauseEnd = clauseEnd(t, end - 1);
    // Denied: a negation just before the match, or inside it within the clause it ends in.
    Pattern negation = cues.get(NEGATION);
    if (negation != null) {
      int from = Math.max(clauseOfEnd, start - 8);
      Matcher n = in(negation, t, Math.min(from, start), end);
      while (n.find()) {
        if (n.end() >= start - NEGATION_REACH && n.start() >= clauseOfEnd) {
          return false;
        }
      }
    }
    if (found(cues.get(HYPOTHETICAL), t, clauseOfEnd, end)) {
      return false;
    }
    // A condition counts in the clause before the match's last clause and in the match's own first
    // clause: "风大的时候晃得厉害 龙首路上 下面全是人" ends two clauses after its condition.
    // Not across a sentence end: "这个冬天能安心了。结果今天…一股煤气味" has no condition.
    int previousClause = clauseOfEnd > 0 && SENTENCE_ENDS.indexOf(t.charAt(clauseOfEnd - 1)) < 0
        ? clauseStart(t, clauseOfEnd - 1) : clauseOfEnd;
    Pattern condition = cues.get(CONDITIONAL);
    if (found(condition, t, previousClause, end)
        || clauseOfStart < previousClause && found(condition, t, clauseOfStart, clauseEnd(t, start))) {
      return false;
    }
    Pattern present = cues.get(PRESENT);
    // A past cue counts in the clause of the match up to the match's end (not after it: "冒黑烟了…人家
    // 国庆出去旅游了"), but not from before a "now" in that stretch ("电梯上礼拜不是修过吗今天又不行了…
    // 卡在里面了", written without a stop; "那会…在楼下玩 现在找不见人了", the "now" inside the match).
    int pastFrom = clauseOfStart < start ? Math.max(clauseOfStart, lastEnd(present, t, clauseOfStart, end))
        : clauseOfStart;
    if (found(cues.get(PAST), t, pastFrom, end) || openedInPast(cues, t, clauseOfStart, end)) {
      return false;
    }
    // A habit counts anywhere before the match in its sentence, unless "now" follows it
    // ("每天凌晨两三点回来 大声说话 冲厕所 砸门" against "天天喝酒 今天又打起来了"; the "now" may open the
    // match: "这两天一直有股臭鸡蛋味 … 刚才下楼一闻更浓了").
    // A topic shift after it opens a new part as a full stop would ("…广告屏天天吵 诶不说了 楼下有人打起来了").
    int habitEnd = lastEnd(cues.get(HABIT), t, startAfter(t, start, SENTENCE_ENDS), start);
    if (habitEnd >= 0 && !found(TOPIC_SHIFT, t, habitEnd, start) && !found(present, t, habitEnd, end)) {
      return false;
    }
    Pattern after = cues.get(AFTER);
    if (after != null && in(after, t, end, t.length()).lookingAt()) {
      return false;
    }
    return !resolvedAfter(cues, t, start);
  }

  /**
   * Whether the match's clause follows a sentence's first clause that opens with a past cue, with no
   * "now" from there to the match's end and no "again" in that clause: a sentence opened by its time,
   * perhaps after a short subject ("上周三晚上在新华路东段，有人骑摩托抢了我婶子的包", "隔壁昨晚吵吵砸东西
   * 有人喊救命"), tells the past in the clause after it too, but not
   * "上回修的那根水管又爆了 水哗哗往楼道里流" nor "前天就说有味 今天更大了".
   */
  private static boolean openedInPast(Cues cues, String t, int clauseOfStart, int end) {
    Pattern past = cues.get(PAST);
    if (past == null || clauseOfStart < 2 || SENTENCE_ENDS.indexOf(t.charAt(clauseOfStart - 1)) >= 0) {
      return false;
    }
    int previous = clauseStart(t, clauseOfStart - 1);
    if (previous != startAfter(t, clauseOfStart - 1, SENTENCE_ENDS)) {
      return false;
    }
    String opening = t.substring(previous, clauseOfStart - 1);
    return !opening.contains("又") && !opening.contains("再")
        && opensWith(past, t, previous, clauseOfStart - 1)
        && !found(cues.get(PRESENT), t, previous, end);
  }

  /**
   * Whether a resolved cue after {@code start} ends the matter. One in a later sentence that tells
   * the past ("这个电表箱上个月就有人说闻到焦味，物业来看了一眼说没事。") does not end a match whose own
   * sentence tells none ("电表箱着火了，啪啪的响还冒黑烟").
   */
  private static boolean resolvedAfter(Cues cues, String t, int start) {
    Pattern resolved = cues.get(RESOLVED);
    if (resolved == null || start >= t.length()) {
      return false;
    }
    Matcher r = in(resolved, t, start, t.length());
    if (!r.find()) {
      return false;
    }
    Pattern past = cues.get(PAST);
    int sentenceEnd = indexOfAny(t, start, SENTENCE_ENDS);
    if (r.start() < sentenceEnd || found(past, t, startAfter(t, start, SENTENCE_ENDS), sentenceEnd)) {
      return true;
    }
    // Every later resolved cue lies past this sentence: it counts unless its own sentence tells the
    // past before it with no "now" in between ("上回就是 这回又是 现在人已经放出来了" counts).
    Pattern present = cues.get(PRESENT);
    do {
      int sentence = startAfter(t, r.start(), SENTENCE_ENDS);
      int pastFrom = Math.max(sentence, lastEnd(present, t, sentence, r.start()));
      if (!found(past, t, pastFrom, r.start())) {
        return true;
      }
    } while (r.find());
    return false;
  }

  /** Whether {@code p} matches within the first {@link #OPENING_REACH} characters of {@code [from, to)}. */
  private static boolean opensWith(Pattern p, String t, int from, int to) {
    Matcher m = in(p, t, from, to);
    return m.find() && m.start() <= from + OPENING_REACH;
  }

  /**
   * A matcher for {@code p} over {@code [from, to)} of {@code t} whose look-arounds see the text
   * outside that stretch ("放学没回|家" is no denial: the negation's look-ahead excludes "没回家").
   */
  private static Matcher in(Pattern p, String t, int from, int to) {
    return p.matcher(t).region(from, to).useTransparentBounds(true);
  }

  private static boolean found(Pattern p, String t, int from, int to) {
    return p != null && from < to && in(p, t, from, to).find();
  }

  /** Where the last match of {@code p} in {@code [from, to)} ends; -1 when there is none. */
  private static int lastEnd(Pattern p, String t, int from, int to) {
    int last = -1;
    if (p != null && from < to) {
      Matcher m = in(p, t, from, to);
      while (m.find()) {
        last = m.end();
      }
    }
    return last;
  }

  private static int clauseStart(String t, int pos) {
    return startAfter(t, pos, CLAUSE_ENDS);
  }

  /** Just after the last of {@code ends} before {@code pos}; 0 when there is none. */
  private static int startAfter(String t, int pos, String ends) {
    for (int i = pos - 1; i >= 0; i--) {
      if (ends.indexOf(t.charAt(i)) >= 0) {
        return i + 1;
      }
    }
    return 0;
  }

  private static int clauseEnd(String t, int pos) {
    return indexOfAny(t, pos + 1, CLAUSE_ENDS);
  }

  /** The first index from {@code from} of one of {@code ends}; the text's length when there is none. */
  private static int indexOfAny(String t, int from, String ends) {
    for (int i = from; i < t.length(); i++) {
      if (ends.indexOf(t.charAt(i)) >= 0) {
        return i;
      }
    }
    return t.length();
  }
}
