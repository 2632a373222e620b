package cn.gridbot.handlers.time;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working time for P2/P3 deadlines: working hours on working days, where a working day is Monday
 * to Friday unless it is a holiday, plus the make-up workdays (调休) that fall on a weekend.
 * {@link #ALWAYS} counts every minute (the calendar is optional).
 */
public record WorkCalendar(ZoneId zone, LocalTime start, LocalTime end, Set<LocalDate> holidays,
    Set<LocalDate> makeUpWorkdays) {

  public static final WorkCalendar ALWAYS = new WorkCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.MIN,
      LocalTime.MAX, Set.of(), Set.of());

  public WorkCalendar {
    holidays = Set.copyOf(holidays);
    makeUpWorkdays = Set.copyOf(makeUpWorkdays);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("working hours end before they start");
    }
  }

  public boolean isAlways() {
    return this == ALWAYS || (start.equals(LocalTime.MIN) && end.equals(LocalTime.MAX)
        && holidays.isEmpty() && makeUpWorkdays.isEmpty());
  }

  public boolean isWorkday(LocalDate d) {
    if (makeUpWorkdays.contains(d)) {
      return true;
    }
    if (holidays.contains(d)) {
      return false;
    }
    return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /** The instant {@code amount} of working time after {@code from}. */
  public Instant plus(Instant from, Duration amount) {
    if (isAlways()) {
      return from.plus(amount);
    }
    ZonedDateTime t = from.atZone(zone);
    Duration left = amount;
    for (int guard = 0; guard < 3660; guard++) {
      LocalDate day = t.toLocalDate();
      if (isWorkday(day)) {
        ZonedDateTime open = day.atTime(start).atZone(zone);
        ZonedDateTime close = day.atTime(end).atZone(zone);
        if (t.isBefore(open)) {
          t = open;
        }
        if (t.isBefore(close)) {
          Duration today = Duration.between(t, close);
          if (left.compareTo(today) <= 0) {
            return t.plus(left).toInstant();
          }
          left = left.minus(today);
        }
      }
      t = day.plusDays(1).atStartOfDay(zone);
    }
    throw new IllegalStateException("no working time within ten years");
  }
}
