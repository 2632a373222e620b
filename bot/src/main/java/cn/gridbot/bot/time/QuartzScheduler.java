package cn.gridbot.bot.time;

import cn.gridbot.bot.config.Schedules;
import io.vertx.core.Vertx;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/**
 * Quartz with an in-memory job store, one job per schedule. Jobs get their dependencies from a
 * {@link JobFactory} (not the JobDataMap) and only post to the event bus. Several instances each
 * run their own Quartz; {@link ScheduleRunner} lets exactly one of them act on each fire time
 * (a Redis guard per schedule and scheduled time), so no database is needed for clustering.
 * Blocking: construct, start and stop from {@code main} or a worker, never an event loop.
 */
public final class QuartzScheduler {
  static final String DEADLINES = "deadlines";
  private final Scheduler scheduler;
  private final Map<String, String> crons = new LinkedHashMap<>();

  public QuartzScheduler(Vertx vertx, Schedules schedules, String instanceId) throws SchedulerException {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.instanceName", "gridbot-" + instanceId);
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.threadPool.threadCount", "2");
    p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    StdSchedulerFactory factory = new StdSchedulerFactory(p);
    scheduler = factory.getScheduler();
    scheduler.setJobFactory(new JobFactory() {
      @Override
      public org.quartz.Job newJob(TriggerFiredBundle bundle, Scheduler s) {
        return new FireJob(vertx);
      }
    });
    TimeZone zone = TimeZone.getTimeZone(schedules.zone());
    schedules.patrols().forEach((grid, patrol) -> crons.put("patrol:" + grid, patrol.cron()));
    crons.put("visits", schedules.visitCheckCron());
    for (Map.Entry<String, String> e : crons.entrySet()) {
      // Misfires are not replayed by Quartz: ScheduleRunner sends a missed reminder once, within grace.
      schedule(e.getKey(), TriggerBuilder.newTrigger().withIdentity(e.getKey())
          .withSchedule(CronScheduleBuilder.cronSchedule(e.getValue()).inTimeZone(zone)
              .withMisfireHandlingInstructionDoNothing()).build());
    }
    schedule(DEADLINES, TriggerBuilder.newTrigger().withIdentity(DEADLINES)
        .startAt(new Date(System.currentTimeMillis() + schedules.sweepEvery().toMillis()))
        .withSchedule(SimpleScheduleBuilder.simpleSchedule()
            .withIntervalInMilliseconds(schedules.sweepEvery().toMillis()).repeatForever()
            .withMisfireHandlingInstructionNextWithRemainingCount()).build());
  }

  private void schedule(String id, Trigger trigger) throws SchedulerException {
    JobDetail job = JobBuilder.newJob(FireJob.class).withIdentity(id).build();
    scheduler.scheduleJob(job, trigger);
  }

  /** Schedule id → cron, in a stable order (patrols, visits). */
  public Map<String, String> crons() {
    return java.util.Collections.unmodifiableMap(crons);
  }

  public void start() throws SchedulerException {
    scheduler.start();
  }

  public void stop() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      // Shutting down anyway.
    }
  }
}
