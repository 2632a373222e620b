package cn.gridbot.handlers.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  private static String read(ConfigFiles files, String name) throws IOException {
    try (InputStream in = files.open(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Verifies that a file in the override directory wins and the others stay built in. */
  @Test
  void overrideWinsPerFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("understanding.yaml"), "ask_below: 0.3\n");
    ConfigFiles files = new ConfigFiles(dir);
    assertEquals("ask_below: 0.3\n", read(files, "understanding.yaml"));
    assertTrue(read(files, "directory.yaml").contains("heping-xiaoqu"));
    assertEquals(dir.resolve("understanding.yaml").toString(), files.describe("understanding.yaml"));
    assertEquals("config/directory.yaml", files.describe("directory.yaml"));
  }

  /** Verifies that a file that exists nowhere fails naming it. */
  @Test
  void missingFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigFiles.builtIn().open("nope.yaml"));
    assertEquals("config/nope.yaml", e.file());
  }
}
