package cn.gridbot.nlp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verifies how the build step gathers its training data from several corpus files. */
class PackageModelTest {
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

    java.util.Set<String> heldOut = new java.util.HashSet<>();
    Corpus.read(test, System.err).examples().forEach(e -> heldOut.add(e.text()));
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = new java.io.PrintStream(errors, true, StandardCharsets.UTF_8);

    Corpus.Loaded labels = PackageModel.gather(List.of(train, inbox), heldOut, Corpus::read, err);
    assertEquals(3, labels.examples().size(), labels.toString());
    // The first file's label wins for a text met twice; the held-out text is not there.
    assertEquals("building_facility", labels.examples().get(0).label());
    assertEquals("着火了", labels.examples().get(1).text());
    assertEquals("电梯困人了", labels.examples().get(2).text());
    assertTrue(labels.examples().stream().noneMatch(e -> e.text().equals("你好")));
    // The bad line is reported with its file and line, and counted.
    assertEquals(1, labels.skipped());
    assertTrue(errors.toString(StandardCharsets.UTF_8).contains("inbox-check-5.jsonl:4"), errors.toString());

    Corpus.Loaded flags = PackageModel.gather(List.of(train, inbox), heldOut, Corpus::readEmergencies, err);
    assertEquals(List.of("normal", "emergency", "emergency"),
        flags.examples().stream().map(e -> e.label()).toList());
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
