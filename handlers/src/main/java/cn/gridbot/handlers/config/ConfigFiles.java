package cn.gridbot.handlers.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a configuration file comes from: a file of the same name in an override directory
 * ({@code --config DIR}) wins over the built-in copy shipped in the jar as {@code /config/NAME}.
 */
public final class ConfigFiles {
  private final Path overrideDir;

  /** @param overrideDir a directory whose files override the built-in ones; null for none */
  public ConfigFiles(Path overrideDir) {
    this.overrideDir = overrideDir;
  }

  /** Only the built-in files. */
  public static ConfigFiles builtIn() {
    return new ConfigFiles(null);
  }

  /** The name to show in error messages: the override path, or {@code config/NAME}. */
  public String describe(String name) {
    Path p = override(name);
    return p != null ? p.toString() : "config/" + name;
  }

  /**
   * Opens a configuration file; the caller closes the stream.
   *
   * @throws ConfigException when neither an override nor a built-in file exists or it cannot be read
   */
  public InputStream open(String name) {
    Objects.requireNonNull(name, "name == null");
    Path p = override(name);
    if (p != null) {
      try {
        return Files.newInputStream(p);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    }
    InputStream in = ConfigFiles.class.getResourceAsStream("/config/" + name);
    if (in == null) {
      throw new ConfigException("config/" + name, "", "no such configuration file");
    }
    return in;
  }

  private Path override(String name) {
    if (overrideDir == null) {
      return null;
    }
    Path p = overrideDir.resolve(name);
    return Files.isRegularFile(p) ? p : null;
  }
}
