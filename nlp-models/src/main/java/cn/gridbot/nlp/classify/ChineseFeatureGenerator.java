package cn.gridbot.nlp.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Adapts a {@link FeatureSpec} to OpenNLP doccat. Doccat hands over "tokens"; for Chinese we pass
 * the raw message as one token (whitespace tokenisation means nothing here) and let the spec do
 * normalisation and n-grams. Several tokens are joined with a space.
 */
public final class ChineseFeatureGenerator implements FeatureGenerator {
  private final FeatureSpec spec;

  public ChineseFeatureGenerator(FeatureSpec spec) {
    if (spec == null) {
      throw new IllegalArgumentException("spec == null");
    }
    this.spec = spec;
  }

  /** The product recipe's features; OpenNLP instantiates generators by class name. */
  public ChineseFeatureGenerator() {
    this(FeatureSpec.DEFAULT);
  }

  @Override
  public Collection<String> extractFeatures(String[] text, Map<String, Object> extraInformation) {
    List<String> out = new ArrayList<>(64);
    spec.extract(text.length == 1 ? text[0] : String.join(" ", text), out);
    return out;
  }
}
