package cn.gridbot.nlp.understanding;

import java.util.List;

/**
 * The statistical part of understanding: ranks a model's labels for a text, best first. The real
 * implementation adapts the trained classifier (see {@link Scorers#fromModel}); tests use fakes.
 *
 * <p>Implementations are thread-safe and CPU-only.
 */
@FunctionalInterface
public interface CategoryScorer {
  /** The labels with their probabilities, best first; may be empty. */
  List<LabelScore> rank(String text);

  /** A model label (normally a taxonomy category id) with its probability. */
  record LabelScore(String label, double probability) {}
}
