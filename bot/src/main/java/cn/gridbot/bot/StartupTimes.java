package cn.gridbot.bot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * How long each start-up phase took, for the one-line summary logged when {@code /health} first
 * turns UP ("ready in X ms (jvm …, models …, redis …)"). Phases may run on several threads at once,
 * so their sum can exceed the total. Thread-safe.
 */
public final class StartupTimes {
  private final long mainEntryMs;
  private final Map<String, Long> phases = new ConcurrentHashMap<>();
  private final Map<String, Integer> order = new ConcurrentHashMap<>();

  public StartupTimes() {
    this.mainEntryMs = System.currentTimeMillis();
  }

  /**
   * When the JVM started, as the JVM recorded it. Asked only for the summary, after start-up: JMX
   * loads a few hundred classes. (ProcessHandle's start instant is derived from the boot time in
   * whole seconds, so it can be off by up to a second.)
   */
  private static long jvmStartMs() {
    try {
      return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    } catch (RuntimeException | Error e) {
      return -1;
    }
  }

  /** Runs {@code work} and records its duration under {@code phase}. */
  public <T> T time(String phase, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      record(phase, t0);
    }
  }

  /** Records the time since {@code startNanos} (from {@link System#nanoTime}) under {@code phase}. */
  public void record(String phase, long startNanos) {
    phases.merge(phase, (System.nanoTime() - startNanos) / 1_000_000, Long::sum);
    order.putIfAbsent(phase, order.size());
  }

  /** Records how long after process start {@code event} happened (shown as "event at X ms"). */
  public void mark(String event) {
    phases.putIfAbsent("@" + event, System.currentTimeMillis());
    order.putIfAbsent("@" + event, order.size());
  }

  /** "ready in X ms (jvm …, phase …, …)": process start to now, then every phase in first-recorded order. */
  public String summary() {
    long now = System.currentTimeMillis();
    long jvmStartMs = jvmStartMs();
    if (jvmStartMs < 0) {
      jvmStartMs = mainEntryMs;
    }
    long origin = jvmStartMs;
    String parts = order.entrySet().stream().sorted(Map.Entry.comparingByValue())
        .map(e -> e.getKey().startsWith("@") ? e.getKey().substring(1) + " at " + (phases.get(e.getKey()) - origin) + " ms"
            : e.getKey() + " " + phases.get(e.getKey()) + " ms")
        .collect(Collectors.joining(", "));
    return "ready in " + (now - jvmStartMs) + " ms from JVM start (jvm to main " + (mainEntryMs - jvmStartMs) + " ms"
        + (parts.isEmpty() ? "" : ", " + parts) + ")";
  }
}
