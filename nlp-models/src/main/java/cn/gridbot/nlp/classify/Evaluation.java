package cn.gridbot.nlp.classify;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Accumulates gold/predicted pairs and reports per-label precision, recall, F1 and confusion. */
public final class Evaluation {
  private final List<String> labels;
  private final long[][] confusion;
  private long total;
  private long correct;

  /** @param labels every label that may occur, in report order */
  public Evaluation(List<String> labels) {
    this.labels = List.copyOf(labels);
    this.confusion = new long[labels.size()][labels.size()];
  }

  public void add(String gold, String predicted) {
    int g = labels.indexOf(gold);
    int p = labels.indexOf(predicted);
    if (g < 0 || p < 0) {
      throw new IllegalArgumentException("unknown label: " + (g < 0 ? gold : predicted));
    }
    confusion[g][p]++;
    total++;
    if (g == p) {
      correct++;
    }
  }

  public double accuracy() {
    return total == 0 ? 0 : (double) correct / total;
  }

  public double precision(int label) {
    long predicted = 0;
    for (long[] row : confusion) {
      predicted += row[label];
    }
    return predicted == 0 ? 0 : (double) confusion[label][label] / predicted;
  }

  public double recall(int label) {
    long gold = support(label);
    return gold == 0 ? 0 : (double) confusion[label][label] / gold;
  }

  public long support(int label) {
    long gold = 0;
    for (long v : confusion[label]) {
      gold += v;
    }
    return gold;
  }

  public double f1(int label) {
    double p = precision(label);
    double r = recall(label);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Unweighted mean of the per-label F1 over all labels. */
  public double macroF1() {
    double sum = 0;
    for (int i = 0; i < labels.size(); i++) {
      sum += f1(i);
    }
    return labels.isEmpty() ? 0 : sum / labels.size();
  }

  /** The one-line summary: {@code accuracy=0.9123 macro_f1=0.9050}. */
  public String summary() {
    return String.format(Locale.ROOT, "accuracy=%.4f macro_f1=%.4f", accuracy(), macroF1());
  }

  /** Per-label table and confusion matrix (rows gold, columns predicted, numbered as rows). */
  public void printReport(PrintStream out) {
    int width = 5;
    for (String l : labels) {
      width = Math.max(width, l.length());
    }
    out.printf(Locale.ROOT, "%3s %-" + width + "s %9s %9s %9s %7s%n", "#", "label", "precision",
        "recall", "f1", "support");
    for (int i = 0; i < labels.size(); i++) {
      out.printf(Locale.ROOT, "%3d %-" + width + "s %9.4f %9.4f %9.4f %7d%n", i, labels.get(i),
          precision(i), recall(i), f1(i), support(i));
    }
    out.println("confusion matrix (rows = gold, columns = predicted, numbered as above):");
    StringBuilder head = new StringBuilder("    ");
    for (int j = 0; j < labels.size(); j++) {
      head.append(String.format(Locale.ROOT, "%6d", j));
    }
    out.println(head);
    for (int i = 0; i < labels.size(); i++) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%3d ", i));
      for (int j = 0; j < labels.size(); j++) {
        row.append(String.format(Locale.ROOT, "%6d", confusion[i][j]));
      }
      out.println(row);
    }
  }
}
