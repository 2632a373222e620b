package cn.gridbot.nlp.eval;

import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.nlp.cli.AnalyzeCommand;
import cn.gridbot.nlp.understanding.Analyzer;
import cn.gridbot.nlp.understanding.CategoryScorer;
import cn.gridbot.nlp.understanding.ClassifierUnderstanding;
import cn.gridbot.nlp.understanding.Scorers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Measures the understanding rules against a gold JSONL file (fields {@code text}, {@code label},
 * {@code emergency}, optionally {@code location}, {@code grid}, {@code needs_location}) and prints
 * emergency recall/precision, place exact match, grid and needs_location accuracy, the agreement
 * of keyword overrides with the gold label, and category accuracy when a real model is given.
 *
 * <p>Without {@code --model} the category comes from the gold label (an oracle), so that the
 * figures measure the rules alone. A measurement, not a test:
 * {@code java -cp ... cn.gridbot.nlp.eval.GoldReport GOLD.jsonl [--model FILE] [--config DIR] [--show N]
 * [--emergency-model FILE|none] [--emergency-threshold P]} ({@code none}: the rules alone)
 */
public final class GoldReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Analyzer analyzer;
  private final boolean oracle;
  private final int show;
  private final ThreadLocal<String> goldLabel = new ThreadLocal<>();

  private int lines;
  private int emTp;
  private int emFp;
  private int emFn;
  private int emCategoryRight;
  private int placeGold;
  private int placeRight;
  private int gridGold;
  private int gridRight;
  private int needsGold;
  private int needsRight;
  private int overridesFired;
  private int overridesRight;
  private int categoryRight;
  private final List<String> misses = new ArrayList<>();

  private GoldReport(ConfigFiles files, CategoryScorer scorer, CategoryScorer emergencyModel,
      double emergencyThreshold, int show) throws IOException {
    this.oracle = scorer == null;
    this.show = show;
    CategoryScorer s = oracle
        ? text -> List.of(new CategoryScorer.LabelScore(Objects.requireNonNullElse(goldLabel.get(), "other"), 1.0))
        : scorer;
    this.analyzer = AnalyzeCommand.load(files, s, emergencyModel, emergencyThreshold);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: GoldReport GOLD.jsonl [--model FILE] [--config DIR] [--show N]"
          + " [--emergency-model FILE|none] [--emergency-threshold P]");
      System.exit(2);
    }
    Path model = null;
    Path config = null;
    int show = 0;
    String emergencyModel = null;
    double threshold = ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--model" -> model = Path.of(args[i + 1]);
        case "--config" -> config = Path.of(args[i + 1]);
        case "--show" -> show = Integer.parseInt(args[i + 1]);
        case "--emergency-model" -> emergencyModel = args[i + 1];
        case "--emergency-threshold" -> threshold = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    CategoryScorer em = emergencyModel == null ? Scorers.builtInEmergency().orElse(null)
        : emergencyModel.equals("none") ? null : Scorers.fromFile(Path.of(emergencyModel));
    report(Path.of(args[0]), new ConfigFiles(config), model == null ? null : Scorers.fromFile(model), em,
        threshold, show, new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  /**
   * Measures {@code gold} and prints the figures.
   *
   * @param scorer the category scorer; null to take the gold label (measures the rules alone)
   * @param show how many individual misses to print first
   */
  public static void report(Path gold, ConfigFiles files, CategoryScorer scorer, int show,
      PrintStream out) throws IOException {
    report(gold, files, scorer, Scorers.builtInEmergency().orElse(null),
        ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD, show, out);
  }

  /**
   * As above with another emergency model (null: the rules alone) and threshold.
   */
  public static void report(Path gold, ConfigFiles files, CategoryScorer scorer, CategoryScorer emergencyModel,
      double emergencyThreshold, int show, PrintStream out) throws IOException {
    GoldReport r = new GoldReport(files, scorer, emergencyModel, emergencyThreshold, show);
    try (BufferedReader in = Files.newBufferedReader(gold, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank()) {
          r.measure(JSON.readTree(line));
        }
      }
    }
    r.print(out, gold.toString());
  }

  private void measure(JsonNode gold) {
    String text = gold.path("text").asText();
    String label = gold.path("label").asText(null);
    goldLabel.set(label);
    Analyzer.Analysis a = analyzer.analyze(text);
    lines++;
    boolean goldEm = gold.path("emergency").asBoolean(false);
    boolean em = a.reading().emergency();
    if (goldEm && em) {
      emTp++;
      if (a.reading().best().category().id().equals(label)) {
        emCategoryRight++;
      } else {
        miss("EM-CATEGORY gold=" + label + " got=" + a.reading().best().category().id(), text);
      }
    } else if (em) {
      emFp++;
      miss("EM-FP " + a.interpretation().decidedBy(), text);
    } else if (goldEm) {
      emFn++;
      miss("EM-MISS", text);
    }
    if (!em && "override".equals(a.interpretation().decidedBy())) {
      overridesFired++;
      if (a.reading().best().category().id().equals(label)) {
        overridesRight++;
      } else {
        miss("OVERRIDE gold=" + label + " got=" + a.interpretation().label(), text);
      }
    }
    if (!oracle && a.interpretation().label().equals(label)) {
      categoryRight++;
    } else if (!oracle) {
      miss("CATEGORY gold=" + label + " got=" + a.interpretation().label() + " by=" + a.interpretation().decidedBy(), text);
    }
    if (gold.has("location")) {
      placeGold++;
      JsonNode l = gold.get("location");
      Place want = new Place(str(l, "compound"), num(l, "building"), num(l, "unit"), str(l, "room"),
          str(l, "segment"));
      Place got = analyzer.router().asListed(a.reading().place());
      if (want.equals(got)) {
        placeRight++;
      } else {
        miss("PLACE want=" + want + " got=" + got, text);
      }
    }
    if (gold.has("grid")) {
      gridGold++;
      String want = str(gold, "grid");
      if (Objects.equals(want, a.routing().gridId())) {
        gridRight++;
      } else {
        miss("GRID want=" + want + " got=" + a.routing().gridId(), text);
      }
    }
    if (gold.has("needs_location")) {
      needsGold++;
      if (gold.get("needs_location").asBoolean() == a.routing().needsLocation()) {
        needsRight++;
      } else {
        miss("NEEDS want=" + gold.get("needs_location").asBoolean() + " label=" + label, text);
      }
    }
  }

  private void miss(String what, String text) {
    if (misses.size() < show) {
      misses.add(what + " | " + text);
    }
  }

  private static String str(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Integer num(JsonNode n, String f) {
    JsonNode v = n.get(f);
    return v == null || v.isNull() ? null : v.asInt();
  }

  private static String pct(int right, int total) {
    return total == 0 ? "n/a" : String.format("%.2f%% (%d/%d)", 100.0 * right / total, right, total);
  }

  private void print(PrintStream out, String file) {
    misses.forEach(out::println);
    out.println("file=" + file + " lines=" + lines + (oracle ? " category=gold (oracle)" : ""));
    out.println("emergency recall=" + pct(emTp, emTp + emFn) + " precision=" + pct(emTp, emTp + emFp)
        + " category_of_emergencies=" + pct(emCategoryRight, emTp));
    out.println("overrides fired=" + overridesFired + " agree_with_gold=" + pct(overridesRight, overridesFired));
    out.println("place exact=" + pct(placeRight, placeGold) + " grid=" + pct(gridRight, gridGold)
        + " needs_location=" + pct(needsRight, needsGold));
    if (!oracle) {
      out.println("category accuracy=" + pct(categoryRight, lines));
    }
  }
}
