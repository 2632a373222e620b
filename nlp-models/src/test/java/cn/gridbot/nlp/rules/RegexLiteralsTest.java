package cn.gridbot.nlp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.nlp.Fixtures;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegexLiteralsTest {
  private static Set<String> literals(String regex) {
    return new TreeSet<>(RegexLiterals.required(Pattern.compile(regex)).orElseThrow());
  }

  /** Verifies the literals derived from alternations, classes, optional parts and gaps. */
  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "着火|起火 => 着火,起火",
      "电[梯悌]困人 => 电悌困人,电梯困人",
      "(煤气|燃气)[^，。]{0,3}(味|泄漏) => 燃气,煤气",
      "了?(怎么办|咋办) => 咋办,怎么办",
      "(?<!头)晕(在|了过去) => 晕了过去,晕在",
      "打(?!电话)人 => 打人",
      "a+bc => bc",
      "(ab){2} => abab",
      "\\Q3#\\E楼 => 3#楼",
      "[0-2]号 => 0号,1号,2号",
      "x\\.y => x.y",
      "(?<name>火)灾 => 火灾",
      "\\d+号 => 号",
      "救命😭 => 救命😭",
      "😭?急死了 => 急死了",
      "(😭|🔥)+ => 😭,🔥",
  })
  void derivesLiterals(String regex, String expected) {
    assertEquals(new TreeSet<>(Arrays.asList(expected.split(","))), literals(regex.strip()));
  }

  /** Verifies that a pattern with no certain literal, or beyond the analysis, gets none. */
  @ParameterizedTest
  @ValueSource(strings = {
      ".*", "a?", "[^x]{0,3}", "a|.", "\\d+", "(?i)fire", "(a)\\1", "\\p{IsHan}", "[a-z&&[^b]]x?",
      "x*|y", "\\x41", "", "(?>ab)", "[😭🔥]"})
  void givesUpWhenUnsure(String regex) {
    assertEquals(Optional.empty(), RegexLiterals.required(Pattern.compile(regex)));
  }

  /** Verifies that a pattern compiled with flags gets no literals (case folding would defeat them). */
  @Test
  void ignoresPatternsWithFlags() {
    assertTrue(RegexLiterals.required(Pattern.compile("fire", Pattern.CASE_INSENSITIVE)).isEmpty());
  }

  /**
   * Verifies soundness on the shipped rules: for every pattern of understanding.yaml and every
   * message of both corpora, a pattern that matches the message has one of its literals in it.
   */
  @Test
  void shippedPatternsNeverMissAMatch() throws IOException {
    List<Pattern> patterns = shippedPatterns();
    List<String> texts = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String file : List.of("corpus/train.jsonl", "corpus/test.jsonl")) {
      for (String line : Files.readAllLines(Path.of(file))) {
        texts.add(TextNormalizer.normalize(json.readTree(line).get("text").asText()));
      }
    }
    int matches = 0;
    for (Pattern p : patterns) {
      Set<String> req = RegexLiterals.required(p).orElseThrow(() -> new AssertionError("no literals: " + p));
      for (String t : texts) {
        if (p.matcher(t).find()) {
          matches++;
          assertTrue(req.stream().anyMatch(t::contains), () -> p + " matches but no literal is in: " + t);
        }
      }
    }
    assertTrue(matches > 1000, "the corpus exercises the rules: " + matches);
  }

  private static List<Pattern> shippedPatterns() {
    UnderstandingRules rules = Fixtures.RULES;
    EmergencyRules e = rules.emergency();
    List<Pattern> out = new ArrayList<>();
    for (Pattern p : new Pattern[] {e.ignore(), e.message(), e.negation(), e.hypothetical(),
        e.conditional(), e.past(), e.after(), e.resolved(), rules.overridesUnless(),
        rules.place().elsewhere()}) {
      if (p != null) {
        out.add(p);
      }
    }
    for (EmergencyKind k : e.kinds()) {
      out.addAll(k.patterns());
      if (k.unless() != null) {
        out.add(k.unless());
      }
      k.categoryWhen().forEach(w -> out.add(w.pattern()));
    }
    for (KeywordOverride o : rules.overrides()) {
      out.add(o.pattern());
      if (o.unless() != null) {
        out.add(o.unless());
      }
    }
    return out;
  }

  /**
   * Verifies that a pattern is cut at its top-level bars only, never inside groups or classes,
   * except a branch that is one non-capturing group of several alternatives (a rule list's item),
   * which is opened in place.
   */
  @ParameterizedTest
  @CsvSource(delimiterString = " => ", value = {
      "着火|起火 => 着火;起火",
      "(煤气|燃气)味|冒烟 => (煤气|燃气)味;冒烟",
      "[|]a|b\\|c => [|]a;b\\|c",
      "[a[|]]x|y => [a[|]]x;y",
      "(?i:ab|cd)|ef => (?i:ab|cd);ef",
      "着火了 => 着火了",
      "(?:着火|起火)|(?:冒烟) => 着火;起火;(?:冒烟)",
      "(?:a|(?:b|c))|d => a;b;c;d",
      "(?:a|b)x|c => (?:a|b)x;c",
      "(a|b)|c => (a|b);c",
  })
  void cutsAtTopLevelBars(String regex, String expected) {
    assertEquals(Arrays.asList(expected.split(";")), RegexLiterals.alternatives(regex));
  }

  /** Verifies that what a cut would change is left whole: back-references, inline flags, quoting. */
  @ParameterizedTest
  @ValueSource(strings = {"(a)x|\\1y", "(?<n>a)|\\k<n>", "(?i)ab|cd", "(?:(?i)ab|cd)|ef", "\\Q|\\E|x", "(ab|c"})
  void keepsWholeWhatACutWouldChange(String regex) {
    assertEquals(List.of(regex), RegexLiterals.alternatives(regex));
  }
}
