package cn.gridbot.handlers.directory;

import cn.gridbot.handlers.taxonomy.Department;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat group ids of the directory's places, as named in the demo directory: {@code grid:<id>},
 * {@code building:<compound>:<n>}, {@code community:<id>}, {@code street:<id>},
 * {@code dept:<id>}. Which platform and robot a group is on is the delivery side's business.
 */
public final class ChatGroups {
  private final Directory directory;

  ChatGroups(Directory directory) {
    this.directory = directory;
  }

  public String ofGrid(String gridId) {
    return "grid:" + gridId;
  }

  public String ofBuilding(String compoundId, int building) {
    return "building:" + compoundId + ":" + building;
  }

  public String ofCommunity(String communityId) {
    return "community:" + communityId;
  }

  public String ofStreet(String streetId) {
    return "street:" + streetId;
  }

  public String ofDepartment(Department department) {
    return "dept:" + department.id();
  }

  /** The resident groups of every building of a compound. */
  public List<String> buildingsOf(Compound compound) {
    List<String> out = new ArrayList<>();
    for (int n = 1; n <= compound.buildings(); n++) {
      out.add(ofBuilding(compound.id(), n));
    }
    return out;
  }

  /** Every group the directory implies, in a stable order. */
  public List<String> all() {
    List<String> out = new ArrayList<>();
    directory.grids().forEach(g -> out.add(ofGrid(g.id())));
    directory.compounds().forEach(c -> out.addAll(buildingsOf(c)));
    directory.communities().forEach(c -> out.add(ofCommunity(c.id())));
    directory.streets().forEach(s -> out.add(ofStreet(s.id())));
    for (Department d : Department.values()) {
      out.add(ofDepartment(d));
    }
    return out;
  }
}
