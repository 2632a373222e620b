package cn.gridbot.nlp.cli;

import cn.gridbot.nlp.classify.LabelledText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled JSONL corpus: one {@code {"text": "...", "label": "..."}} object per line,
 * other fields ignored. A line that is not such an object (bad JSON, missing or non-string text,
 * blank label) is reported on {@code err} with its line number and skipped; blank lines are
 * ignored. Skipping rather than failing lets a corpus still being written by hand be used, and
 * the count of skipped lines is printed so nobody misses them.
 */
final class Corpus {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Loaded(List<LabelledText> examples, int skipped) {}

  private Corpus() {}

  static Loaded read(Path file, PrintStream err) throws IOException {
    return read(file, err, node -> node.get("label"));
  }

  /**
   * The corpus with the {@code emergency} flag as the label ({@code emergency} / {@code normal}),
   * for the emergency model; lines without the flag are skipped.
   */
  static Loaded readEmergencies(Path file, PrintStream err) throws IOException {
    return read(file, err, node -> node.get("emergency") == null || !node.get("emergency").isBoolean() ? null
        : com.fasterxml.jackson.databind.node.TextNode.valueOf(node.get("emergency").asBoolean() ? "emergency" : "normal"));
  }

  private static Loaded read(Path file, PrintStream err,
      java.util.function.Function<JsonNode, JsonNode> labelOf) throws IOException {
    List<LabelledText> out = new ArrayList<>();
    int skipped = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String problem;
        try {
          JsonNode node = JSON.readTree(line);
          JsonNode text = node == null ? null : node.get("text");
          JsonNode label = node == null || !node.isObject() ? null : labelOf.apply(node);
          if (node == null || !node.isObject()) {
            problem = "not a JSON object";
          } else if (text == null || !text.isTextual()) {
            problem = "no string \"text\"";
          } else if (label == null || !label.isTextual() || label.asText().isBlank()) {
            problem = "no string \"label\"";
          } else {
            out.add(new LabelledText(text.asText(), label.asText().trim()));
            continue;
          }
        } catch (JsonProcessingException e) {
          problem = "not valid JSON (" + e.getOriginalMessage() + ")";
        }
        skipped++;
        err.println(file + ":" + number + ": skipped: " + problem);
      }
    }
    return new Loaded(out, skipped);
  }
}
