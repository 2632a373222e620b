package cn.gridbot.bot.config;

import java.util.Objects;

/**
 * A secret taken from an environment variable. {@link #toString()} names the variable only, so a
 * config record can be logged.
 */
public record Secret(String variable, String value) {
  public Secret {
    Objects.requireNonNull(variable, "variable == null");
    Objects.requireNonNull(value, "value == null");
  }

  @Override
  public String toString() {
    return "$" + variable + "=***";
  }
}
