package cn.gridbot.bot.config;

import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotConfigLoaderTest {
  @TempDir Path dir;

  BotConfig load(Map<String, String> env) {
    return BotConfigLoader.load(new ConfigFiles(dir), env);
  }

  ConfigException failing(String yaml, Map<String, String> env) throws Exception {
    Files.writeString(dir.resolve("gridbot.yaml"), yaml);
    return assertThrows(ConfigException.class, () -> load(env));
  }

  @Test
  void theBuiltInDefaultsStartAnEmbeddedRedisOn8080() {
    BotConfig c = load(Map.of());
    assertEquals(8080, c.http().port());
    assertTrue(c.redis().isEmbedded());
    assertEquals(Duration.ofSeconds(2), c.redis().commandTimeout());
    assertEquals(Path.of("./data"), c.redis().embedded().dataDir());
    assertTrue(c.redis().embedded().appendOnly());
    assertTrue(c.sandbox().enabled());
  }

  @Test
  void environmentVariablesOverrideSingleValues() {
    BotConfig c = load(Map.of("GRIDBOT_HTTP_PORT", "9090", "GRIDBOT_REDIS_URL", "redis://:s3cret@redis.local:6379",
        "GRIDBOT_DATA_DIR", "/var/lib/gridbot", "GRIDBOT_SANDBOX_ENABLED", "false"));
    assertEquals(9090, c.http().port());
    assertEquals("redis://:s3cret@redis.local:6379", c.redis().url());
    assertEquals(Path.of("/var/lib/gridbot"), c.redis().embedded().dataDir());
    assertFalse(c.sandbox().enabled());
  }

  @Test
  void theRedisPasswordNeverAppearsInToString() {
    BotConfig c = load(Map.of("GRIDBOT_REDIS_URL", "rediss://user:s3cret@redis.local:6380/0"));
    assertFalse(c.toString().contains("s3cret"), c.toString());
    assertTrue(c.toString().contains("rediss://***@redis.local:6380/0"));
  }

  @Test
  void anOverrideFileIsMergedKeyByKey() throws Exception {
    Files.writeString(dir.resolve("gridbot.yaml"), "http:\n  port: 8181\n");
    BotConfig c = load(Map.of());
    assertEquals(8181, c.http().port());
    assertEquals(65536, c.http().maxBodyBytes(), "keys not in the override keep their defaults");
  }

  @Test
  void anUnknownKeyNamesFileAndKey() throws Exception {
    ConfigException e = failing("http:\n  prot: 8181\n", Map.of());
    assertEquals(dir.resolve("gridbot.yaml").toString(), e.file());
    assertEquals("http.prot", e.key());
    assertEquals("unknown key", e.reason());
  }

  @Test
  void aBadValueNamesFileKeyAndReason() throws Exception {
    ConfigException e = failing("http:\n  port: eighty\n", Map.of());
    assertEquals("http.port", e.key());
    assertTrue(e.reason().contains("whole number"), e.reason());
    assertTrue(failing("http:\n  port: 70000\n", Map.of()).reason().contains("between 0 and 65535"));
    assertTrue(failing("sandbox:\n  enabled: maybe\n", Map.of()).reason().contains("true or false"));
  }

  @Test
  void aBadEnvironmentValueNamesTheVariable() throws Exception {
    ConfigException e = assertThrows(ConfigException.class, () -> load(Map.of("GRIDBOT_HTTP_PORT", "x")));
    assertEquals("environment", e.file());
    assertEquals("GRIDBOT_HTTP_PORT", e.key());
    ConfigException url = assertThrows(ConfigException.class,
        () -> load(Map.of("GRIDBOT_REDIS_URL", "http://user:pw@x")));
    assertFalse(url.getMessage().contains(":pw@"), "the reason must not echo a password");
  }

  @Test
  void brokenYamlIsReportedWithTheFile() throws Exception {
    ConfigException e = failing("http: [port: 1\n", Map.of());
    assertTrue(e.reason().startsWith("not valid YAML"), e.reason());
    assertTrue(e.getMessage().startsWith(dir.resolve("gridbot.yaml").toString()));
  }

  @Test
  void verifiesTheSenderFloodLimitDefaultOverrideAndValidation() throws Exception {
    assertEquals(20, load(Map.of()).flood().senderPerMinute());
    assertEquals(0, load(Map.of("GRIDBOT_FLOOD_SENDER_PER_MINUTE", "0")).flood().senderPerMinute());
    ConfigException e = failing("flood:\n  sender_per_minute: -3\n", Map.of());
    assertTrue(e.getMessage().contains("flood.sender_per_minute"), e.getMessage());
    assertThrows(ConfigException.class, () -> load(Map.of("GRIDBOT_FLOOD_SENDER_PER_MINUTE", "many")));
  }
}
