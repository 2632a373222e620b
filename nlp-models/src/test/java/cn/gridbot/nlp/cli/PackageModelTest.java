package cn.gridbot.nlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies how the build step gathers its training data from several corpus files. */
class PackageModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path write(String name, String... lines) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, List.of(lines), StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void expandsAStarInTheFileNameToTheMatchingFilesInOrder() throws Exception {
    write("inbox-check-2.jsonl", "{}");
    write("inbox-check-10.jsonl", "{}");
    write("test.jsonl", "{}");
    List<Path> found = PackageModel.expand(dir.resolve("*-check*.jsonl").toString());
    assertEquals(List.of(dir.resolve("inbox-check-10.jsonl"), dir.resolve("inbox-check-2.jsonl")), found);
    assertEquals(List.of(dir.resolve("test.jsonl")), PackageModel.expand(dir.resolve("test.jsonl").toString()));
    assertTrue(PackageModel.expand(dir.resolve("nothing/*.jsonl").toString()).isEmpty());
  }

  @Test
  void mergesEachTextOnceAndLeavesOutTheHeldOutTexts() throws Exception {
    Path train = write("train.jsonl",
        "{\"text\":\"楼道灯坏了\",\"label\":\"building_facility\",\"emergency\":false}",
        "{\"text\":\"着火了\",\"label\":\"safety_hazard\",\"emergency\":true}");
    Path inbox = write("inbox-check-5.jsonl",
        "{\"id\":\"r5-1\",\"text\":\"楼道灯坏了\",\"label\":\"other\",\"emergency\":false,\"grid\":null}",
        "{\"id\":\"r5-2\",\"text\":\"你好\",\"label\":\"other\",\"emergency\":false}",
        "{\"id\":\"r5-3\",\"text\":\"电梯困人了\",\"label\":\"building_facility\",\"emergency\":true}",
        "not json",
        "");
    Path test = write("test.jsonl", "{\"text\":\"你好\",\"label\":\"other\"}");

    Path merged = PackageModel.merge(List.of(train, inbox), List.of(test));
    try {
      List<JsonNode> rows = new ArrayList<>();
      for (String line : Files.readAllLines(merged, StandardCharsets.UTF_8)) {
        rows.add(JSON.readTree(line));
      }
      assertEquals(3, rows.size(), rows.toString());
      // The first file's label wins for a text met twice.
      assertEquals("building_facility", rows.get(0).get("label").asText());
      assertEquals("着火了", rows.get(1).get("text").asText());
      assertTrue(rows.get(1).get("emergency").asBoolean());
      assertEquals("电梯困人了", rows.get(2).get("text").asText());
      // Only the training fields are carried over; the held-out text is not there.
      assertFalse(rows.get(2).has("id"));
      assertTrue(rows.stream().noneMatch(r -> r.get("text").asText().equals("你好")));
    } finally {
      Files.deleteIfExists(merged);
    }
  }

  @Test
  void trainsBothModelsFromAListAndSkipsWhenTheFirstFileIsMissing() throws Exception {
    List<String> lines = new ArrayList<>();
    String[][] seeds = {
        {"楼道灯坏了", "building_facility"}, {"电梯不动了", "building_facility"},
        {"家里停水了", "utilities"}, {"暖气不热", "utilities"}};
    for (int i = 0; i < 30; i++) {
      for (String[] s : seeds) {
        lines.add("{\"text\":\"" + s[0] + i + "\",\"label\":\"" + s[1] + "\",\"emergency\":" + (i % 3 == 0) + "}");
      }
    }
    Files.write(dir.resolve("a.jsonl"), lines.subList(0, 60), StandardCharsets.UTF_8);
    Files.write(dir.resolve("b-check-1.jsonl"), lines.subList(60, 120), StandardCharsets.UTF_8);
    Path model = dir.resolve("category.bin");
    Path emergency = dir.resolve("emergency.bin");
    PackageModel.main(new String[] {
        dir.resolve("a.jsonl") + "," + dir.resolve("*-check*.jsonl") + ",!" + dir.resolve("none.jsonl"),
        model.toString(), emergency.toString()});
    assertTrue(Files.size(model) > 0);
    assertTrue(Files.size(emergency) > 0);

    PackageModel.main(new String[] {dir.resolve("missing.jsonl") + "," + dir.resolve("a.jsonl"),
        model.toString(), emergency.toString()});
    assertFalse(Files.exists(model));
    assertFalse(Files.exists(emergency));
  }
}
