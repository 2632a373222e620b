package cn.gridbot.bot.ops;

import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.DirectoryLoader;
import cn.gridbot.handlers.taxonomy.Role;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config/api.yaml: digests only, tokens act as directory coordinators, bad entries stop the start. */
class ApiConfigTest {
  static Directory directory;
  @TempDir Path dir;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = ConfigFiles.builtInStream("directory.yaml")) {
      directory = DirectoryLoader.load(in, "config/directory.yaml");
    }
  }

  @Test
  void verifiesThatTheDemoTokensActAsTheirCoordinators() {
    ApiConfig c = ApiConfig.load(ConfigFiles.builtIn(), directory, Map.of());
    var heping = c.byTokenDigest(ApiConfig.sha256("gridbot-demo-heping")).orElseThrow();
    assertEquals(Role.COMMUNITY_SECRETARY, heping.role());
    assertEquals("heping", heping.placeId());
    var street = c.byTokenDigest(ApiConfig.sha256("gridbot-demo-guilinlu")).orElseThrow();
    assertEquals(Directory.Scope.STREET, street.scope());
    assertTrue(c.byTokenDigest(ApiConfig.sha256("gridbot-demo-HEPING")).isEmpty());
    assertEquals("demo-open311", c.open311KeyId(ApiConfig.sha256("gridbot-demo-open311")).orElseThrow());
    assertFalse(c.toString().contains("0e19"), "no digests in toString");
    assertFalse(heping.toString().contains(heping.digest()));
  }

  @Test
  void verifiesThatAnEnvironmentVariableReplacesTheDigest() {
    ApiConfig c = ApiConfig.load(ConfigFiles.builtIn(), directory, Map.of("GRIDBOT_API_TOKEN_DEMO_HEPING", "s3cret"));
    assertEquals("heping", c.byTokenDigest(ApiConfig.sha256("s3cret")).orElseThrow().placeId());
    assertTrue(c.byTokenDigest(ApiConfig.sha256("gridbot-demo-heping")).isEmpty());
  }

  @Test
  void verifiesThatBadEntriesNameTheFileKeyAndReason() throws Exception {
    Files.writeString(dir.resolve("api.yaml"), "tokens:\n  - { id: x, mobile: \"13800000102\", sha256: "
        + "0e193093b4614a21f94ded6be3325b8149741b5f654b5567caa296ec3128a6bb }\n");
    ConfigException e = assertThrows(ConfigException.class, () -> ApiConfig.load(new ConfigFiles(dir), directory, Map.of()));
    assertTrue(e.getMessage().contains("tokens[0].mobile") && e.getMessage().contains("community secretary"), e.getMessage());
    Files.writeString(dir.resolve("api.yaml"), "tokens:\n  - { id: x, mobile: \"13900000011\", sha256: plain-token }\n");
    e = assertThrows(ConfigException.class, () -> ApiConfig.load(new ConfigFiles(dir), directory, Map.of()));
    assertTrue(e.getMessage().contains("tokens[0].sha256"), e.getMessage());
  }
}
