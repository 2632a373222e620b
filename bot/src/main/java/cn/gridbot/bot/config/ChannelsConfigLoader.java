package cn.gridbot.bot.config;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.config.ConfigYaml;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code channels.yaml}: per platform, channels by id, each with plain values and
 * {@code *_env} keys naming the environment variables that hold its secrets; and the directory
 * groups' robots. A missing variable, an unknown key or a bad value fails startup naming the file,
 * the key and (for secrets) the variable, never its value.
 */
public final class ChannelsConfigLoader {
  public static final String FILE = "channels.yaml";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern ENV = Pattern.compile("[A-Z][A-Z0-9_]{0,127}");
  private static final Pattern AES_KEY = Pattern.compile("[A-Za-z0-9]{43}");
  private static final Pattern GROUP = Pattern.compile("(grid|building|community|street|dept):[A-Za-z0-9_.-]{1,64}(:[0-9]{1,4})?");
  /** The platforms group robots can be on. */
  public static final Set<String> GROUP_PLATFORMS = Set.of("wecom", "dingtalk", "feishu");

  /** What a platform's channel may hold: required and optional secrets and values. */
  record Schema(Set<String> secrets, Set<String> optionalSecrets, Set<String> values, Set<String> optionalValues) {}

  static final Map<String, Schema> SCHEMAS = Map.of(
      "wechat-mp", new Schema(Set.of("token"), Set.of("aes_key", "app_secret"), Set.of("app_id"),
          Set.of("api_base", "max_skew_seconds")),
      "wecom", new Schema(Set.of("token", "aes_key"), Set.of("corp_secret"), Set.of("corp_id"),
          Set.of("agent_id", "api_base", "max_skew_seconds")),
      "wecom-bot", new Schema(Set.of("token", "aes_key"), Set.of(), Set.of(),
          Set.of("api_base", "max_skew_seconds")),
      "dingtalk", new Schema(Set.of("app_secret"), Set.of(), Set.of(), Set.of("api_base", "max_skew_seconds")),
      "feishu", new Schema(Set.of("verification_token"), Set.of("encrypt_key", "app_secret"), Set.of(),
          Set.of("app_id", "api_base", "max_skew_seconds")),
      "generic", new Schema(Set.of("secret"), Set.of("reply_url"), Set.of(), Set.of("max_skew_seconds")));

  private ChannelsConfigLoader() {}

  /** Loads the effective {@code channels.yaml}; none at all means no channels. */
  public static ChannelsConfig load(ConfigFiles files, Map<String, String> env) {
    String file = files.describe(FILE);
    InputStream in;
    if (files.overridden(FILE)) {
      in = files.open(FILE);
    } else {
      in = ConfigFiles.builtInStream(FILE);
      if (in == null) {
        return ChannelsConfig.empty();
      }
    }
    return parse(read(in, file), file, env);
  }

  static JsonNode read(InputStream in, String file) {
    try (in) {
      return ConfigYaml.readMapping(in, file, true);
    } catch (IOException e) {
      throw new ConfigException(file, "", "cannot read: " + e.getMessage());
    }
  }

  static ChannelsConfig parse(JsonNode root, String file, Map<String, String> env) {
    if (root.isMissingNode() || root.isNull()) {
      return ChannelsConfig.empty();
    }
    if (!root.isObject()) {
      throw new ConfigException(file, "", "expected a YAML mapping at the top level");
    }
    Map<String, Map<String, ChannelsConfig.Channel>> channels = new TreeMap<>();
    Map<String, ChannelsConfig.Group> groups = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> top = it.next();
      switch (top.getKey()) {
        case "channels" -> {
          for (Map.Entry<String, JsonNode> p : mapping(top.getValue(), file, "channels")) {
            Schema schema = SCHEMAS.get(p.getKey());
            if (schema == null) {
              throw new ConfigException(file, "channels." + p.getKey(),
                  "unknown platform; one of " + new TreeMap<>(SCHEMAS).keySet());
            }
            Map<String, ChannelsConfig.Channel> byId = new TreeMap<>();
            for (Map.Entry<String, JsonNode> c : mapping(p.getValue(), file, "channels." + p.getKey())) {
              String path = "channels." + p.getKey() + "." + c.getKey();
              if (!ID.matcher(c.getKey()).matches()) {
                throw new ConfigException(file, path, "a channel id is 1-64 letters, digits, _ or -");
              }
              byId.put(c.getKey(), channel(p.getKey(), c.getKey(), c.getValue(), schema, file, path, env));
            }
            channels.put(p.getKey(), byId);
          }
        }
        case "groups" -> {
          for (Map.Entry<String, JsonNode> g : mapping(top.getValue(), file, "groups")) {
            groups.put(g.getKey(), group(g.getKey(), g.getValue(), file, "groups." + g.getKey(), env));
          }
        }
        default -> throw new ConfigException(file, top.getKey(), "unknown key; expected channels or groups");
      }
    }
    return new ChannelsConfig(channels, groups);
  }

  private static List<Map.Entry<String, JsonNode>> mapping(JsonNode n, String file, String path) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isObject()) {
      throw new ConfigException(file, path, "expected a mapping");
    }
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    n.fields().forEachRemaining(out::add);
    return out;
  }

  private static ChannelsConfig.Channel channel(String platform, String id, JsonNode node, Schema schema,
      String file, String path, Map<String, String> env) {
    Map<String, String> values = new HashMap<>();
    Map<String, Secret> secrets = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : mapping(node, file, path)) {
      String key = e.getKey();
      String keyPath = path + "." + key;
      if (key.endsWith("_env")) {
        String name = key.substring(0, key.length() - 4);
        if (!schema.secrets().contains(name) && !schema.optionalSecrets().contains(name)) {
          throw new ConfigException(file, keyPath, "unknown key for a " + platform + " channel");
        }
        secrets.put(name, secret(e.getValue(), file, keyPath, env));
      } else {
        if (!schema.values().contains(key) && !schema.optionalValues().contains(key)) {
          String hint = schema.secrets().contains(key) || schema.optionalSecrets().contains(key)
              ? "secrets come only from the environment: use " + key + "_env" : "unknown key for a " + platform + " channel";
          throw new ConfigException(file, keyPath, hint);
        }
        values.put(key, scalar(e.getValue(), file, keyPath));
      }
    }
    for (String required : schema.secrets()) {
      if (!secrets.containsKey(required)) {
        throw new ConfigException(file, path + "." + required + "_env", "required");
      }
    }
    for (String required : schema.values()) {
      if (!values.containsKey(required)) {
        throw new ConfigException(file, path + "." + required, "required");
      }
    }
    Secret aes = secrets.get("aes_key");
    if (aes != null && !AES_KEY.matcher(aes.value()).matches()) {
      throw new ConfigException(file, path + ".aes_key_env",
          "environment variable " + aes.variable() + " must hold a 43-character EncodingAESKey");
    }
    if (values.containsKey("api_base")) {
      url(values.get("api_base"), file, path + ".api_base");
      values.put("api_base", values.get("api_base").replaceAll("/+$", ""));
    }
    if (values.containsKey("max_skew_seconds")) {
      try {
        long n = Long.parseLong(values.get("max_skew_seconds"));
        if (n < 1 || n > 86_400) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException ex) {
        throw new ConfigException(file, path + ".max_skew_seconds", "a whole number of seconds, 1 to 86400");
      }
    }
    if (secrets.containsKey("app_secret") && platform.equals("feishu") && !values.containsKey("app_id")) {
      throw new ConfigException(file, path + ".app_id", "required with app_secret_env");
    }
    if (values.containsKey("agent_id") && !values.get("agent_id").matches("[0-9]{1,18}")) {
      throw new ConfigException(file, path + ".agent_id", "the app's AgentId, a number");
    }
    if (secrets.containsKey("corp_secret") && !values.containsKey("agent_id")) {
      throw new ConfigException(file, path + ".agent_id", "required with corp_secret_env");
    }
    if (secrets.containsKey("reply_url")) {
      url(secrets.get("reply_url").value(), file, path + ".reply_url_env");
    }
    return new ChannelsConfig.Channel(platform, id, values, secrets);
  }

  private static ChannelsConfig.Group group(String id, JsonNode node, String file, String path,
      Map<String, String> env) {
    if (!GROUP.matcher(id).matches()) {
      throw new ConfigException(file, path, "a directory group id such as grid:heping-01 "
          + "(grid, building, community, street or dept)");
    }
    String platform = null;
    Secret webhook = null;
    Secret secret = null;
    List<String> chatIds = new ArrayList<>();
    boolean markdown = false;
    for (Map.Entry<String, JsonNode> e : mapping(node, file, path)) {
      String keyPath = path + "." + e.getKey();
      switch (e.getKey()) {
        case "platform" -> {
          platform = scalar(e.getValue(), file, keyPath);
          if (!GROUP_PLATFORMS.contains(platform)) {
            throw new ConfigException(file, keyPath, "one of " + new TreeMap<>(Map.of("wecom", 1, "dingtalk", 1,
                "feishu", 1)).keySet() + ", got '" + platform + "'");
          }
        }
        case "webhook_env" -> webhook = secret(e.getValue(), file, keyPath, env);
        case "secret_env" -> secret = secret(e.getValue(), file, keyPath, env);
        case "chat_ids" -> {
          if (!e.getValue().isArray()) {
            throw new ConfigException(file, keyPath, "a list of the platform's chat ids");
          }
          e.getValue().forEach(v -> chatIds.add(v.asText()));
        }
        case "format" -> {
          String f = scalar(e.getValue(), file, keyPath);
          if (!f.equals("text") && !f.equals("markdown")) {
            throw new ConfigException(file, keyPath, "text or markdown, got '" + f + "'");
          }
          markdown = f.equals("markdown");
        }
        case "webhook", "secret" -> throw new ConfigException(file, keyPath,
            "secrets come only from the environment: use " + e.getKey() + "_env");
        default -> throw new ConfigException(file, keyPath, "unknown key for a group");
      }
    }
    if (platform == null) {
      throw new ConfigException(file, path + ".platform", "required");
    }
    if (webhook == null) {
      throw new ConfigException(file, path + ".webhook_env", "required");
    }
    url(webhook.value(), file, path + ".webhook_env");
    if (secret != null && platform.equals("wecom")) {
      throw new ConfigException(file, path + ".secret_env", "WeCom group robots are not signed; remove it");
    }
    if (markdown && !platform.equals("wecom")) {
      throw new ConfigException(file, path + ".format", "markdown is supported for WeCom group robots only");
    }
    return new ChannelsConfig.Group(id, platform, webhook, secret, chatIds, markdown);
  }

  private static Secret secret(JsonNode v, String file, String path, Map<String, String> env) {
    String name = scalar(v, file, path);
    if (!ENV.matcher(name).matches()) {
      throw new ConfigException(file, path, "the NAME of an environment variable (A-Z, 0-9, _)");
    }
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new ConfigException(file, path, "environment variable " + name + " is not set");
    }
    return new Secret(name, value.trim());
  }

  private static String scalar(JsonNode v, String file, String path) {
    if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
      throw new ConfigException(file, path, "expected a non-empty single value");
    }
    return v.asText().trim();
  }

  private static void url(String value, String file, String path) {
    try {
      URI u = URI.create(value);
      if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file, path, "expected an http(s) URL");
    }
  }
}
