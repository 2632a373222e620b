package cn.gridbot.nlp.rules;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one normalisation every rule sees: NFKC (full-width letters, digits and symbols such as
 * "３＃" become "3#"), lower case. Thread-safe.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }
}
