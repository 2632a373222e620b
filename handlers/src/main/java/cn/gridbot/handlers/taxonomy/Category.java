package cn.gridbot.handlers.taxonomy;

import static cn.gridbot.handlers.taxonomy.Role.*;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The 16 report categories of {@code shared/spec/taxonomy.md}: id, Chinese name, first responders,
 * department pulled in on escalation, default priority, and whether a report needs a place.
 */
public enum Category {
  BUILDING_FACILITY("building_facility", "楼宇设施", List.of(BUILDING_HEAD, GRID_WORKER), Department.HOUSING, Priority.P2, true),
  MUNICIPAL_FACILITY("municipal_facility", "市政设施", List.of(GRID_WORKER), Department.URBAN_MGMT, Priority.P2, true),
  SANITATION("sanitation", "环境卫生", List.of(GRID_WORKER), Department.URBAN_MGMT, Priority.P2, true),
  UTILITIES("utilities", "水电气暖", List.of(GRID_WORKER), Department.HOUSING, Priority.P2, true),
  PUBLIC_SECURITY("public_security", "治安", List.of(POLICE), Department.POLICE, Priority.P1, true),
  DISPUTE("dispute", "矛盾纠纷", List.of(GRID_CHIEF, LEGAL_ADVISER), Department.JUSTICE, Priority.P2, true),
  LEGAL_AID("legal_aid", "法律咨询", List.of(LEGAL_ADVISER), Department.JUSTICE, Priority.P3, false),
  HEALTH("health", "健康医疗", List.of(HEALTH_WORKER), Department.HEALTH, Priority.P2, true),
  URBAN_ORDER("urban_order", "城市管理", List.of(GRID_WORKER), Department.URBAN_MGMT, Priority.P2, true),
  MARKET_REGULATION("market_regulation", "市场监管", List.of(GRID_WORKER), Department.MARKET, Priority.P2, true),
  SAFETY_HAZARD("safety_hazard", "安全隐患", List.of(GRID_WORKER, BUILDING_HEAD), Department.EMERGENCY, Priority.P1, true),
  VULNERABLE_CARE("vulnerable_care", "特殊群体关爱", List.of(GRID_CHIEF, GRID_WORKER), Department.CIVIL_AFFAIRS, Priority.P2, true),
  SERVICE_INQUIRY("service_inquiry", "办事咨询", List.of(SERVICE_DESK), null, Priority.P3, false),
  SUGGESTION("suggestion", "意见建议", List.of(GRID_CHIEF), null, Priority.P3, false),
  MICRO_WISH("micro_wish", "微心愿", List.of(VOLUNTEER_COORDINATOR), null, Priority.P3, false),
  OTHER("other", "其他", List.of(), null, null, false);

  private final String id;
  private final String chinese;
  private final List<Role> responders;
  private final Department department;
  private final Priority defaultPriority;
  private final boolean needsPlace;

  Category(String id, String chinese, List<Role> responders, Department department,
      Priority defaultPriority, boolean needsPlace) {
    this.id = id;
    this.chinese = chinese;
    this.responders = responders;
    this.department = department;
    this.defaultPriority = defaultPriority;
    this.needsPlace = needsPlace;
  }

  public String id() {
    return id;
  }

  public String chinese() {
    return chinese;
  }

  /** First responders in the grid team, in the order they are listed in an assignment. */
  public List<Role> responders() {
    return responders;
  }

  /** The department pulled in on escalation to the street; empty for community-only categories. */
  public Optional<Department> department() {
    return Optional.ofNullable(department);
  }

  /** The taxonomy's default priority; empty for {@link #OTHER}, which never becomes a ticket. */
  public Optional<Priority> defaultPriority() {
    return Optional.ofNullable(defaultPriority);
  }

  /** Whether a report of this category needs a resolved place (before the "at home" exception). */
  public boolean needsPlace() {
    return needsPlace;
  }

  public static Optional<Category> byId(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  private static final Map<String, Category> BY_ID =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(c -> c.id, c -> c));
}
