package cn.gridbot.nlp.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.AbstractEventTrainer;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/**
 * Trains a {@link TextClassifier} through OpenNLP doccat: {@link ChineseFeatureGenerator} for
 * features, {@link LinearSvmTrainer} as the event trainer. Pure computation (no I/O); deterministic
 * for the same examples, order and seed.
 */
public final class Trainer {
  private Trainer() {}

  /** Trains the product recipe. */
  public static TextClassifier train(List<LabelledText> examples, long seed) {
    return train(examples, seed, Recipe.DEFAULT);
  }

  /**
   * Trains {@code recipe} on {@code examples}.
   *
   * @throws IllegalArgumentException when there are no examples
   */
  public static TextClassifier train(List<LabelledText> examples, long seed, Recipe recipe) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("no training examples");
    }
    List<DocumentSample> samples = new ArrayList<>(examples.size());
    for (LabelledText e : examples) {
      samples.add(new DocumentSample(e.label(), new String[] {e.text()}));
    }
    TrainingParameters params = new TrainingParameters();
    params.put(TrainingParameters.ALGORITHM_PARAM, LinearSvmTrainer.class.getName());
    params.put(AbstractEventTrainer.DATA_INDEXER_PARAM,
        AbstractEventTrainer.DATA_INDEXER_ONE_PASS_VALUE);
    params.put(TrainingParameters.CUTOFF_PARAM, recipe.cutoff());
    params.put(LinearSvmTrainer.C_PARAM, recipe.c());
    params.put(LinearSvmTrainer.AUTO_C_PARAM, recipe.autoC());
    params.put(LinearSvmTrainer.LOSS_PARAM, recipe.hinge() ? "hinge" : "squared_hinge");
    params.put(LinearSvmTrainer.SUBLINEAR_PARAM, recipe.sublinearTf());
    params.put(LinearSvmTrainer.CALIBRATE_PARAM, recipe.calibrate());
    params.put(LinearSvmTrainer.SEED_PARAM, Long.toString(seed));
    params.put(LinearSvmTrainer.NB_PARAM, recipe.nbAlpha());
    DoccatFactory factory =
        new DoccatFactory(new FeatureGenerator[] {new ChineseFeatureGenerator(recipe.features())});
    try {
      DoccatModel doccat = DocumentCategorizerME.train(
          "zh", ObjectStreamUtils.createObjectStream(samples), params, factory);
      return new TextClassifier(recipe.features(), (LinearModel) doccat.getMaxentModel());
    } catch (IOException e) {
      // The sample stream is in memory; OpenNLP's signature is broader than what can happen.
      throw new UncheckedIOException(e);
    }
  }
}
