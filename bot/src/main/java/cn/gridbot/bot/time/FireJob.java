package cn.gridbot.bot.time;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * What every Quartz trigger runs: hands the schedule id and its scheduled fire time to Vert.x over
 * the event bus, and returns. No I/O on Quartz's threads; the work happens in {@link ScheduleRunner}.
 */
final class FireJob implements Job {
  static final String ADDRESS = "gridbot.schedule.fire";
  private final Vertx vertx;

  FireJob(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public void execute(JobExecutionContext ctx) {
    vertx.eventBus().send(ADDRESS, new JsonObject()
        .put("schedule", ctx.getJobDetail().getKey().getName())
        .put("at", ctx.getScheduledFireTime().getTime()));
  }
}
