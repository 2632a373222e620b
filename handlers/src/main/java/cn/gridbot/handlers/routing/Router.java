package cn.gridbot.handlers.routing;

import cn.gridbot.handlers.directory.Compound;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Routes a {@link Reading} per {@code shared/spec/taxonomy.md}: priority (emergency → P0, then the
 * configured exceptions, then the category default), the one grid the place resolves to, whether
 * the bot must ask for the place, the assignees from the grid team and the department.
 *
 * <p>Pure and thread-safe: in-memory lookups only, safe on an event loop.
 */
public final class Router {
  private static final List<Role> EMERGENCY_ROLES = List.of(Role.GRID_CHIEF, Role.POLICE);

  private final Directory directory;
  private final List<PriorityRule> priorityRules;

  public Router(Directory directory, List<PriorityRule> priorityRules) {
    this.directory = Objects.requireNonNull(directory, "directory == null");
    this.priorityRules = List.copyOf(Objects.requireNonNull(priorityRules, "priorityRules == null"));
  }

  /** Routes a reading of {@code text} with no remembered address. */
  public Routing route(Reading reading, String text) {
    return route(reading, text, null);
  }

  /**
   * Routes a reading of {@code text}; {@code knownAddress} (the sender's remembered home, may be
   * null) stands in when the message names no compound and no segment.
   */
  public Routing route(Reading reading, String text, Place knownAddress) {
    Category category = reading.best().category();
    Place stated = reading.place() == null ? Place.NONE : reading.place();
    Place place = stated;
    if (knownAddress != null && stated.compoundId() == null && stated.segmentId() == null) {
      // A bare building number is read in the sender's own compound; no place at all is home.
      place = stated.building() != null
          ? new Place(knownAddress.compoundId(), stated.building(), stated.unit(), stated.room(), null)
          : knownAddress;
    }
    final Place where = place;
    Optional<Grid> grid = resolve(place);
    Priority priority = priority(category, reading.emergency(), text);
    boolean exempt = !category.needsPlace()
        || (reading.atHome() && (category == Category.HEALTH || category == Category.VULNERABLE_CARE));
    boolean needsLocation = grid.isEmpty() && !exempt;
    List<Member> assignees = grid.map(g -> assignees(g, category, reading.emergency(), where))
        .orElse(List.of());
    return new Routing(priority, grid.map(Grid::id).orElse(null),
        grid.map(Grid::communityId).orElse(null), needsLocation, assignees,
        category.department().orElse(null));
  }

  /** The priority of a report: P0 for an emergency, a configured exception, else the default. */
  public Priority priority(Category category, boolean emergency, String text) {
    if (category == Category.OTHER) {
      return null;
    }
    if (emergency) {
      return Priority.P0;
    }
    for (PriorityRule rule : priorityRules) {
      if (rule.applies(category, text)) {
        return rule.priority();
      }
    }
    return category.defaultPriority().orElse(null);
  }

  /**
   * The place as the directory lists it, for output: like a compound name the directory does not
   * know, a building the named compound does not have ("金都花园10号楼" when it has 8) is left out;
   * the compound, unit, room and segment stay. A building named without a compound stays (it cannot
   * be checked). {@link #resolve} still reads the building as stated, so such a place does not
   * resolve even where one grid covers the compound whole.
   */
  public Place asListed(Place place) {
    if (place == null || place.compoundId() == null || place.building() == null) {
      return place;
    }
    Optional<Compound> compound = directory.compound(place.compoundId());
    if (compound.isEmpty() || compound.get().hasBuilding(place.building())) {
      return place;
    }
    return new Place(place.compoundId(), null, place.unit(), place.room(), place.segmentId());
  }

  /**
   * The one grid a place determines, per "When a place resolves": a compound and one of its
   * buildings; a street segment; a compound one grid covers whole. A building without a compound,
   * or one the compound does not have, does not resolve.
   */
  public Optional<Grid> resolve(Place place) {
    if (place == null) {
      return Optional.empty();
    }
    Optional<Compound> compound = place.compoundId() == null ? Optional.empty()
        : directory.compound(place.compoundId());
    if (compound.isPresent()) {
      Compound c = compound.get();
      if (place.building() != null) {
        if (c.hasBuilding(place.building())) {
          return directory.gridForBuilding(c.id(), place.building());
        }
        // A building the compound does not have: do not guess, but a named segment still counts.
      } else {
        Optional<Grid> whole = directory.gridForWholeCompound(c.id());
        if (whole.isPresent()) {
          return whole;
        }
      }
    }
    if (place.segmentId() != null) {
      return directory.gridForSegment(place.segmentId());
    }
    return Optional.empty();
  }

  private List<Member> assignees(Grid grid, Category category, boolean emergency, Place place) {
    List<Role> roles = new ArrayList<>(category.responders());
    if (emergency) {
      roles.addAll(EMERGENCY_ROLES);
    }
    Integer building = place.compoundId() != null ? place.building() : null;
    List<Member> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Role role : roles) {
      for (Member m : directory.team(grid.id(), role, building)) {
        if (seen.add(m.person().name() + "|" + m.person().mobile())) {
          out.add(m);
        }
      }
    }
    return List.copyOf(out);
  }
}
