package cn.gridbot.handlers.config;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfigYamlTest {
  static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static ConfigException failing(String yaml) {
    return assertThrows(ConfigException.class, () -> ConfigYaml.read(stream(yaml), "x.yaml"));
  }

  @Test
  void aKeyGivenTwiceInOneMappingIsRefusedWithItsNameAndLine() {
    ConfigException e = failing("http:\n  host: a\n  port: 1\n  port: 2\n");
    assertEquals("x.yaml", e.file());
    assertEquals("key 'port' is given twice in one mapping (line 4); keep one of them", e.reason());
    assertTrue(failing("a: 1\nb:\n  c: 2\na: 3\n").reason().startsWith("key 'a' is given twice"));
  }

  @Test
  void theSameKeyInDifferentMappingsIsFine() {
    var n = ConfigYaml.read(stream("a:\n  port: 1\nb:\n  port: 2\nlist:\n  - {id: x}\n  - {id: y}\n"), "x.yaml");
    assertEquals(1, n.path("a").path("port").asInt());
    assertEquals(2, n.path("b").path("port").asInt());
    assertEquals("y", n.path("list").path(1).path("id").asText());
  }

  @Test
  void brokenYamlSaysSoAndAnEmptyFileIsNull() {
    assertTrue(failing("a: [1, 2\n").reason().startsWith("not valid YAML: "));
    assertNull(ConfigYaml.read(stream(""), "x.yaml"));
    assertNull(ConfigYaml.read(stream("# only a comment\n"), "x.yaml"));
  }

  @Test
  void aMappingIsRequiredAtTheTopAndAnEmptyFileOnlyWhereAllowed() {
    assertTrue(ConfigYaml.readMapping(stream(""), "x.yaml", true).isObject());
    assertEquals(1, ConfigYaml.readMapping(stream("a: 1\n"), "x.yaml", false).path("a").asInt());
    for (String yaml : new String[] {"", "- a\n- b\n", "just text\n"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> ConfigYaml.readMapping(stream(yaml), "x.yaml", false));
      assertEquals("expected a YAML mapping at the top level", e.reason(), yaml);
    }
    assertThrows(ConfigException.class, () -> ConfigYaml.readMapping(stream("- a\n"), "x.yaml", true));
  }
}
