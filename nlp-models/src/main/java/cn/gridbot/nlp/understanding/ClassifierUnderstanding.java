package cn.gridbot.nlp.understanding;

import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.handlers.understanding.ScoredCategory;
import cn.gridbot.handlers.understanding.Understanding;
import cn.gridbot.nlp.place.PlaceExtractor;
import cn.gridbot.nlp.rules.EmergencyDetector;
import cn.gridbot.nlp.rules.EmergencyDetector.Emergency;
import cn.gridbot.nlp.rules.EmergencyRules;
import cn.gridbot.nlp.rules.KeywordOverrides;
import cn.gridbot.nlp.rules.TextNormalizer;
import cn.gridbot.nlp.rules.UnderstandingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link Understanding} from a statistical {@link CategoryScorer} and the rules of
 * {@code understanding.yaml}: an emergency forces its category, else a keyword override (权责清单)
 * decides, else the scorer's best label. Rule decisions carry confidence 1.0. The place is read
 * against the {@link Directory}.
 *
 * <p>Thread-safe when the scorer is; no I/O.
 */
public final class ClassifierUnderstanding implements Understanding {
  /** Confidence of a category decided by a rule rather than by the classifier. */
  public static final double RULE_CONFIDENCE = 1.0;

  private final CategoryScorer scorer;
  private final UnderstandingRules rules;
  private final EmergencyDetector emergencies;
  private final KeywordOverrides overrides;
  private final PlaceExtractor places;

  /**
   * P(emergency) at or above which the emergency model flags a message the rules did not. Chosen on
   * a check set left out of the model's training (RULES.md, The emergency model): 0.6 found 92.7% of
   * its emergencies against 86.4% at 0.75 at the same precision, once the training data held
   * ordinary reports that only look alarming.
   */
  public static final double EMERGENCY_MODEL_THRESHOLD = 0.6;

  private final CategoryScorer emergencyModel;
  private final double emergencyThreshold;
  private final Directory directory;
  /** The care list's names as normalised text (two characters or more). */
  private final List<String> careTargetNames;
  /** The category scorer when the emergency model reads the same features: one extraction serves both. */
  private final Scorers.ModelScorer sharedFeatures;
  /** Whether {@link #sharedFeatures}' rows serve the emergency model too. */
  private final boolean sharedRows;

  public ClassifierUnderstanding(CategoryScorer scorer, UnderstandingRules rules, Directory directory) {
    this(scorer, null, rules, directory);
  }

  /**
   * @param emergencyModel a two-label model ({@code emergency}, {@code normal}) trained on the
   *     corpus's emergency flags, or null. A message is an emergency when the rules say so or the
   *     model gives it {@link #EMERGENCY_MODEL_THRESHOLD} or more and no emergency cue of the
   *     rules (hypothetical, past, resolved, message: "怕", "上个月", "已经灭了", "赔偿") occurs
   *     anywhere in it: a missed emergency is the worst error, so the model adds recall where the
   *     rules' wording runs out, but a bag of n-grams cannot read a fear, the past or an ending.
   */
  public ClassifierUnderstanding(CategoryScorer scorer, CategoryScorer emergencyModel, UnderstandingRules rules,
      Directory directory) {
    this(scorer, emergencyModel, EMERGENCY_MODEL_THRESHOLD, rules, directory);
  }

  /** As above with another threshold for the emergency model (for measuring; the product uses the default). */
  public ClassifierUnderstanding(CategoryScorer scorer, CategoryScorer emergencyModel, double emergencyThreshold,
      UnderstandingRules rules, Directory directory) {
    this.emergencyModel = emergencyModel;
    this.emergencyThreshold = emergencyThreshold;
    this.directory = directory;
    this.careTargetNames = directory.careTargets().stream().map(t -> TextNormalizer.normalize(t.name()))
        .filter(n -> n.length() >= 2).distinct().toList();
    this.scorer = Objects.requireNonNull(scorer, "scorer == null");
    this.rules = Objects.requireNonNull(rules, "rules == null");
    this.emergencies = new EmergencyDetector(rules.emergency());
    this.overrides = new KeywordOverrides(rules.overrides(), rules.overridesUnless());
    this.places = new PlaceExtractor(directory, rules.place());
    this.sharedFeatures = emergencyModel != null && scorer instanceof Scorers.ModelScorer m
        && m.sharesFeaturesWith(emergencyModel) ? m : null;
    // Both packaged models are trained on the same texts with the same spec and cut-off, so they
    // number their features alike: each feature is then looked up once per message, not twice.
    this.sharedRows = sharedFeatures != null && sharedFeatures.sharesRowsWith(emergencyModel);
  }

  /**
   * A reading with what produced it.
   *
   * @param label the category id, or the model's own label when it is not a taxonomy id
   * @param decidedBy "emergency:KIND", "override" or "classifier"
   */
  public record Interpretation(Reading reading, String label, String decidedBy) {}

  @Override
  public Reading read(String text) {
    return interpret(text).reading();
  }

  /** Whether the bot should ask the resident what a reading is about instead of guessing. */
  public boolean unsure(Reading reading) {
    return reading.best().probability() < rules.askBelow();
  }

  public Interpretation interpret(String text) {
    if (text == null || text.isBlank()) {
      ScoredCategory other = new ScoredCategory(Category.OTHER, RULE_CONFIDENCE);
      return new Interpretation(new Reading(other, List.of(other), false, Place.NONE, false),
          Category.OTHER.id(), "empty");
    }
    String normalized = TextNormalizer.normalize(text);
    List<String> features = sharedFeatures == null ? null : sharedFeatures.features(text);
    int[] rows = features == null ? null : sharedFeatures.rows(features);
    List<CategoryScorer.LabelScore> labels = rows == null ? scorer.rank(text) : sharedFeatures.rankRows(rows);
    List<ScoredCategory> ranked = new ArrayList<>();
    for (CategoryScorer.LabelScore l : labels) {
      Category.byId(l.label()).ifPresent(c -> ranked.add(new ScoredCategory(c, l.probability())));
    }
    Optional<Emergency> emergency = emergencies.detectNormalized(normalized);
    // The model first: the place-stripping and cue checks are dearer and rarely needed.
    boolean modelEmergency = emergency.isEmpty() && emergencyModel != null
        && (features == null ? emergencyModel.rank(text)
            : sharedRows ? ((Scorers.ModelScorer) emergencyModel).rankRows(rows)
            : ((Scorers.ModelScorer) emergencyModel).rankFeatures(features)).stream()
            .anyMatch(l -> l.label().equals("emergency") && l.probability() >= emergencyThreshold)
        && saysSomething(normalized) && noCue(normalized);
    Optional<Category> override = emergency.isPresent() ? Optional.empty() : overrides.find(normalized);
    ScoredCategory best;
    String label;
    String decidedBy;
    Category forced = emergency.map(Emergency::category).or(() -> override).orElse(null);
    // A person down who is on the care list (五必访) is theirs to follow: authors of the unseen sets
    // call a named care target's fall vulnerable_care, not health.
    if (forced == Category.HEALTH && emergency.isPresent() && namesCareTarget(normalized)) {
      forced = Category.VULNERABLE_CARE;
    }
    if (forced != null) {
      best = new ScoredCategory(forced, RULE_CONFIDENCE);
      label = forced.id();
      decidedBy = emergency.isPresent() ? "emergency:" + emergency.get().kind() : "override";
    } else if (!labels.isEmpty()) {
      CategoryScorer.LabelScore top = labels.get(0);
      best = Category.byId(top.label()).map(c -> new ScoredCategory(c, top.probability()))
          .orElse(new ScoredCategory(Category.OTHER, top.probability()));
      label = top.label();
      decidedBy = emergency.isPresent() ? "emergency:" + emergency.get().kind()
          : modelEmergency ? "emergency:model" : "classifier";
    } else {
      best = new ScoredCategory(Category.OTHER, 0.0);
      label = Category.OTHER.id();
      decidedBy = "classifier";
    }
    if (ranked.isEmpty() || !ranked.get(0).equals(best)) {
      Category c = best.category();
      ranked.removeIf(s -> s.category() == c);
      ranked.add(0, best);
    }
    // An emergency's place is where it happens, when a long message names several buildings.
    Place place = emergency.isPresent() ? places.extractAround(normalized, emergency.get().at())
        : places.extract(text);
    boolean atHome = places.atHome(normalized, place);
    return new Interpretation(new Reading(best, List.copyOf(ranked), emergency.isPresent() || modelEmergency, place,
        atHome),
        label, decidedBy);
  }

  private boolean namesCareTarget(String normalized) {
    for (String name : careTargetNames) {
      if (normalized.contains(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether none of the rules' message-wide emergency cues (hypothetical, past, resolved, message)
   * occurs anywhere in a message: the emergency model is not asked about "怕着火", "上个月着过一次火",
   * "已经灭了" or "赔偿", which the rules read and a bag of n-grams cannot.
   */
  private boolean noCue(String normalized) {
    EmergencyRules e = rules.emergency();
    for (Pattern p : new Pattern[] {e.hypothetical(), e.past(), e.resolved(), e.message()}) {
      if (p != null && p.matcher(normalized).find()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a message says more than a place: the model is not asked about a bare address
   * ("新华东里2号楼", an answer to the bot's question), which carries no sign of danger.
   */
  private boolean saysSomething(String normalized) {
    String rest = cn.gridbot.handlers.ticket.Texts.stripPlaces(directory, normalized);
    return rest.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count() >= 4;
  }
}
