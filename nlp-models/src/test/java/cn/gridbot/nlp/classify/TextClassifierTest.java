package cn.gridbot.nlp.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.handlers.taxonomy.Category;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.FeatureGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextClassifierTest {
  private static TextClassifier model;

  @BeforeAll
  static void train() {
    model = Trainer.train(TinyCorpus.twoLabels(30), 1);
  }

  /** Verifies that a tiny model separates two obvious labels, best first. */
  @Test
  void separatesTwoObviousLabels() {
    assertEquals("utilities", model.rank("我家又停水了,什么时候来水").get(0).label());
    assertEquals("public_security", model.rank("电动车被偷了").get(0).label());
    assertEquals("utilities", model.best("停電了").label()); // traditional 電
  }

  /**
   * Verifies that rows looked up once serve a second model that numbers its features alike (the
   * category and emergency models trained on the same texts): the same ranking as from features,
   * and no sharing with a model trained on other texts.
   */
  @Test
  void rowsServeAModelThatNumbersFeaturesAlike() {
    TextClassifier twin = Trainer.train(TinyCorpus.twoLabels(30), 1);
    TextClassifier other = Trainer.train(TinyCorpus.twoLabels(12), 1);
    assertTrue(model.sharesRowsWith(twin));
    assertTrue(!model.sharesRowsWith(other) && !other.sharesRowsWith(model));
    for (String text : List.of("我家又停水了,什么时候来水", "电动车被偷了 停水", "", "完全没见过的字")) {
      List<String> features = model.features(text);
      assertEquals(twin.rankFeatures(features), twin.rankRows(model.rows(features)), text);
      assertEquals(model.rankFeatures(features), model.rankRows(model.rows(features)), text);
    }
  }

  /**
   * Verifies C: the product recipe (c=auto) trains with one of the candidates, a fixed C is used
   * as given, and C is not stored in model files.
   */
  @Test
  void autoCPicksACandidateAndAFixedCIsKept() throws IOException {
    double chosen = model.trainedC();
    assertTrue(java.util.Arrays.stream(LinearSvmTrainer.C_CANDIDATES).anyMatch(c -> c == chosen), "chose " + chosen);
    assertTrue(Recipe.DEFAULT.with("c", "auto").autoC());
    Recipe fixed = Recipe.DEFAULT.with("c", "0.3");
    assertEquals(false, fixed.autoC());
    assertEquals(0.3, Trainer.train(TinyCorpus.twoLabels(30), 1, fixed).trainedC());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    assertTrue(Double.isNaN(TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray())).trainedC()));
  }

  /**
   * Verifies how C is chosen from the held-out macro-F1 of 1, 0.5, 2, 4, 0.25: another C than 1
   * only when it beats 1 by the margin (the first row is our corpus, the second the Teddy corpus).
   */
  @Test
  void autoCNeedsAMarginOverTheDefault() {
    assertEquals(0, LinearSvmTrainer.chooseC(new double[] {0.8933, 0.8939, 0.8916, 0.8923, 0.8844}));
    assertEquals(3, LinearSvmTrainer.chooseC(new double[] {0.9264, 0.9210, 0.9271, 0.9296, 0.9111}));
    assertEquals(2, LinearSvmTrainer.chooseC(new double[] {0.80, 0.79, 0.83, 0.82, 0.70}));
  }

  /** Verifies the held-out macro-F1 that chooses C: per-label F1 averaged over the labels present. */
  @Test
  void heldOutMacroF1() {
    // gold: 0, 0, 1, 2; predicted (top decision): 0, 1, 1, 1
    double[][] decisions = {{2, 1, 0}, {0, 1, 0}, {0, 3, 1}, {0, 2, 1}};
    int[] y = {0, 0, 1, 2};
    int[] held = {0, 1, 2, 3};
    // label 0: P 1/1, R 1/2 -> F1 2/3; label 1: P 1/3, R 1/1 -> F1 1/2; label 2: F1 0
    assertEquals((2.0 / 3 + 0.5 + 0) / 3, LinearSvmTrainer.macroF1(decisions, y, held, 3), 1e-12);
  }

  /** Verifies that probabilities are sorted best first and sum to 1. */
  @Test
  void probabilitiesAreSortedAndSumToOne() {
    List<Scored> ranked = model.rank("小偷撬锁");
    assertEquals(2, ranked.size());
    assertTrue(ranked.get(0).probability() >= ranked.get(1).probability());
    assertTrue(ranked.get(0).probability() > 0.5);
    assertEquals(1.0, ranked.stream().mapToDouble(Scored::probability).sum(), 1e-9);
    List<Scored> empty = model.rank("");
    assertEquals(1.0, empty.stream().mapToDouble(Scored::probability).sum(), 1e-9);
  }

  /** Verifies that a saved and reloaded model gives identical scores. */
  @Test
  void saveLoadRoundTripGivesIdenticalScores() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.save(bytes);
    TextClassifier loaded = TextClassifier.load(new ByteArrayInputStream(bytes.toByteArray()));
    for (String text : new String[] {"停水三天了", "有人撬锁", "", "WiFi 123 😡"}) {
      assertEquals(model.rank(text), loaded.rank(text), text);
    }
    assertEquals(model.featureSpec(), loaded.featureSpec());
  }

  /** Verifies that training is deterministic for a seed: same bytes twice. */
  @Test
  void trainingIsDeterministic() throws IOException {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Trainer.train(TinyCorpus.twoLabels(30), 7).save(a);
    Trainer.train(TinyCorpus.twoLabels(30), 7).save(b);
    assertArrayEquals(a.toByteArray(), b.toByteArray());
  }

  /** Verifies that concurrent callers get the same rankings as a single caller. */
  @Test
  void rankIsThreadSafe() throws Exception {
    String[] texts = {"停水三天了", "有人撬锁", "停电 小偷", "", "暖气不热 诈骗电话"};
    List<List<Scored>> expected = new java.util.ArrayList<>();
    for (String t : texts) {
      expected.add(model.rank(t));
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int n = 0; n < 8; n++) {
        results.add(pool.submit(() -> {
          for (int round = 0; round < 500; round++) {
            for (int i = 0; i < texts.length; i++) {
              if (!model.rank(texts[i]).equals(expected.get(i))) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (java.util.concurrent.Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Verifies that something that is not a model is refused with an IOException. */
  @Test
  void garbageIsNotAModel() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    assertThrows(IOException.class,
        () -> TextClassifier.load(new ByteArrayInputStream(gz.toByteArray())));
    assertThrows(IOException.class,
        () -> TextClassifier.load(new ByteArrayInputStream(new byte[] {9, 9, 9})));
  }

  /** Verifies that OpenNLP's DocumentCategorizerME drives the model with the same results. */
  @Test
  void documentCategorizerMeAgrees() {
    DoccatModel doccat = new DoccatModel("zh", model.maxentModel(), new java.util.HashMap<>(),
        new DoccatFactory(new FeatureGenerator[] {new ChineseFeatureGenerator()}));
    DocumentCategorizerME me = new DocumentCategorizerME(doccat);
    String text = "停电了 小区没电";
    double[] p = me.categorize(new String[] {text});
    assertEquals(model.best(text).label(), me.getBestCategory(p));
    assertEquals(model.best(text).probability(), p[me.getIndex(model.best(text).label())], 1e-12);
  }

  /**
   * Verifies that the packaged model either loads with taxonomy labels, or, when the build had no
   * corpus, loading says clearly that no model is packaged.
   */
  @Test
  void packagedModelLoadsOrSaysItIsMissing() throws IOException {
    if (TextClassifier.isPackaged()) {
      TextClassifier packaged = TextClassifier.loadPackaged();
      for (String label : packaged.labels()) {
        assertTrue(Category.byId(label).isPresent(), "not a taxonomy id: " + label);
      }
    } else {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, TextClassifier::loadPackaged);
      assertTrue(e.getMessage().contains("no classifier model is packaged"), e.getMessage());
    }
  }
}
