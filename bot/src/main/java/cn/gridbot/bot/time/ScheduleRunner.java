package cn.gridbot.bot.time;

import cn.gridbot.bot.config.Schedules;
import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.bot.store.Keys;
import cn.gridbot.bot.store.RedisTickets;
import cn.gridbot.bot.store.RedisVisits;
import cn.gridbot.bot.store.RedisBroadcasts;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.broadcast.BroadcastCommands;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.time.Escalation;
import cn.gridbot.handlers.time.Reminders;
import cn.gridbot.handlers.time.ScheduleControl;
import cn.gridbot.handlers.visit.Visits;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does what the schedules say, on the event loop: the daily patrol reminder of a grid, the check
 * for overdue visits, the deadline sweep (reminders and escalation). Each fire of a schedule is
 * acted on once across instances (a Redis guard on schedule and scheduled time); a fire missed
 * while the service was down is made up once at start when it is within the grace window.
 */
public final class ScheduleRunner implements ScheduleControl {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);
  private final Vertx vertx;
  private final Redis redis;
  private final Directory directory;
  private final RedisTickets tickets;
  private final RedisVisits visitStore;
  private final DecisionWriter writer;
  private final Escalation escalation;
  private final Reminders reminders;
  private final Schedules schedules;
  private final Map<String, String> crons;
  private final Clock clock;
  private final Keys keys;
  private MessageConsumer<JsonObject> consumer;

  public ScheduleRunner(Vertx vertx, Redis redis, Directory directory, RedisTickets tickets, RedisVisits visits,
      DecisionWriter writer, Escalation escalation, Schedules schedules, Map<String, String> crons, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.directory = directory;
    this.tickets = tickets;
    this.visitStore = visits;
    this.writer = writer;
    this.escalation = escalation;
    this.reminders = new Reminders(directory);
    this.schedules = schedules;
    this.crons = crons;
    this.clock = clock;
    this.keys = new Keys(redis);
  }

  /** Listens for fires from Quartz. */
  public void start() {
    consumer = vertx.eventBus().consumer(FireJob.ADDRESS, msg -> {
      String id = msg.body().getString("schedule");
      long at = msg.body().getLong("at");
      fire(id, at).onFailure(err -> LOG.warn("schedule {} at {} failed: {}", id, at, err.getMessage()));
    });
  }

  public Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  @Override
  public List<Schedule> schedules() {
    List<Schedule> out = new ArrayList<>();
    crons.forEach((id, cron) -> out.add(new Schedule(id, describe(id), cron)));
    out.add(new Schedule(QuartzScheduler.DEADLINES, "工单时限检查与超时升级",
        "every " + schedules.sweepEvery().toSeconds() + "s"));
    return out;
  }

  private String describe(String id) {
    if (id.startsWith("patrol:")) {
      return directory.grid(id.substring(7)).map(g -> g.name() + " 每日巡查提醒").orElse(id);
    }
    return id.equals("visits") ? "走访逾期检查（五必访）" : id;
  }

  @Override
  public Future<Void> trigger(String id) {
    if (!crons.containsKey(id) && !id.equals(QuartzScheduler.DEADLINES)) {
      return Future.failedFuture(new IllegalArgumentException("unknown schedule " + id));
    }
    // A manual run has its own guard, so it neither collides with nor stands in for a scheduled fire.
    return run(id, "manual:" + java.util.UUID.randomUUID(), clock.millis());
  }

  /** Acts on one scheduled fire of a schedule, once across instances. */
  public Future<Void> fire(String id, long scheduledMs) {
    return run(id, "fire:" + id + ":" + scheduledMs, scheduledMs);
  }

  private Future<Void> run(String id, String guardName, long scheduledMs) {
    if (id.equals(QuartzScheduler.DEADLINES)) {
      return sweepDeadlines().mapEmpty();
    }
    return guard(guardName).compose(won -> {
      if (!won) {
        return Future.succeededFuture();
      }
      Future<Void> work = id.startsWith("patrol:") ? patrol(id.substring(7)) : id.equals("visits") ? checkVisits()
          : Future.failedFuture("unknown schedule " + id);
      return work.compose(v -> redis.<Boolean>call(c -> c.hset(redis.key("schedule:last"), id,
          Long.toString(scheduledMs))).mapEmpty());
    });
  }

  /** SET NX with a week's expiry: true for the one caller that gets there first. */
  private Future<Boolean> guard(String name) {
    return redis.<String>call(c -> c.set(redis.key("guard:" + name), "1", SetArgs.Builder.nx().ex(7 * 24 * 3600)))
        .map("OK"::equals);
  }

  private Future<Void> patrol(String gridId) {
    Grid grid = directory.grid(gridId).orElseThrow();
    Schedules.Patrol p = schedules.patrols().get(gridId);
    return tickets.openInGrid(gridId).compose(open -> visitStore.lastVisits().compose(last ->
        commit(reminders.patrol(grid, p.focus(), open, last, clock.instant()))));
  }

  private Future<Void> checkVisits() {
    Instant now = clock.instant();
    return visitStore.lastVisits().compose(last -> {
      Future<Void> chain = Future.succeededFuture();
      for (Visits.Due due : reminders.visits().all(last)) {
        int level = !due.overdueAt(now).minus(schedules.secretaryAfter()).isNegative() ? 2
            : !due.overdueAt(now).minus(schedules.chiefAfter()).isNegative() ? 1 : 0;
        for (int l = 1; l <= level; l++) {
          int lv = l;
          chain = chain.compose(v -> guard("visit:" + due.target().id() + ":" + due.due().toEpochMilli() + ":" + lv)
              .compose(won -> won ? commit(reminders.overdueVisit(due.target(), due, lv, now)) : Future.succeededFuture()));
        }
      }
      return chain;
    });
  }

  /**
   * Looks at every ticket whose next check is due: reminds shortly before a deadline (once per
   * deadline), escalates one level at the deadline (once per level: the ticket's version guards it).
   */
  public Future<Integer> sweepDeadlines() {
    Instant now = clock.instant();
    redis.<String>call(c -> c.set(redis.key("scheduler:heartbeat"), Long.toString(now.toEpochMilli())));
    return releaseNotices(now).compose(v -> redis.<List<String>>call(c -> c.zrangebyscore(keys.deadlines(), Range.create(0, now.toEpochMilli()),
            Limit.create(0, 200)))
        .compose(ids -> {
          Future<Integer> chain = Future.succeededFuture(0);
          for (String id : ids) {
            chain = chain.compose(n -> tickets.get(id).compose(t -> check(id, t, now)).map(acted -> n + (acted ? 1 : 0)));
          }
          return chain;
        }));
  }

  /** Sends the scheduled notices whose time has come, each once (its state is checked in the write). */
  private Future<Void> releaseNotices(Instant now) {
    if (broadcasts == null) {
      return Future.succeededFuture();
    }
    return broadcasts.due(now).compose(due -> {
      Future<Void> chain = Future.succeededFuture();
      for (var n : due) {
        Decision.Builder d = Decision.by("broadcast").tag(n.id()).state(new StateChange.ReleaseNotice(n.id()));
        BroadcastCommands.messages(n).forEach(d::send);
        chain = chain.compose(v -> commit(d.build()));
      }
      return chain;
    });
  }

  private RedisBroadcasts broadcasts;

  /** Lets the sweep also release scheduled notices. */
  public ScheduleRunner withBroadcasts(RedisBroadcasts b) {
    this.broadcasts = b;
    return this;
  }

  private Future<Boolean> check(String id, Optional<Ticket> found, Instant now) {
    if (found.isEmpty()) {
      return redis.<Long>call(c -> c.zrem(keys.deadlines(), id)).map(false);
    }
    Ticket t = found.get();
    Optional<Decision> step = escalation.step(t, now);
    if (step.isPresent()) {
      return writer.commit(step.get(), null, null, null, null).map(r -> r == DecisionWriter.Result.APPLIED);
    }
    Optional<Instant> remindAt = escalation.reminderAt(t);
    Optional<Instant> next = escalation.nextStep(t);
    Future<Boolean> reminded = Future.succeededFuture(false);
    if (remindAt.isPresent() && !now.isBefore(remindAt.get()) && next.isPresent()) {
      reminded = guard("remind:" + id + ":" + next.get().toEpochMilli())
          .compose(won -> won ? commit(escalation.remind(t)).map(true) : Future.succeededFuture(false));
    }
    return reminded.compose(r -> (next.isPresent()
        ? redis.<Long>call(c -> c.zadd(keys.deadlines(), next.get().toEpochMilli(), id))
        : redis.<Long>call(c -> c.zrem(keys.deadlines(), id))).map(r));
  }

  private Future<Void> commit(Decision d) {
    return writer.commit(d, null, null, null, null).mapEmpty();
  }

  /**
   * Sends, once, the scheduled reminders whose fire time passed while no instance was running,
   * when still within the grace window; older ones are stale and skipped.
   */
  public Future<Void> catchUp() {
    Instant now = clock.instant();
    return redis.<String>call(c -> c.get(redis.key("scheduler:heartbeat"))).compose(beat -> {
      if (beat == null) {
        return Future.succeededFuture(); // never ran before: nothing was missed
      }
      Instant lastAlive = Instant.ofEpochMilli(Long.parseLong(beat));
      Instant from = lastAlive.isAfter(now.minus(schedules.misfireGrace())) ? lastAlive : now.minus(schedules.misfireGrace());
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, String> e : crons.entrySet()) {
        Optional<Instant> missed = lastFireBetween(e.getValue(), from, now);
        if (missed.isPresent()) {
          LOG.info("schedule {} missed at {} while down; sending it once now", e.getKey(), missed.get());
          chain = chain.compose(v -> fire(e.getKey(), missed.get().toEpochMilli()));
        }
      }
      return chain;
    });
  }

  /** The latest fire time of a cron in (from, to], if any. */
  Optional<Instant> lastFireBetween(String cron, Instant from, Instant to) {
    try {
      CronExpression ce = new CronExpression(cron);
      ce.setTimeZone(TimeZone.getTimeZone(schedules.zone()));
      Instant found = null;
      Date next = ce.getNextValidTimeAfter(Date.from(from));
      while (next != null && !next.toInstant().isAfter(to)) {
        found = next.toInstant();
        next = ce.getNextValidTimeAfter(next);
      }
      return Optional.ofNullable(found);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }
}
