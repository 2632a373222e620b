package cn.gridbot.handlers.time;

import io.vertx.core.Future;
import java.util.List;

/** The scheduler as coordinators see it: its schedules, and running one now. */
public interface ScheduleControl {
  /** A schedule: id (e.g. {@code patrol:heping-01}), what it does, and when it runs (cron). */
  record Schedule(String id, String description, String cron) {}

  List<Schedule> schedules();

  /** Runs a schedule now (once, also with several instances); fails for an unknown id. */
  Future<Void> trigger(String id);
}
