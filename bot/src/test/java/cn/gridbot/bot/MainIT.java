package cn.gridbot.bot;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import cn.gridbot.handlers.config.ConfigFiles;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and one-line errors. */
class MainIT {
  @TempDir Path dir;
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(Map<String, String> env, String... args) {
    return Main.run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), env);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void verifiesThatBadArgumentsExitWith2() {
    assertEquals(2, run(Map.of(), "frobnicate"));
    assertTrue(err().contains("unknown command"));
    assertEquals(2, run(Map.of(), "serve", "--port", "1"));
    assertEquals(2, run(Map.of(), "serve", "--config", dir.resolve("missing").toString()));
    assertTrue(err().contains("not a readable directory"));
  }

  @Test
  void verifiesThatABadConfigFileExitsWith2NamingFileAndKey() throws Exception {
    Files.writeString(dir.resolve("gridbot.yaml"), "redis:\n  command_timeout_ms: soon\n");
    assertEquals(2, run(Map.of(), "serve", "--config", dir.toString()));
    assertTrue(err().contains("gridbot.yaml: redis.command_timeout_ms: expected a whole number"), err());
  }

  @Test
  void verifiesThatABadDirectoryExitsWith2() throws Exception {
    Files.writeString(dir.resolve("directory.yaml"), "district: {id: x, name: X}\nstreets:\n  - {id: s, name: S}\n");
    assertEquals(2, run(Map.of("GRIDBOT_DATA_DIR", dir.resolve("data").toString()), "serve", "--config", dir.toString()));
    assertTrue(err().contains("directory.yaml: streets[0](s).commander"), err());
  }

  @Test
  void verifiesThatAPortInUseExitsWith2() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int code = run(Map.of("GRIDBOT_HTTP_PORT", Integer.toString(taken.getLocalPort()),
          "GRIDBOT_HTTP_HOST", "127.0.0.1", "GRIDBOT_DATA_DIR", dir.toString()));
      assertEquals(2, code, err());
      assertTrue(err().contains("already in use"), err());
    }
  }

  /**
   * Every configuration file refuses a key given twice in one mapping; plain YAML would keep the
   * last one and silently drop what the operator wrote first.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "gridbot.yaml       | '  port: 8080'              | port",
      "directory.yaml     | '    name: 和平社区'         | name",
      "schedules.yaml     | 'timezone: Asia/Shanghai'   | timezone",
      "understanding.yaml | 'ask_below: 0.50'           | ask_below",
      "api.yaml           | 'open311_keys:'             | open311_keys",
      "channels.yaml      | 'groups: {}'                | groups"})
  void verifiesThatAKeyGivenTwiceExitsWith2NamingFileAndKey(String file, String line, String key) throws Exception {
    String text;
    try (InputStream in = ConfigFiles.builtInStream(file)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String again = line.endsWith(":") ? line + " []" : line;
    String twice = text.replaceFirst("(?m)^" + Pattern.quote(line), Matcher.quoteReplacement(again + "\n" + line));
    assertNotEquals(text, twice, "the shipped " + file + " has the line " + line);
    Files.writeString(dir.resolve(file), twice);
    int code = run(Map.of("GRIDBOT_DATA_DIR", dir.resolve("data").toString(), "GRIDBOT_HTTP_HOST", "127.0.0.1",
        "GRIDBOT_HTTP_PORT", "0"), "serve", "--config", dir.toString());
    assertEquals(2, code, err());
    assertTrue(err().contains(file + ": key '" + key + "' is given twice in one mapping (line "), err());
  }
}
