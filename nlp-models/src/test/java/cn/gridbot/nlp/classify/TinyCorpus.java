package cn.gridbot.nlp.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated corpora for tests: each label has its own words, mixed with shared filler. */
public final class TinyCorpus {
  private static final String[] FILLER = {"请问", "麻烦", "你好", "今天", "我们小区", "赶紧", "谢谢", "了"};

  private TinyCorpus() {}

  /** {@code perLabel} examples for each label; {@code words[i]} are label i's own words. */
  public static List<LabelledText> generate(String[] labels, String[][] words, int perLabel,
      long seed) {
    Random rnd = new Random(seed);
    List<LabelledText> out = new ArrayList<>();
    for (int n = 0; n < perLabel; n++) {
      for (int l = 0; l < labels.length; l++) {
        StringBuilder b = new StringBuilder();
        b.append(FILLER[rnd.nextInt(FILLER.length)]);
        b.append(words[l][rnd.nextInt(words[l].length)]);
        b.append(FILLER[rnd.nextInt(FILLER.length)]);
        if (rnd.nextBoolean()) {
          b.append(words[l][rnd.nextInt(words[l].length)]);
        }
        out.add(new LabelledText(b.toString(), labels[l]));
      }
    }
    return out;
  }

  /** Two labels that any sane classifier separates: water/power outages versus theft. */
  public static List<LabelledText> twoLabels(int perLabel) {
    return generate(new String[] {"utilities", "public_security"},
        new String[][] {{"停水", "停电", "水压小", "暖气不热"}, {"小偷", "被偷", "诈骗", "撬锁"}},
        perLabel, 42);
  }
}
