package cn.gridbot.nlp.cli;

import cn.gridbot.nlp.classify.Recipe;
import java.util.List;

/** Picks a recipe from {@code --baseline} and applies {@code --param key=value} overrides. */
final class Recipes {
  static final String OPENNLP_DEFAULT = "opennlp-default";
  /** OpenNLP's own learners on the product features, for comparison only. */
  static final java.util.List<String> OPENNLP_BUILT_IN =
      java.util.List.of("opennlp-maxent", "opennlp-perceptron", "opennlp-naivebayes");

  private Recipes() {}

  /** @return null for the OpenNLP baselines, which are not {@link Recipe}s */
  static Recipe choose(String baseline, List<String> params) throws Args.BadArguments {
    Recipe recipe;
    if (baseline == null) {
      recipe = Recipe.DEFAULT;
    } else if (baseline.equals("tfidf-svm")) {
      recipe = Recipe.TFIDF_SVM;
    } else if (baseline.equals(OPENNLP_DEFAULT) || OPENNLP_BUILT_IN.contains(baseline)) {
      if (!params.isEmpty()) {
        throw new Args.BadArguments("--param does not apply to --baseline " + baseline);
      }
      return null;
    } else {
      throw new Args.BadArguments("--baseline must be tfidf-svm, " + OPENNLP_DEFAULT + " or "
          + String.join(", ", OPENNLP_BUILT_IN) + "; got " + baseline);
    }
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw new Args.BadArguments("--param needs key=value, got " + p);
      }
      try {
        recipe = recipe.with(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new Args.BadArguments("--param " + p + ": " + e.getMessage());
      }
    }
    return recipe;
  }

  static String describe(Recipe r) {
    return "recipe=" + r.name() + " features=" + r.features().kind().name().toLowerCase()
        + " ngrams=" + r.features().minN() + "-" + r.features().maxN()
        + " skip=" + r.features().skipBigrams()
        + " edges=" + r.features().edges() + " c=" + (r.autoC() ? "auto" : r.c())
        + " loss=" + (r.hinge() ? "hinge" : "squared_hinge") + " sublinear=" + r.sublinearTf()
        + " cutoff=" + r.cutoff() + " nb=" + r.nbAlpha() + " calibrate=" + r.calibrate();
  }
}
