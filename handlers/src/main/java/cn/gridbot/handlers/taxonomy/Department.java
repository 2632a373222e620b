package cn.gridbot.handlers.taxonomy;

import java.util.Arrays;
import java.util.Optional;

/** Functional departments pulled in by the street ("部门报到"). */
public enum Department {
  URBAN_MGMT("urban_mgmt", "城管"),
  POLICE("police", "公安"),
  HEALTH("health", "卫健"),
  MARKET("market", "市场监管"),
  HOUSING("housing", "住建"),
  JUSTICE("justice", "司法所"),
  CIVIL_AFFAIRS("civil_affairs", "民政"),
  EMERGENCY("emergency", "应急管理");

  private final String id;
  private final String chinese;

  Department(String id, String chinese) {
    this.id = id;
    this.chinese = chinese;
  }

  public String id() {
    return id;
  }

  public String chinese() {
    return chinese;
  }

  public static Optional<Department> byId(String id) {
    return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
  }
}
