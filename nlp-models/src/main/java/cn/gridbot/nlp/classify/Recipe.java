package cn.gridbot.nlp.classify;

/**
 * A training recipe: features plus learner settings for {@link LinearSvmTrainer}.
 *
 * @param cutoff minimum number of occurrences of a feature in the training data to keep it
 * @param autoC choose C among {@link LinearSvmTrainer#C_CANDIDATES} by cross-validation inside the
 *     training data; {@code c} is then used only for a corpus too small for it (fewer than 50
 *     texts)
 */
public record Recipe(String name, FeatureSpec features, double c, boolean hinge,
    boolean sublinearTf, boolean calibrate, int cutoff, double nbAlpha, boolean autoC) {

  /** The product recipe (chosen by 5-fold cross-validation; see MODEL_CARD.md). */
  public static final Recipe DEFAULT =
      new Recipe("gridbot", FeatureSpec.DEFAULT, 1.0, false, true, true, 2, 0, true);

  /**
   * The plain baseline: character 1-2 grams of the raw text, standard TF-IDF (raw counts, smooth
   * idf, L2), linear SVM with hinge loss and C=1, as scikit-learn's
   * TfidfVectorizer(analyzer="char", ngram_range=(1, 2)) + LinearSVC(loss="hinge").
   */
  public static final Recipe TFIDF_SVM =
      new Recipe("tfidf-svm", new FeatureSpec(FeatureSpec.Kind.PLAIN_CHARS, 1, 2), 1.0, true,
          false, true, 1, 0, false);

  public Recipe {
    if (features == null) {
      throw new IllegalArgumentException("features == null");
    }
    if (!(c > 0)) {
      throw new IllegalArgumentException("C must be > 0");
    }
    if (cutoff < 1) {
      throw new IllegalArgumentException("cutoff must be >= 1");
    }
  }

  /**
   * This recipe with one setting changed: {@code ngrams=1-3}, {@code c=0.5} or {@code c=auto},
   * {@code loss=hinge|squared_hinge}, {@code sublinear=true}, {@code calibrate=true},
   * {@code cutoff=2}, {@code kind=chinese|plain_chars}.
   *
   * @throws IllegalArgumentException for an unknown key or a bad value
   */
  public Recipe with(String key, String value) {
    try {
      switch (key) {
        case "ngrams": {
          String[] parts = value.split("-");
          int lo = Integer.parseInt(parts[0].trim());
          int hi = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : lo;
          return new Recipe(name, new FeatureSpec(features.kind(), lo, hi,
              features.skipBigrams(), features.edges()), c, hinge, sublinearTf,
              calibrate, cutoff, nbAlpha, autoC);
        }
        case "skip":
          return new Recipe(name, new FeatureSpec(features.kind(), features.minN(),
              features.maxN(), Boolean.parseBoolean(value), features.edges()), c, hinge,
              sublinearTf, calibrate, cutoff, nbAlpha, autoC);
        case "edges":
          return new Recipe(name, new FeatureSpec(features.kind(), features.minN(),
              features.maxN(), features.skipBigrams(), Boolean.parseBoolean(value)), c, hinge,
              sublinearTf, calibrate, cutoff, nbAlpha, autoC);
        case "kind":
          return new Recipe(name, new FeatureSpec(FeatureSpec.Kind.valueOf(
              value.toUpperCase(java.util.Locale.ROOT)), features.minN(), features.maxN()), c,
              hinge, sublinearTf, calibrate, cutoff, nbAlpha, autoC);
        case "c":
          if (value.equals("auto")) {
            return new Recipe(name, features, c, hinge, sublinearTf, calibrate, cutoff, nbAlpha, true);
          }
          return new Recipe(name, features, Double.parseDouble(value), hinge, sublinearTf,
              calibrate, cutoff, nbAlpha, false);
        case "loss":
          if (!value.equals("hinge") && !value.equals("squared_hinge")) {
            throw new IllegalArgumentException("loss must be hinge or squared_hinge");
          }
          return new Recipe(name, features, c, value.equals("hinge"), sublinearTf, calibrate,
              cutoff, nbAlpha, autoC);
        case "sublinear":
          return new Recipe(name, features, c, hinge, Boolean.parseBoolean(value), calibrate,
              cutoff, nbAlpha, autoC);
        case "calibrate":
          return new Recipe(name, features, c, hinge, sublinearTf, Boolean.parseBoolean(value),
              cutoff, nbAlpha, autoC);
        case "cutoff":
          return new Recipe(name, features, c, hinge, sublinearTf, calibrate,
              Integer.parseInt(value), nbAlpha, autoC);
        case "nb":
          return new Recipe(name, features, c, hinge, sublinearTf, calibrate, cutoff,
              Double.parseDouble(value), autoC);
        default:
          throw new IllegalArgumentException("unknown recipe setting: " + key);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad value for " + key + ": " + value);
    }
  }
}
