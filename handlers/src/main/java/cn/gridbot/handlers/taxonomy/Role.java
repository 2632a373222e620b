package cn.gridbot.handlers.taxonomy;

import java.util.Arrays;
import java.util.Optional;

/** Roles of the grid team ("三长三员一民警") and the coordinators above it. */
public enum Role {
  GRID_CHIEF("grid_chief", "网格长"),
  BUILDING_HEAD("building_head", "楼栋长"),
  UNIT_HEAD("unit_head", "楼口长"),
  GRID_WORKER("grid_worker", "网格员"),
  LEGAL_ADVISER("legal_adviser", "法律咨询员"),
  HEALTH_WORKER("health_worker", "社区健康员"),
  POLICE("police", "社区民警"),
  SERVICE_DESK("service_desk", "社区窗口"),
  VOLUNTEER_COORDINATOR("volunteer_coordinator", "志愿服务联络员"),
  COMMUNITY_SECRETARY("community_secretary", "社区党委书记"),
  STREET_COMMANDER("street_commander", "街道指挥中心");

  private final String id;
  private final String chinese;

  Role(String id, String chinese) {
    this.id = id;
    this.chinese = chinese;
  }

  public String id() {
    return id;
  }

  public String chinese() {
    return chinese;
  }

  public boolean isCoordinator() {
    return this == COMMUNITY_SECRETARY || this == STREET_COMMANDER;
  }

  public static Optional<Role> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
  }
}
