package cn.gridbot.handlers.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where configuration files come from: the built-in {@code config/} shipped in the jar as
 * {@code /config/NAME}, overridden by a file of the same name in the directory given with
 * {@code --config DIR}.
 */
public final class ConfigFiles {
  private final Path overrideDir;

  /** @param overrideDir the {@code --config} directory, or null for the built-in files only */
  public ConfigFiles(Path overrideDir) {
    this.overrideDir = overrideDir;
  }

  public static ConfigFiles builtIn() {
    return new ConfigFiles(null);
  }

  /** The name shown in error messages: the override's path, or {@code config/NAME}. */
  public String describe(String name) {
    Path p = override(name);
    return p != null ? p.toString() : "config/" + name;
  }

  /** True when {@code --config DIR} holds a file of this name. */
  public boolean overridden(String name) {
    return override(name) != null;
  }

  private Path override(String name) {
    if (overrideDir == null) {
      return null;
    }
    Path p = overrideDir.resolve(name);
    return Files.isRegularFile(p) ? p : null;
  }

  /**
   * Opens the effective file.
   *
   * @throws ConfigException when neither an override nor a built-in file exists, or it cannot be read
   */
  public InputStream open(String name) {
    Path p = override(name);
    try {
      if (p != null) {
        return Files.newInputStream(p);
      }
    } catch (IOException e) {
      throw new ConfigException(p.toString(), "", "cannot read: " + e.getMessage());
    }
    InputStream in = builtInStream(name);
    if (in == null) {
      throw new ConfigException("config/" + name, "", "no such configuration file");
    }
    return in;
  }

  /** The built-in file of that name, or null. */
  public static InputStream builtInStream(String name) {
    return ConfigFiles.class.getResourceAsStream("/config/" + name);
  }
}
