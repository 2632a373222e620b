package cn.gridbot.bot.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Readiness of the service's components. Each component reports itself started or down with a
 * reason; {@code /health} is UP only when every registered component is up.
 */
public final class Health {
  private final Map<String, String> problems = new ConcurrentHashMap<>();

  /** Registers a component that is not started yet. */
  public void starting(String component) {
    problems.put(component, "starting");
  }

  public void up(String component) {
    problems.put(component, "");
  }

  public void down(String component, String reason) {
    problems.put(component, reason == null || reason.isEmpty() ? "down" : reason);
  }

  /** Component name → problem; an empty string means up. */
  public Map<String, String> snapshot() {
    return Map.copyOf(problems);
  }
}
