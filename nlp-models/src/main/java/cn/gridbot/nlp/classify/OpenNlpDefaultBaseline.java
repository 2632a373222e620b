package cn.gridbot.nlp.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * OpenNLP doccat as it comes, for comparison only: every non-space character is a token,
 * OpenNLP's own bag-of-words plus 2-3-gram feature generators, and
 * {@link TrainingParameters#defaultParams()} (maxent, GIS, 100 iterations, cutoff 5).
 */
public final class OpenNlpDefaultBaseline {
  private OpenNlpDefaultBaseline() {}

  /** Trains and returns a text → best label function. */
  public static Function<String, String> train(List<LabelledText> examples) {
    List<DocumentSample> samples = new ArrayList<>(examples.size());
    for (LabelledText e : examples) {
      samples.add(new DocumentSample(e.label(), chars(e.text())));
    }
    try {
      DoccatFactory factory = new DoccatFactory(new FeatureGenerator[] {
          new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 3)});
      DoccatModel model = DocumentCategorizerME.train("zh",
          ObjectStreamUtils.createObjectStream(samples), TrainingParameters.defaultParams(),
          factory);
      DocumentCategorizerME categorizer = new DocumentCategorizerME(model);
      return text -> categorizer.getBestCategory(categorizer.categorize(chars(text)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * OpenNLP's own learner ({@code "MAXENT"} = GIS, {@code "PERCEPTRON"}, {@code "NAIVEBAYES"}) on
   * the product recipe's features (repeated features count as term frequency; no TF-IDF), cutoff
   * 2, 100 iterations: isolates what the custom trainer adds over OpenNLP's learners.
   */
  public static Function<String, String> trainBuiltIn(List<LabelledText> examples,
      String algorithm) {
    List<DocumentSample> samples = new ArrayList<>(examples.size());
    for (LabelledText e : examples) {
      samples.add(new DocumentSample(e.label(), new String[] {e.text()}));
    }
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, algorithm);
    params.put(TrainingParameters.CUTOFF_PARAM, 2);
    params.put(TrainingParameters.ITERATIONS_PARAM, 100);
    try {
      DoccatModel model = DocumentCategorizerME.train("zh",
          ObjectStreamUtils.createObjectStream(samples), params,
          new DoccatFactory(new FeatureGenerator[] {new ChineseFeatureGenerator()}));
      DocumentCategorizerME categorizer = new DocumentCategorizerME(model);
      return text -> categorizer.getBestCategory(categorizer.categorize(new String[] {text}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] chars(String text) {
    List<String> tokens = new ArrayList<>(text.length());
    text.codePoints()
        .filter(cp -> !Character.isWhitespace(cp))
        .forEach(cp -> tokens.add(new String(Character.toChars(cp)).toLowerCase()));
    return tokens.toArray(new String[0]);
  }
}
