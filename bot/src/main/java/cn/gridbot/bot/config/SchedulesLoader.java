package cn.gridbot.bot.config;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.config.ConfigYaml;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.time.SlaPolicy;
import cn.gridbot.handlers.time.WorkCalendar;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quartz.CronExpression;

/** Reads and validates {@code schedules.yaml}; errors name the file and key. */
public final class SchedulesLoader {
  public static final String FILE = "schedules.yaml";

  private SchedulesLoader() {}

  public static Schedules load(ConfigFiles files, Directory directory) {
    String file = files.describe(FILE);
    JsonNode root;
    try (InputStream in = files.open(FILE)) {
      root = ConfigYaml.readMapping(in, file, false);
    } catch (IOException e) {
      throw new ConfigException(file, "", "cannot read: " + e.getMessage());
    }
    ConfigTree t = new ConfigTree(file, root, Map.of(), Map.of());
    ZoneId zone;
    try {
      zone = ZoneId.of(t.string("timezone", "Asia/Shanghai"));
    } catch (DateTimeException e) {
      throw t.errorAt("timezone", "unknown time zone");
    }
    Duration grace = Duration.ofMinutes(t.integer("misfire_grace_minutes", 120, 0, 7 * 24 * 60));
    String defaultCron = cron(t, "patrol.cron", "0 30 8 * * ?");
    List<String> defaultFocus = strings(t, "patrol.focus");
    Map<String, Schedules.Patrol> overrides = new HashMap<>();
    JsonNode over = t.node("patrol.overrides");
    if (over.isObject()) {
      over.fieldNames().forEachRemaining(id -> {
        String key = "patrol.overrides." + id;
        boolean known = directory.grid(id).isPresent() || directory.community(id).isPresent();
        if (!known) {
          throw new ConfigException(file, key, "no grid or community with id '" + id + "'");
        }
        JsonNode n = over.get(id);
        String c = n.hasNonNull("cron") ? n.get("cron").asText() : defaultCron;
        if (!CronExpression.isValidExpression(c)) {
          throw new ConfigException(file, key + ".cron", "not a valid Quartz cron expression: '" + c + "'");
        }
        List<String> focus = new ArrayList<>(defaultFocus);
        if (n.has("focus")) {
          focus.clear();
          n.get("focus").forEach(f -> focus.add(f.asText()));
        }
        overrides.put(id, new Schedules.Patrol(c, List.copyOf(focus)));
      });
    }
    Map<String, Schedules.Patrol> patrols = new LinkedHashMap<>();
    for (Grid g : directory.grids()) {
      Schedules.Patrol p = overrides.getOrDefault(g.id(), overrides.getOrDefault(g.communityId(),
          new Schedules.Patrol(defaultCron, defaultFocus)));
      patrols.put(g.id(), p);
    }
    String visitCron = cron(t, "visits.check_cron", "0 0 9,15 * * ?");
    Duration chiefAfter = Duration.ofDays(t.integer("visits.chief_after_days", 1, 0, 365));
    Duration secretaryAfter = Duration.ofDays(t.integer("visits.secretary_after_days", 3, 0, 365));
    if (secretaryAfter.compareTo(chiefAfter) < 0) {
      throw new ConfigException(file, "visits.secretary_after_days", "must not be less than chief_after_days");
    }
    Duration sweep = Duration.ofMillis(t.integer("deadlines.sweep_seconds", 15, 1, 3600) * 1000L);
    double remindAt = t.decimal("deadlines.remind_at", 0.8, 0.1, 0.99);
    Duration deptReport = Duration.ofMinutes(t.integer("deadlines.department_report_minutes", 120, 1, 7 * 24 * 60));
    Map<Priority, SlaPolicy.Limits> defaults = new EnumMap<>(SlaPolicy.taxonomyDefaults().defaults());
    defaults.putAll(limits(t, "deadlines.limits", file));
    Map<Category, Map<Priority, SlaPolicy.Limits>> byCategory = new HashMap<>();
    JsonNode cats = t.node("deadlines.by_category");
    if (cats.isObject()) {
      cats.fieldNames().forEachRemaining(id -> {
        Category c = Category.byId(id).orElseThrow(() ->
            new ConfigException(file, "deadlines.by_category." + id, "unknown category"));
        byCategory.put(c, limits(t, "deadlines.by_category." + id, file));
      });
    }
    Map<String, Map<Priority, SlaPolicy.Limits>> byCommunity = new HashMap<>();
    JsonNode comms = t.node("deadlines.by_community");
    if (comms.isObject()) {
      comms.fieldNames().forEachRemaining(id -> {
        if (directory.community(id).isEmpty()) {
          throw new ConfigException(file, "deadlines.by_community." + id, "unknown community");
        }
        byCommunity.put(id, limits(t, "deadlines.by_community." + id, file));
      });
    }
    WorkCalendar calendar = WorkCalendar.ALWAYS;
    Set<Priority> applies = Set.of();
    if (t.bool("calendar.enabled", false)) {
      String hours = t.string("calendar.hours", "08:30-17:30");
      String[] parts = hours.split("-");
      try {
        calendar = new WorkCalendar(zone, LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()),
            dates(t, "calendar.holidays"), dates(t, "calendar.make_up_workdays"));
      } catch (RuntimeException e) {
        throw t.errorAt("calendar.hours", "expected HH:MM-HH:MM, got '" + hours + "'");
      }
      Set<Priority> a = new HashSet<>();
      for (String p : strings(t, "calendar.applies_to")) {
        try {
          a.add(Priority.valueOf(p));
        } catch (IllegalArgumentException e) {
          throw t.errorAt("calendar.applies_to", "unknown priority '" + p + "'");
        }
      }
      applies = a;
    } else {
      t.node("calendar");
    }
    t.rejectUnknown();
    SlaPolicy sla = new SlaPolicy(defaults, byCategory, byCommunity, calendar, applies, deptReport, remindAt);
    return new Schedules(zone, grace, patrols, visitCron, chiefAfter, secretaryAfter, sweep, sla);
  }

  private static String cron(ConfigTree t, String path, String dflt) {
    String c = t.string(path, dflt);
    if (!CronExpression.isValidExpression(c)) {
      throw t.errorAt(path, "not a valid Quartz cron expression: '" + c + "'");
    }
    return c;
  }

  private static List<String> strings(ConfigTree t, String path) {
    JsonNode n = t.node(path);
    List<String> out = new ArrayList<>();
    if (n.isMissingNode() || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw t.errorAt(path, "expected a list");
    }
    n.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  private static Set<LocalDate> dates(ConfigTree t, String path) {
    Set<LocalDate> out = new HashSet<>();
    for (String s : strings(t, path)) {
      try {
        out.add(LocalDate.parse(s));
      } catch (DateTimeException e) {
        throw t.errorAt(path, "expected dates like 2026-10-01, got '" + s + "'");
      }
    }
    return out;
  }

  private static Map<Priority, SlaPolicy.Limits> limits(ConfigTree t, String path, String file) {
    Map<Priority, SlaPolicy.Limits> out = new EnumMap<>(Priority.class);
    JsonNode n = t.node(path);
    if (n.isMissingNode() || n.isNull()) {
      return out;
    }
    if (!n.isObject()) {
      throw new ConfigException(file, path, "expected a mapping of priorities");
    }
    n.fieldNames().forEachRemaining(p -> {
      String key = path + "." + p;
      Priority priority;
      try {
        priority = Priority.valueOf(p);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(file, key, "unknown priority (P0-P3)");
      }
      JsonNode l = n.get(p);
      SlaPolicy.Limits base = SlaPolicy.taxonomyDefaults().defaults().get(priority);
      Duration accept = l.has("accept_minutes") ? minutes(l.get("accept_minutes"), file, key + ".accept_minutes") : base.accept();
      Duration resolve = l.has("resolve_hours") ? hours(l.get("resolve_hours"), file, key + ".resolve_hours") : base.resolve();
      l.fieldNames().forEachRemaining(f -> {
        if (!f.equals("accept_minutes") && !f.equals("resolve_hours")) {
          throw new ConfigException(file, key + "." + f, "unknown key (accept_minutes, resolve_hours)");
        }
      });
      out.put(priority, new SlaPolicy.Limits(accept, resolve));
    });
    return out;
  }

  private static Duration minutes(JsonNode v, String file, String key) {
    if (!v.canConvertToInt() || v.asInt() < 1) {
      throw new ConfigException(file, key, "a positive whole number of minutes is required");
    }
    return Duration.ofMinutes(v.asInt());
  }

  private static Duration hours(JsonNode v, String file, String key) {
    if (!v.canConvertToInt() || v.asInt() < 1) {
      throw new ConfigException(file, key, "a positive whole number of hours is required");
    }
    return Duration.ofHours(v.asInt());
  }
}
