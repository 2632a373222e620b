package cn.gridbot.nlp.rules;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigYaml;
import cn.gridbot.handlers.routing.PriorityRule;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Priority;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads {@code understanding.yaml} into {@link UnderstandingRules}, compiling every pattern once.
 * Anything unusable (a regex that does not compile, an unknown category or priority, a threshold
 * outside 0..1, a missing section) fails with a {@link ConfigException} naming file and key.
 */
public final class RulesLoader {
  private final String file;

  private RulesLoader(String file) {
    this.file = file;
  }

  /**
   * Loads and validates the rules.
   *
   * @param file the file name used in error messages
   * @throws ConfigException when the YAML cannot be read or does not validate
   */
  public static UnderstandingRules load(InputStream in, String file) {
    return new RulesLoader(file).parse(ConfigYaml.readMapping(in, file, false));
  }

  private UnderstandingRules parse(JsonNode root) {
    JsonNode ask = root.path("ask_below");
    if (!ask.isNumber() || ask.asDouble() < 0 || ask.asDouble() > 1) {
      throw new ConfigException(file, "ask_below", "a number between 0 and 1 is required");
    }
    Pattern overridesUnless = root.has("overrides_unless")
        ? regex(root.get("overrides_unless"), "overrides_unless") : null;
    return new UnderstandingRules(ask.asDouble(), emergency(object(root, "emergency", "emergency")),
        overrides(root.path("overrides")), overridesUnless, priorityRules(root.path("priority_rules")),
        place(object(root, "place", "place")));
  }

  private EmergencyRules emergency(JsonNode n) {
    JsonNode cues = object(n, "cues", "emergency.cues");
    JsonNode kindsNode = n.path("kinds");
    if (!kindsNode.isArray() || kindsNode.isEmpty()) {
      throw new ConfigException(file, "emergency.kinds", "a non-empty list of kinds is required");
    }
    List<EmergencyKind> kinds = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < kindsNode.size(); i++) {
      JsonNode k = kindsNode.get(i);
      String key = "emergency.kinds[" + i + "]";
      String id = text(k.path("id"), key + ".id");
      if (!ids.add(id)) {
        throw new ConfigException(file, key + ".id", "duplicate kind '" + id + "'");
      }
      key = "emergency.kinds[" + i + "](" + id + ")";
      List<Pattern> patterns = new ArrayList<>();
      JsonNode ps = k.path("patterns");
      if (!ps.isArray() || ps.isEmpty()) {
        throw new ConfigException(file, key + ".patterns", "a non-empty list of patterns is required");
      }
      for (int j = 0; j < ps.size(); j++) {
        patterns.add(regex(ps.get(j), key + ".patterns[" + j + "]"));
      }
      List<EmergencyKind.CategoryWhen> when = new ArrayList<>();
      JsonNode ws = k.path("category_when");
      for (int j = 0; j < ws.size(); j++) {
        String wkey = key + ".category_when[" + j + "]";
        when.add(new EmergencyKind.CategoryWhen(regex(ws.get(j).path("pattern"), wkey + ".pattern"),
            category(ws.get(j), wkey)));
      }
      Pattern unless = k.has("unless") ? regex(k.get("unless"), key + ".unless") : null;
      Category forced = k.has("category") ? category(k, key) : null;
      kinds.add(new EmergencyKind(id, forced, List.copyOf(patterns), List.copyOf(when), unless));
    }
    return new EmergencyRules(alternation(n.path("ignore"), "emergency.ignore"),
        alternation(cues.path("negation"), "emergency.cues.negation"),
        alternation(cues.path("hypothetical"), "emergency.cues.hypothetical"),
        alternation(cues.path("conditional"), "emergency.cues.conditional"),
        alternation(cues.path("past"), "emergency.cues.past"),
        alternation(cues.path("present"), "emergency.cues.present"),
        alternation(cues.path("habit"), "emergency.cues.habit"),
        alternation(cues.path("after"), "emergency.cues.after"),
        alternation(cues.path("resolved"), "emergency.cues.resolved"),
        alternation(cues.path("message"), "emergency.cues.message"),
        List.copyOf(kinds));
  }

  private List<KeywordOverride> overrides(JsonNode list) {
    List<KeywordOverride> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode o = list.get(i);
      String key = "overrides[" + i + "]";
      Pattern unless = o.has("unless") ? regex(o.get("unless"), key + ".unless") : null;
      out.add(new KeywordOverride(category(o, key), regex(o.path("pattern"), key + ".pattern"), unless));
    }
    return List.copyOf(out);
  }

  private List<PriorityRule> priorityRules(JsonNode list) {
    List<PriorityRule> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode r = list.get(i);
      String key = "priority_rules[" + i + "]";
      Category c = category(r, key);
      if (c == Category.OTHER) {
        throw new ConfigException(file, key + ".category", "'other' never has a priority");
      }
      String p = text(r.path("priority"), key + ".priority");
      Priority priority;
      try {
        priority = Priority.valueOf(p);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file, key + ".priority", "unknown priority '" + p + "' (P0..P3)");
      }
      out.add(new PriorityRule(c, regex(r.path("when"), key + ".when"), priority));
    }
    return List.copyOf(out);
  }

  private PlaceRules place(JsonNode n) {
    return new PlaceRules(alternation(n.path("elsewhere"), "place.elsewhere"),
        alternation(n.path("not_a_typo"), "place.not_a_typo"));
  }

  private JsonNode object(JsonNode n, String field, String key) {
    JsonNode v = n.path(field);
    if (!v.isObject()) {
      throw new ConfigException(file, key, "a mapping is required");
    }
    return v;
  }

  private String text(JsonNode n, String key) {
    if (!n.isValueNode() || n.asText().isBlank()) {
      throw new ConfigException(file, key, "missing or empty");
    }
    return n.asText().trim();
  }

  private Category category(JsonNode n, String key) {
    String id = text(n.path("category"), key + ".category");
    return Category.byId(id).orElseThrow(
        () -> new ConfigException(file, key + ".category", "unknown category '" + id + "'"));
  }

  private Pattern regex(JsonNode n, String key) {
    String s = text(n, key);
    try {
      return Pattern.compile(s);
    } catch (PatternSyntaxException e) {
      throw new ConfigException(file, key, "not a valid regular expression: " + e.getDescription()
          + " near index " + e.getIndex());
    }
  }

  /** A list of regexes as one alternation; null for a missing or empty list. */
  private Pattern alternation(JsonNode list, String key) {
    if (list.isMissingNode() || list.isNull()) {
      return null;
    }
    if (!list.isArray()) {
      throw new ConfigException(file, key, "expected a list");
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      parts.add("(?:" + regex(list.get(i), key + "[" + i + "]").pattern() + ")");
    }
    return parts.isEmpty() ? null : Pattern.compile(String.join("|", parts));
  }
}
