package cn.gridbot.handlers.visit;

import cn.gridbot.handlers.directory.CareTarget;
import cn.gridbot.handlers.directory.Directory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** When care targets are due a visit: the last visit plus the target's cadence (never visited: due now). */
public final class Visits {
  private final Directory directory;
  private final ZoneId zone;

  public Visits(Directory directory, ZoneId zone) {
    this.directory = directory;
    this.zone = zone;
  }

  /** A target with its due time. */
  public record Due(CareTarget target, Instant due, Instant last) {
    public Duration overdueAt(Instant now) {
      return Duration.between(due, now);
    }
  }

  public Due due(CareTarget t, Map<String, Instant> last) {
    Instant previous = last.get(t.id());
    Instant due = previous == null ? Instant.EPOCH : previous.plus(Duration.ofDays(t.visitEveryDays()));
    return new Due(t, due, previous);
  }

  /** Targets of a grid due by the end of {@code today}, most overdue first. */
  public List<Due> dueToday(String gridId, Map<String, Instant> last, Instant now) {
    Instant endOfDay = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    return directory.careTargets().stream().filter(t -> t.gridId().equals(gridId))
        .map(t -> due(t, last)).filter(d -> d.due().isBefore(endOfDay))
        .sorted(Comparator.comparing(Due::due)).toList();
  }

  /** Every target of the district, with due times. */
  public List<Due> all(Map<String, Instant> last) {
    return directory.careTargets().stream().map(t -> due(t, last)).toList();
  }

  /** A care target by id or by name. */
  public java.util.Optional<CareTarget> find(String idOrName) {
    return directory.careTargets().stream()
        .filter(t -> t.id().equalsIgnoreCase(idOrName) || t.name().equals(idOrName)).findFirst();
  }

  public static String group(String g) {
    return switch (g) {
      case "elderly_alone" -> "独居老人";
      case "disabled" -> "残疾人";
      case "low_income" -> "低保户";
      case "left_behind_child" -> "留守儿童";
      default -> g;
    };
  }
}
