package cn.gridbot.nlp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RulesLoaderTest {
  private static String builtIn() throws IOException {
    try (InputStream in = ConfigFiles.builtIn().open(UnderstandingRules.FILE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ConfigException fails(String yaml) {
    return assertThrows(ConfigException.class, () -> RulesLoader.load(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "understanding.yaml"));
  }

  /** Verifies that the shipped rules load, with every section present. */
  @Test
  void loadsBuiltIn() throws IOException {
    UnderstandingRules r = RulesLoader.load(
        new ByteArrayInputStream(builtIn().getBytes(StandardCharsets.UTF_8)), "understanding.yaml");
    assertTrue(r.askBelow() > 0 && r.askBelow() < 1);
    assertTrue(r.emergency().kinds().size() >= 10);
    assertFalse(r.overrides().isEmpty());
    assertEquals(4, r.priorityRules().size());
  }

  /** Verifies that a regex that does not compile names the file and key. */
  @Test
  void badRegexNamesKey() throws IOException {
    ConfigException e = fails(builtIn().replace("|着了火|起火|", "|(着了火|起火|"));
    assertEquals("understanding.yaml", e.file());
    assertEquals("emergency.kinds[0](fire).patterns[0]", e.key());
    assertTrue(e.reason().contains("regular expression"), e.reason());
  }

  /** Verifies that an unknown category id names the key. */
  @Test
  void unknownCategoryNamesKey() throws IOException {
    ConfigException e = fails(builtIn().replace("{ category: micro_wish, pattern: \"微心愿\" }",
        "{ category: small_wish, pattern: \"微心愿\" }"));
    assertTrue(e.key().matches("overrides\\[\\d+]\\.category"), e.key());
    assertTrue(e.getMessage().contains("small_wish"));
  }

  /** Verifies that a bad priority, threshold and missing section are reported. */
  @Test
  void otherMistakes() throws IOException {
    assertTrue(fails(builtIn().replace("priority: P1, when: \"停水", "priority: P5, when: \"停水"))
        .key().endsWith(".priority"));
    assertEquals("ask_below", fails(builtIn().replace("ask_below: 0.50", "ask_below: 4")).key());
    assertEquals("emergency", fails("ask_below: 0.4\n").key());
    assertEquals("", fails("[not, a, mapping]").key());
  }

  /** Verifies that a key given twice in one kind fails instead of the last one silently winning. */
  @Test
  void duplicateKeyFails() throws IOException {
    String yaml = builtIn().replaceFirst("(\n    - id: fire\n)",
        "$1      category_when:\n        - { pattern: \"煤气\", category: utilities }\n");
    ConfigException e = fails(yaml);
    assertEquals("understanding.yaml", e.file());
    assertTrue(e.reason().contains("category_when"), e.reason());
  }
}
