package cn.gridbot.handlers.config;

/**
 * A configuration file that cannot be used. Carries the file, the key (a dotted path) and the
 * reason, so that startup can fail with one line an operator can act on.
 */
public final class ConfigException extends RuntimeException {
  private final String file;
  private final String key;
  private final String reason;

  public ConfigException(String file, String key, String reason) {
    super(file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + reason);
    this.file = file;
    this.key = key;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public String key() {
    return key;
  }

  public String reason() {
    return reason;
  }
}
