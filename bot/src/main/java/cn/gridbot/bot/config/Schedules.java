package cn.gridbot.bot.config;

import cn.gridbot.handlers.time.SlaPolicy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code config/schedules.yaml}, validated: patrol crons per grid, visit checks,
 * the SLA policy (limits, overrides, calendar) and the deadline sweep.
 *
 * @param patrols grid id → its patrol schedule
 */
public record Schedules(ZoneId zone, Duration misfireGrace, Map<String, Patrol> patrols, String visitCheckCron,
    Duration chiefAfter, Duration secretaryAfter, Duration sweepEvery, SlaPolicy sla) {

  /** One grid's patrol reminder. */
  public record Patrol(String cron, List<String> focus) {}

  public Schedules {
    patrols = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(patrols));
  }
}
