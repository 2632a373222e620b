package cn.gridbot.bot.ops;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.config.ConfigYaml;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Directory.Scope;
import cn.gridbot.handlers.directory.Directory.StaffRole;
import cn.gridbot.handlers.taxonomy.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code config/api.yaml}: coordinator tokens and Open311 keys, held as SHA-256 digests only.
 * {@link #toString()} shows ids, never digests.
 */
public final class ApiConfig {
  public static final String FILE = "api.yaml";
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

  private final List<Coordinator> coordinators;
  private final Map<String, String> open311Keys;

  ApiConfig(List<Coordinator> coordinators, Map<String, String> open311Keys) {
    this.coordinators = List.copyOf(coordinators);
    this.open311Keys = Map.copyOf(open311Keys);
  }

  /** The coordinator whose token has this digest. */
  public Optional<Coordinator> byTokenDigest(String digest) {
    return coordinators.stream().filter(c -> MessageDigest.isEqual(
        c.digest().getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII))).findFirst();
  }

  /** The id of the Open311 key with this digest. */
  public Optional<String> open311KeyId(String digest) {
    return open311Keys.entrySet().stream().filter(e -> MessageDigest.isEqual(
        e.getValue().getBytes(StandardCharsets.US_ASCII), digest.getBytes(StandardCharsets.US_ASCII)))
        .map(Map.Entry::getKey).findFirst();
  }

  public List<Coordinator> coordinators() {
    return coordinators;
  }

  /** SHA-256 hex of a secret. */
  public static String sha256(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Loads and validates the file against the directory.
   *
   * @throws ConfigException naming the file, key and reason when a value is wrong
   */
  public static ApiConfig load(ConfigFiles files, Directory directory, Map<String, String> env) {
    String name = files.describe(FILE);
    JsonNode root;
    try (InputStream in = files.open(FILE)) {
      root = ConfigYaml.read(in, name);
    } catch (IOException e) {
      throw new ConfigException(name, "", "cannot read: " + e.getMessage());
    }
    List<Coordinator> coordinators = new ArrayList<>();
    JsonNode tokens = root == null ? null : root.get("tokens");
    if (tokens != null) {
      for (int i = 0; i < tokens.size(); i++) {
        JsonNode t = tokens.get(i);
        String key = "tokens[" + i + "]";
        String id = text(t, "id", name, key);
        String mobile = text(t, "mobile", name, key);
        String digest = digest(t, id, env, name, key);
        StaffRole role = directory.rolesOf(mobile).stream()
            .filter(r -> r.role() == Role.COMMUNITY_SECRETARY || r.role() == Role.STREET_COMMANDER)
            .findFirst().orElseThrow(() -> new ConfigException(name, key + ".mobile",
                "not a community secretary or street commander in the directory"));
        coordinators.add(new Coordinator(id, role.person(), role.role(), role.scope(), role.placeId(), digest));
      }
    }
    Map<String, String> keys = new java.util.LinkedHashMap<>();
    JsonNode o311 = root == null ? null : root.get("open311_keys");
    if (o311 != null) {
      for (int i = 0; i < o311.size(); i++) {
        String key = "open311_keys[" + i + "]";
        String id = text(o311.get(i), "id", name, key);
        keys.put(id, digest(o311.get(i), id, env, name, key));
      }
    }
    return new ApiConfig(coordinators, keys);
  }

  private static String digest(JsonNode t, String id, Map<String, String> env, String file, String key) {
    String fromEnv = env.get("GRIDBOT_API_TOKEN_" + id.toUpperCase(Locale.ROOT).replace('-', '_'));
    if (fromEnv != null && !fromEnv.isBlank()) {
      return sha256(fromEnv.strip());
    }
    String d = text(t, "sha256", file, key).toLowerCase(Locale.ROOT);
    if (!HEX.matcher(d).matches()) {
      throw new ConfigException(file, key + ".sha256", "64 hex digits expected (the SHA-256 of the secret)");
    }
    return d;
  }

  private static String text(JsonNode node, String field, String file, String key) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ConfigException(file, key + "." + field, "required");
    }
    return v.asText().strip();
  }

  @Override
  public String toString() {
    return "ApiConfig[tokens=" + coordinators.stream().map(Coordinator::tokenId).toList()
        + ", open311Keys=" + open311Keys.keySet() + "]";
  }

  /**
   * A coordinator behind a token: the directory person, their role and where it holds.
   * {@link #toString()} leaves the digest out.
   */
  public record Coordinator(String tokenId, cn.gridbot.handlers.directory.Person person, Role role,
      Scope scope, String placeId, String digest) {
    @Override
    public String toString() {
      return "Coordinator[" + tokenId + ", " + role.id() + "@" + placeId + "]";
    }
  }
}
