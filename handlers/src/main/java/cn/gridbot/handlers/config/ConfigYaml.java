package cn.gridbot.handlers.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one YAML reader every configuration file goes through. A key given twice in one mapping is
 * refused: plain YAML parsing keeps the last value silently, so an operator who adds a second
 * {@code port:} or a second {@code category_when:} would see the first one ignored without a word.
 */
public final class ConfigYaml {
  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

  private ConfigYaml() {
  }

  /**
   * Reads one YAML document.
   *
   * @param file the file name used in error messages
   * @return the document, or {@code null} when the file is empty
   * @throws ConfigException when the text is not valid YAML or repeats a key in one mapping
   */
  public static JsonNode read(InputStream in, String file) {
    try {
      JsonNode n = MAPPER.readTree(in);
      return n == null || n.isMissingNode() ? null : n;
    } catch (IOException e) {
      throw new ConfigException(file, "", describe(e));
    }
  }

  /**
   * Reads a document whose top level must be a mapping.
   *
   * @param mayBeEmpty whether an empty file stands for an empty mapping (otherwise it is refused)
   * @throws ConfigException when the text is not valid YAML, repeats a key, or is not a mapping
   */
  public static JsonNode readMapping(InputStream in, String file, boolean mayBeEmpty) {
    JsonNode n = read(in, file);
    if (n == null && mayBeEmpty) {
      return MAPPER.createObjectNode();
    }
    if (n == null || !n.isObject()) {
      throw new ConfigException(file, "", "expected a YAML mapping at the top level");
    }
    return n;
  }

  private static String describe(IOException e) {
    String message = e.getMessage() == null ? "unreadable" : e.getMessage();
    int nl = message.indexOf('\n');
    String first = nl < 0 ? message : message.substring(0, nl);
    String at = "";
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation loc = jpe.getLocation();
      if (loc != null && loc.getLineNr() > 0) {
        at = " (line " + loc.getLineNr() + ")";
      }
    }
    Matcher dup = DUPLICATE.matcher(first);
    if (dup.find()) {
      return "key '" + dup.group(1) + "' is given twice in one mapping" + at
          + "; keep one of them";
    }
    return "not valid YAML: " + first;
  }
}
