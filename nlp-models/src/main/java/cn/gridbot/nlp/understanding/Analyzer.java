package cn.gridbot.nlp.understanding;

import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.routing.Router;
import cn.gridbot.handlers.routing.Routing;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.nlp.rules.UnderstandingRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The whole understanding step for one message, as the {@code analyze} command prints it
 * (shared/spec/cli.md): reading, then routing. Thread-safe; no I/O.
 */
public final class Analyzer {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ClassifierUnderstanding understanding;
  private final Router router;

  public Analyzer(ClassifierUnderstanding understanding, Router router) {
    this.understanding = Objects.requireNonNull(understanding, "understanding == null");
    this.router = Objects.requireNonNull(router, "router == null");
  }

  /** An analyzer over a scorer, the rules and a directory. */
  public static Analyzer of(CategoryScorer scorer, UnderstandingRules rules, Directory directory) {
    return of(scorer, null, rules, directory);
  }

  /** With an emergency model (see {@link ClassifierUnderstanding}); null for the rules alone. */
  public static Analyzer of(CategoryScorer scorer, CategoryScorer emergencyModel, UnderstandingRules rules,
      Directory directory) {
    return of(scorer, emergencyModel, ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD, rules, directory);
  }

  /** With an emergency model and its threshold (for measuring). */
  public static Analyzer of(CategoryScorer scorer, CategoryScorer emergencyModel, double emergencyThreshold,
      UnderstandingRules rules, Directory directory) {
    return new Analyzer(new ClassifierUnderstanding(scorer, emergencyModel, emergencyThreshold, rules, directory),
        new Router(directory, rules.priorityRules()));
  }

  public Router router() {
    return router;
  }

  public ClassifierUnderstanding understanding() {
    return understanding;
  }

  /** A reading and where it goes. */
  public record Analysis(ClassifierUnderstanding.Interpretation interpretation, Routing routing) {
    public Reading reading() {
      return interpretation.reading();
    }
  }

  public Analysis analyze(String text) {
    ClassifierUnderstanding.Interpretation i = understanding.interpret(text);
    return new Analysis(i, router.route(i.reading(), text));
  }

  /** The analyze output line for one message; every field present, in the documented order. */
  public ObjectNode toJson(JsonNode id, String text) {
    Analysis a = analyze(text);
    Reading r = a.reading();
    Routing route = a.routing();
    ObjectNode out = JSON.objectNode();
    out.set("id", id == null ? JSON.nullNode() : id);
    out.put("category", a.interpretation().label());
    out.put("confidence", Math.round(r.best().probability() * 10000) / 10000.0);
    out.put("emergency", r.emergency());
    out.put("priority", route.priority() == null ? null : route.priority().name());
    Place p = r.place() == null ? Place.NONE : router.asListed(r.place());
    ObjectNode loc = out.putObject("location");
    loc.put("compound", p.compoundId());
    loc.put("building", p.building());
    loc.put("unit", p.unit());
    loc.put("room", p.room());
    loc.put("segment", p.segmentId());
    out.put("grid", route.gridId());
    out.put("community", route.communityId());
    out.put("needs_location", route.needsLocation());
    ArrayNode assignees = out.putArray("assignees");
    for (Member m : route.assignees()) {
      // A stand-in is shown as who they are: the grid chief.
      Role role = m.fallback() ? Role.GRID_CHIEF : m.role();
      assignees.addObject().put("role", role.id()).put("name", m.person().name());
    }
    out.put("department", route.department() == null ? null : route.department().id());
    return out;
  }
}
