package cn.gridbot.handlers.time;

import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Accept and resolve limits: the taxonomy defaults, overridden per category and per community,
 * counted in working time for the priorities the calendar applies to. Also the escalation step
 * (how long each level has before the next) and how long a department has to report (报到).
 */
public record SlaPolicy(Map<Priority, Limits> defaults, Map<Category, Map<Priority, Limits>> byCategory,
    Map<String, Map<Priority, Limits>> byCommunity, WorkCalendar calendar, java.util.Set<Priority> calendarApplies,
    Duration departmentReport, double remindAt) {

  /** Accept and resolve windows. */
  public record Limits(Duration accept, Duration resolve) {}

  public SlaPolicy {
    defaults = Map.copyOf(defaults);
    byCategory = Map.copyOf(byCategory);
    byCommunity = Map.copyOf(byCommunity);
    calendarApplies = java.util.Set.copyOf(calendarApplies);
  }

  /** The taxonomy's table, no calendar. */
  public static SlaPolicy taxonomyDefaults() {
    Map<Priority, Limits> d = new java.util.EnumMap<>(Priority.class);
    for (Priority p : Priority.values()) {
      d.put(p, new Limits(p.defaultAcceptWithin(), p.defaultResolveWithin()));
    }
    return new SlaPolicy(d, Map.of(), Map.of(), WorkCalendar.ALWAYS, java.util.Set.of(), Duration.ofHours(2), 0.8);
  }

  /** The limits for a ticket: community override, then category override, then defaults. */
  public Limits limits(Priority p, Category c, String community) {
    Limits l = community == null ? null : byCommunity.getOrDefault(community, Map.of()).get(p);
    if (l == null) {
      l = byCategory.getOrDefault(c, Map.of()).get(p);
    }
    return l != null ? l : defaults.get(p);
  }

  public Instant acceptBy(Instant from, Priority p, Category c, String community) {
    return plus(from, limits(p, c, community).accept(), p);
  }

  public Instant resolveBy(Instant from, Priority p, Category c, String community) {
    return plus(from, limits(p, c, community).resolve(), p);
  }

  /** {@code amount} after {@code from}, in working time when the calendar applies to {@code p}. */
  public Instant plus(Instant from, Duration amount, Priority p) {
    return calendarApplies.contains(p) ? calendar.plus(from, amount) : from.plus(amount);
  }
}
