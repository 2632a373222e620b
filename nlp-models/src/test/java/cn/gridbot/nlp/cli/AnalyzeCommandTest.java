package cn.gridbot.nlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.nlp.Fixtures;
import cn.gridbot.nlp.understanding.CategoryScorer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("id", "category", "confidence", "emergency",
      "priority", "location", "grid", "community", "needs_location", "assignees", "department");
  private static final CategoryScorer SCORER = Fixtures.always("building_facility", 0.93);

  private record Result(int code, List<JsonNode> lines, String err) {}

  private static Result run(String input, CategoryScorer scorer, String... args) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = AnalyzeCommand.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        scorer);
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isEmpty()) {
        lines.add(JSON.readTree(l));
      }
    }
    return new Result(code, lines, err.toString(StandardCharsets.UTF_8));
  }

  /** Verifies the documented example and that every field is present, in order, on every line. */
  @Test
  void everyFieldOnEveryLine() throws IOException {
    Result r = run("{\"id\":\"h001\",\"text\":\"和平小区3号楼2单元401楼道灯坏了\"}\n"
        + "{\"id\":\"h002\",\"text\":\"楼道灯坏了\",\"extra\":1}\n", SCORER);
    assertEquals(0, r.code());
    assertEquals(2, r.lines().size());
    for (JsonNode n : r.lines()) {
      List<String> names = new ArrayList<>();
      n.fieldNames().forEachRemaining(names::add);
      assertEquals(FIELDS, names);
      List<String> loc = new ArrayList<>();
      n.get("location").fieldNames().forEachRemaining(loc::add);
      assertEquals(List.of("compound", "building", "unit", "room", "segment"), loc);
    }
    assertEquals("{\"id\":\"h001\",\"category\":\"building_facility\",\"confidence\":0.93,"
        + "\"emergency\":false,\"priority\":\"P2\",\"location\":{\"compound\":\"heping-xiaoqu\","
        + "\"building\":3,\"unit\":2,\"room\":\"401\",\"segment\":null},\"grid\":\"heping-01\","
        + "\"community\":\"heping\",\"needs_location\":false,\"assignees\":[{\"role\":\"building_head\","
        + "\"name\":\"杨阿姨\"},{\"role\":\"grid_worker\",\"name\":\"张伟\"},{\"role\":\"grid_worker\","
        + "\"name\":\"刘洋\"}],\"department\":\"housing\"}", r.lines().get(0).toString());
    JsonNode second = r.lines().get(1);
    assertTrue(second.get("grid").isNull());
    assertTrue(second.get("needs_location").asBoolean());
    assertEquals(0, second.get("assignees").size());
  }

  /**
   * Verifies that a building the compound does not have is left out of the location (金都花园 has 8),
   * that the place does not resolve though one grid covers 金都花园 whole, and that unit and room stay.
   */
  @Test
  void buildingTheCompoundDoesNotHave() throws IOException {
    Result r = run("{\"id\":\"x\",\"text\":\"金都花园10号楼2单元301楼道灯坏了\"}\n"
        + "{\"id\":\"y\",\"text\":\"金都花园8号楼2单元301楼道灯坏了\"}\n", SCORER);
    JsonNode missing = r.lines().get(0);
    assertEquals("{\"compound\":\"jindu-huayuan\",\"building\":null,\"unit\":2,\"room\":\"301\","
        + "\"segment\":null}", missing.get("location").toString());
    assertTrue(missing.get("grid").isNull());
    assertTrue(missing.get("needs_location").asBoolean());
    JsonNode listed = r.lines().get(1);
    assertEquals(8, listed.get("location").get("building").asInt());
    assertEquals("heping-03", listed.get("grid").asText());
  }

  /** Verifies that bad lines yield an error line and processing continues, in order. */
  @Test
  void malformedLines() throws IOException {
    Result r = run("{\"id\":\"a\",\"text\":\"你好\"}\nnot json\n{\"id\":\"b\"}\n[1,2]\n\n"
        + "{\"id\":7,\"text\":\"谢谢\"}\n", text -> List.of(new CategoryScorer.LabelScore("other", 0.8)));
    assertEquals(0, r.code());
    assertEquals(5, r.lines().size());
    assertEquals("a", r.lines().get(0).get("id").asText());
    assertTrue(r.lines().get(0).get("priority").isNull());
    assertTrue(r.lines().get(1).get("id").isNull());
    assertTrue(r.lines().get(1).has("error"));
    assertEquals("b", r.lines().get(2).get("id").asText());
    assertTrue(r.lines().get(2).get("error").asText().contains("text"));
    assertTrue(r.lines().get(3).get("id").isNull());
    assertEquals(7, r.lines().get(4).get("id").asInt());
    assertEquals("other", r.lines().get(4).get("category").asText());
  }

  /**
   * Verifies that several chunks analysed on several threads come out in input order, byte for byte
   * as on one thread, with bad lines answered in their place and blank lines skipped.
   */
  @Test
  void manyLinesOnSeveralThreadsKeepTheirOrder() throws IOException {
    String[] texts = {"和平小区3号楼楼道灯坏了", "阳光家园十二号楼一单元暖气片冰凉", "谢谢", "金都花园门口有人打架"};
    StringBuilder in = new StringBuilder();
    int expected = 0;
    for (int i = 0; i < AnalyzeCommand.CHUNK * 5 + 17; i++) {
      if (i % 97 == 0) {
        in.append("not json ").append(i).append('\n');
      } else if (i % 131 == 0) {
        in.append("  \n");
        continue;
      } else {
        in.append("{\"id\":").append(i).append(",\"text\":\"").append(texts[i % texts.length])
            .append("\"}\n");
      }
      expected++;
    }
    var analyzer = AnalyzeCommand.load(ConfigFiles.builtIn(),
        Fixtures.always("building_facility", 0.93));
    byte[] input = in.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream one = new ByteArrayOutputStream();
    AnalyzeCommand.process(analyzer, new ByteArrayInputStream(input), new PrintStream(one), 1);
    ByteArrayOutputStream four = new ByteArrayOutputStream();
    AnalyzeCommand.process(analyzer, new ByteArrayInputStream(input), new PrintStream(four), 4);
    String[] lines = four.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(expected, lines.length);
    assertEquals(one.toString(StandardCharsets.UTF_8), four.toString(StandardCharsets.UTF_8));
    int previous = -1;
    for (String l : lines) {
      JsonNode n = JSON.readTree(l);
      if (n.has("error")) {
        continue;
      }
      assertTrue(n.get("id").asInt() > previous, l);
      previous = n.get("id").asInt();
    }
    assertTrue(JSON.readTree(lines[0]).has("error"), lines[0]); // line 0 is "not json 0"
  }

  /**
   * Verifies that a line typed by hand is answered while the input is still open: with several
   * threads the lines are read in chunks, and a chunk must not wait for more input to fill it.
   */
  @Test
  void aLineTypedByHandIsAnsweredBeforeTheInputEnds() throws Exception {
    var analyzer = AnalyzeCommand.load(ConfigFiles.builtIn(),
        Fixtures.always("building_facility", 0.93));
    PipedOutputStream typing = new PipedOutputStream();
    PipedInputStream in = new PipedInputStream(typing);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
    Thread analyzing = new Thread(() -> {
      try {
        AnalyzeCommand.process(analyzer, in, printed, 4);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    analyzing.start();
    typing.write("{\"id\":\"a\",\"text\":\"和平小区3号楼楼道灯坏了\"}\n".getBytes(StandardCharsets.UTF_8));
    typing.flush();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!out.toString(StandardCharsets.UTF_8).contains("\n") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    String first = out.toString(StandardCharsets.UTF_8);
    assertTrue(first.contains("\"id\":\"a\"") && first.contains("heping-01"),
        "no answer while the input is still open: " + first);
    typing.write("{\"id\":\"b\",\"text\":\"谢谢\"}\n".getBytes(StandardCharsets.UTF_8));
    typing.close();
    analyzing.join(20_000);
    assertFalse(analyzing.isAlive());
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    assertEquals("b", JSON.readTree(lines[1]).get("id").asText());
  }

  /** Verifies that empty input gives empty output and success. */
  @Test
  void emptyInput() throws IOException {
    Result r = run("", SCORER);
    assertEquals(0, r.code());
    assertEquals(List.of(), r.lines());
  }

  /** Verifies that a bad understanding.yaml in --config fails with exit 2 naming file and key. */
  @Test
  void badConfigOverride(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("understanding.yaml"), "ask_below: 2\n");
    Result r = run("{\"id\":\"a\",\"text\":\"x\"}\n", SCORER, "analyze", "--config", dir.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("understanding.yaml") && r.err().contains("ask_below"), r.err());
  }

  /** Verifies that --config overrides only the files it holds (here the directory). */
  @Test
  void configOverridesDirectory(@TempDir Path dir) throws IOException {
    String yaml = new String(getClass().getResourceAsStream("/config/directory.yaml").readAllBytes(),
        StandardCharsets.UTF_8).replace("name: 吴婷", "name: 吴新");
    Files.writeString(dir.resolve("directory.yaml"), yaml);
    Result r = run("{\"id\":\"a\",\"text\":\"阳光家园十二号楼一单元暖气片冰凉\"}\n",
        Fixtures.always("utilities", 0.7), "--config", dir.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("吴新", r.lines().get(0).get("assignees").get(0).get("name").asText());
  }

  /** Verifies bad arguments and a missing model. */
  @Test
  void badArgumentsAndNoModel() throws IOException {
    assertEquals(2, run("", SCORER, "--bogus").code());
    assertEquals(2, run("", SCORER, "--model", "/no/such/file").code());
    // With no scorer given, the packaged model (trained by the build from corpus/train.jsonl) is used.
    Result packaged = run("{\"id\":\"a\",\"text\":\"和平小区3号楼楼道灯坏了\"}\n", null);
    assertEquals(0, packaged.code(), packaged.err());
    assertEquals("heping-01", packaged.lines().get(0).get("grid").asText());
  }
}
