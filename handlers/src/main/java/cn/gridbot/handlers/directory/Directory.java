package cn.gridbot.handlers.directory;

import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The district's places and people, validated at load ({@link DirectoryLoader}). Immutable and
 * thread-safe; every lookup is an in-memory map access, safe on an event loop.
 */
public final class Directory {
  private final String districtName;
  private final Map<String, Street> streets;
  private final Map<String, Community> communities;
  private final Map<String, Compound> compounds;
  private final Map<String, Compound> compoundsByName;
  private final Map<String, Segment> segments;
  private final Map<String, Segment> segmentsByName;
  private final Map<String, Grid> grids;
  private final Map<String, String> departmentNames;
  private final Map<String, CareTarget> careTargets;

  Directory(String districtName, List<Street> streets, List<Community> communities,
      List<Compound> compounds, List<Segment> segments, List<Grid> grids,
      Map<String, String> departmentNames, List<CareTarget> careTargets) {
    this.districtName = districtName;
    this.streets = index(streets, Street::id);
    this.communities = index(communities, Community::id);
    this.compounds = index(compounds, Compound::id);
    this.segments = index(segments, Segment::id);
    this.grids = index(grids, Grid::id);
    this.departmentNames = Map.copyOf(departmentNames);
    this.careTargets = index(careTargets, CareTarget::id);
    Map<String, Compound> byName = new LinkedHashMap<>();
    for (Compound c : compounds) {
      byName.put(c.name(), c);
      c.aliases().forEach(a -> byName.put(a, c));
    }
    this.compoundsByName = byName;
    Map<String, Segment> segByName = new LinkedHashMap<>();
    for (Segment s : segments) {
      segByName.put(s.name(), s);
      s.aliases().forEach(a -> segByName.put(a, s));
    }
    this.segmentsByName = segByName;
  }

  private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id) {
    Map<String, T> map = new LinkedHashMap<>();
    items.forEach(i -> map.put(id.apply(i), i));
    return map;
  }

  public String districtName() {
    return districtName;
  }

  public Collection<Street> streets() {
    return streets.values();
  }

  public Collection<Community> communities() {
    return communities.values();
  }

  public Collection<Compound> compounds() {
    return compounds.values();
  }

  public Collection<Segment> segments() {
    return segments.values();
  }

  public Collection<Grid> grids() {
    return grids.values();
  }

  public Collection<CareTarget> careTargets() {
    return careTargets.values();
  }

  public Optional<Street> street(String id) {
    return Optional.ofNullable(streets.get(id));
  }

  public Optional<Community> community(String id) {
    return Optional.ofNullable(communities.get(id));
  }

  public Optional<Compound> compound(String id) {
    return Optional.ofNullable(compounds.get(id));
  }

  public Optional<Segment> segment(String id) {
    return Optional.ofNullable(segments.get(id));
  }

  public Optional<Grid> grid(String id) {
    return Optional.ofNullable(grids.get(id));
  }

  public Optional<CareTarget> careTarget(String id) {
    return Optional.ofNullable(careTargets.get(id));
  }

  /** The department's display name in this district (e.g. 区城管局). */
  public String departmentName(Department d) {
    return departmentNames.getOrDefault(d.id(), d.chinese());
  }

  /** A compound by its exact name or one of its aliases. */
  public Optional<Compound> compoundByName(String nameOrAlias) {
    return Optional.ofNullable(compoundsByName.get(nameOrAlias));
  }

  /** Every compound name and alias, mapped to its compound (for text matching). */
  public Map<String, Compound> compoundNames() {
    return compoundsByName;
  }

  /** A street segment by its exact name or one of its aliases. */
  public Optional<Segment> segmentByName(String nameOrAlias) {
    return Optional.ofNullable(segmentsByName.get(nameOrAlias));
  }

  /** Every segment name and alias, mapped to its segment (for text matching). */
  public Map<String, Segment> segmentNames() {
    return segmentsByName;
  }

  /** The grid covering a building of a compound; empty when the compound lacks that building. */
  public Optional<Grid> gridForBuilding(String compoundId, int building) {
    return grids.values().stream()
        .filter(g -> g.covers().stream().anyMatch(c -> c.coversBuilding(compoundId, building)))
        .findFirst();
  }

  /** The grid of a street segment. */
  public Optional<Grid> gridForSegment(String segmentId) {
    return segment(segmentId).flatMap(s -> grid(s.gridId()));
  }

  /** The one grid covering a whole compound; empty when the compound is split between grids. */
  public Optional<Grid> gridForWholeCompound(String compoundId) {
    List<Grid> found = grids.values().stream()
        .filter(g -> g.covers().stream().anyMatch(c -> compoundId.equals(c.compoundId())))
        .toList();
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  /** The community a grid belongs to. */
  public Community communityOf(Grid grid) {
    return communities.get(grid.communityId());
  }

  /** The street a community belongs to. */
  public Street streetOf(Community community) {
    return streets.get(community.streetId());
  }

  /**
   * Who acts in {@code role} for a place in {@code gridId} (optionally a building number): the
   * grid's own people, then the community's; the grid chief stands in when nobody has the role.
   *
   * @throws IllegalArgumentException when the grid is unknown
   */
  public List<Member> team(String gridId, Role role, Integer building) {
    Grid grid = grid(gridId).orElseThrow(() -> new IllegalArgumentException("unknown grid " + gridId));
    Community community = communityOf(grid);
    List<Person> people = new ArrayList<>();
    switch (role) {
      case GRID_CHIEF -> people.add(grid.chief());
      case GRID_WORKER -> people.addAll(grid.workers());
      case BUILDING_HEAD -> {
        if (building != null && grid.buildingHeads().containsKey(building)) {
          people.add(grid.buildingHeads().get(building));
        }
      }
      case UNIT_HEAD -> { }
      case STREET_COMMANDER -> people.add(streetOf(community).commander());
      default -> community.staff(role).ifPresent(people::add);
    }
    if (people.isEmpty()) {
      return List.of(new Member(role, grid.chief(), true));
    }
    return people.stream().map(p -> new Member(role, p, false)).toList();
  }

  /** The roles a person (by mobile number) holds anywhere in the directory, with their scope. */
  public List<StaffRole> rolesOf(String mobile) {
    List<StaffRole> out = new ArrayList<>();
    if (mobile == null) {
      return out;
    }
    for (Street s : streets.values()) {
      if (mobile.equals(s.commander().mobile())) {
        out.add(new StaffRole(Role.STREET_COMMANDER, s.commander(), Scope.STREET, s.id()));
      }
    }
    for (Community c : communities.values()) {
      c.staff().forEach((role, p) -> {
        if (mobile.equals(p.mobile())) {
          out.add(new StaffRole(role, p, Scope.COMMUNITY, c.id()));
        }
      });
    }
    for (Grid g : grids.values()) {
      if (mobile.equals(g.chief().mobile())) {
        out.add(new StaffRole(Role.GRID_CHIEF, g.chief(), Scope.GRID, g.id()));
      }
      g.workers().stream().filter(p -> mobile.equals(p.mobile()))
          .forEach(p -> out.add(new StaffRole(Role.GRID_WORKER, p, Scope.GRID, g.id())));
      g.buildingHeads().values().stream().filter(p -> mobile.equals(p.mobile()))
          .forEach(p -> out.add(new StaffRole(Role.BUILDING_HEAD, p, Scope.GRID, g.id())));
    }
    return out;
  }

  /** The chat group ids of the directory's places (see {@link ChatGroups}). */
  public ChatGroups groups() {
    return new ChatGroups(this);
  }

  /** The level at which a staff role applies. */
  public enum Scope { GRID, COMMUNITY, STREET }

  /** A role a person holds, and where. */
  public record StaffRole(Role role, Person person, Scope scope, String placeId) {}
}
