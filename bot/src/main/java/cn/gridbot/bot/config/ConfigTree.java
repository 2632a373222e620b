package cn.gridbot.bot.config;

import cn.gridbot.handlers.config.ConfigException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A YAML tree read key by key. Every key read is remembered, so that {@link #rejectUnknown()} can
 * name a key nobody asked for (a typo in a config file is an error, not a silent default).
 * Environment variables override single values: {@code GRIDBOT_} + the dotted path in upper case
 * with dots as underscores ({@code http.port} → {@code GRIDBOT_HTTP_PORT}), plus aliases.
 */
final class ConfigTree {
  private final String file;
  private final JsonNode root;
  private final Map<String, String> env;
  private final Map<String, String> aliases;
  private final Set<String> read = new HashSet<>();

  ConfigTree(String file, JsonNode root, Map<String, String> env, Map<String, String> aliases) {
    this.file = file;
    this.root = root;
    this.env = env;
    this.aliases = aliases;
  }

  static String envName(String path) {
    return "GRIDBOT_" + path.toUpperCase().replace('.', '_');
  }

  private JsonNode value(String path) {
    read.add(path);
    String alias = aliases.get(path);
    if (alias != null && env.containsKey(alias)) {
      return TextNode.valueOf(env.get(alias));
    }
    String fromEnv = env.get(envName(path));
    if (fromEnv != null) {
      return TextNode.valueOf(fromEnv);
    }
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      n = n.path(part);
    }
    return n;
  }

  private String where(String path) {
    String alias = aliases.get(path);
    if (alias != null && env.containsKey(alias)) {
      return alias + " (environment)";
    }
    return env.containsKey(envName(path)) ? envName(path) + " (environment)" : path;
  }

  private ConfigException error(String path, String reason) {
    String source = where(path);
    return source.endsWith("(environment)")
        ? new ConfigException("environment", source.replace(" (environment)", ""), reason)
        : new ConfigException(file, path, reason);
  }

  String string(String path, String dflt) {
    JsonNode v = value(path);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    if (!v.isValueNode()) {
      throw error(path, "expected a single value");
    }
    return v.asText();
  }

  int integer(String path, int dflt, int min, int max) {
    JsonNode v = value(path);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    long n;
    try {
      n = v.isNumber() ? v.asLong() : Long.parseLong(v.asText().trim());
    } catch (NumberFormatException e) {
      throw error(path, "expected a whole number, got '" + v.asText() + "'");
    }
    if (v.isNumber() && !v.canConvertToLong()) {
      throw error(path, "expected a whole number");
    }
    if (v.isFloatingPointNumber()) {
      throw error(path, "expected a whole number, got " + v.asText());
    }
    if (n < min || n > max) {
      throw error(path, "must be between " + min + " and " + max + ", got " + n);
    }
    return (int) n;
  }

  double decimal(String path, double dflt, double min, double max) {
    JsonNode v = value(path);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    double d;
    try {
      d = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText().trim());
    } catch (NumberFormatException e) {
      throw error(path, "expected a number, got '" + v.asText() + "'");
    }
    if (!(d >= min && d <= max)) {
      throw error(path, "must be between " + min + " and " + max + ", got " + v.asText());
    }
    return d;
  }

  boolean bool(String path, boolean dflt) {
    JsonNode v = value(path);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim().toLowerCase();
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw error(path, "expected true or false, got '" + v.asText() + "'");
  }

  /** The raw node at a path (marked as read with everything below it), for lists and maps. */
  JsonNode node(String path) {
    JsonNode n = value(path);
    markBelow(path, n);
    return n;
  }

  private void markBelow(String path, JsonNode n) {
    read.add(path);
    if (n instanceof ObjectNode obj) {
      obj.fieldNames().forEachRemaining(f -> markBelow(path + "." + f, obj.get(f)));
    }
  }

  ConfigException errorAt(String path, String reason) {
    return error(path, reason);
  }

  /** Fails naming the first key in the file that no reader asked for. */
  void rejectUnknown() {
    walk(root, "");
  }

  private void walk(JsonNode node, String prefix) {
    if (!(node instanceof ObjectNode obj)) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (read.contains(path)) {
        continue;
      }
      boolean parentOfRead = read.stream().anyMatch(r -> r.startsWith(path + "."));
      if (!parentOfRead) {
        throw new ConfigException(file, path, "unknown key");
      }
      walk(e.getValue(), path);
    }
  }
}
