package cn.gridbot.nlp;

import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.DirectoryLoader;
import cn.gridbot.nlp.rules.RulesLoader;
import cn.gridbot.nlp.rules.UnderstandingRules;
import cn.gridbot.nlp.understanding.CategoryScorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The built-in configuration, loaded once, and fake scorers for tests. */
public final class Fixtures {
  public static final Directory DIRECTORY = load("directory.yaml", DirectoryLoader::load);
  public static final UnderstandingRules RULES = load(UnderstandingRules.FILE, RulesLoader::load);

  private Fixtures() {}

  private interface Loader<T> {
    T load(InputStream in, String file);
  }

  private static <T> T load(String name, Loader<T> loader) {
    try (InputStream in = ConfigFiles.builtIn().open(name)) {
      return loader.load(in, name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scorer that always answers {@code label} with {@code probability}. */
  public static CategoryScorer always(String label, double probability) {
    return text -> List.of(new CategoryScorer.LabelScore(label, probability),
        new CategoryScorer.LabelScore("other", (1 - probability) / 2));
  }
}
