package cn.gridbot.handlers.directory;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigYaml;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the directory YAML (the format of {@code shared/spec/demo-directory.yaml}) and validates
 * it: unknown references, overlapping grid coverage and buildings outside a compound's range
 * fail with a {@link ConfigException} naming the file and key.
 */
public final class DirectoryLoader {
  private static final Pattern RANGE = Pattern.compile("(\\d+)(?:\\s*-\\s*(\\d+))?");
  private static final Map<String, Role> COMMUNITY_ROLES = Map.of(
      "secretary", Role.COMMUNITY_SECRETARY,
      "service_desk", Role.SERVICE_DESK,
      "legal_adviser", Role.LEGAL_ADVISER,
      "health_worker", Role.HEALTH_WORKER,
      "police", Role.POLICE,
      "volunteer_coordinator", Role.VOLUNTEER_COORDINATOR);

  private final String file;

  private DirectoryLoader(String file) {
    this.file = file;
  }

  /**
   * Loads and validates a directory.
   *
   * @param file the file name used in error messages
   * @throws ConfigException when the YAML cannot be read or does not validate
   */
  public static Directory load(InputStream in, String file) {
    return new DirectoryLoader(file).parse(ConfigYaml.readMapping(in, file, false));
  }

  private Directory parse(JsonNode root) {
    String districtName = text(root.path("district"), "district", "name");

    List<Street> streets = new ArrayList<>();
    forEach(root, "streets", (n, key) -> streets.add(new Street(
        id(n, key, streets.stream().map(Street::id).toList()), text(n, key, "name"),
        person(n.path("commander"), key + ".commander"))));
    Set<String> streetIds = ids(streets.stream().map(Street::id).toList());

    List<Community> communities = new ArrayList<>();
    forEach(root, "communities", (n, key) -> {
      String id = id(n, key, communities.stream().map(Community::id).toList());
      String street = ref(n, key, "street", streetIds);
      Map<Role, Person> staff = new EnumMap<>(Role.class);
      COMMUNITY_ROLES.forEach((field, role) -> {
        if (n.has(field)) {
          staff.put(role, person(n.get(field), key + "." + field));
        }
      });
      communities.add(new Community(id, text(n, key, "name"), street, Map.copyOf(staff)));
    });
    Set<String> communityIds = ids(communities.stream().map(Community::id).toList());

    List<Compound> compounds = new ArrayList<>();
    forEach(root, "compounds", (n, key) -> compounds.add(new Compound(
        id(n, key, compounds.stream().map(Compound::id).toList()), text(n, key, "name"),
        strings(n.path("aliases"), key + ".aliases"), ref(n, key, "community", communityIds),
        positiveInt(n, key, "buildings"), positiveInt(n, key, "units"))));
    Map<String, Compound> compoundById = new HashMap<>();
    compounds.forEach(c -> compoundById.put(c.id(), c));
    checkUniqueNames(compounds);

    List<JsonNode> rawGrids = new ArrayList<>();
    root.path("grids").forEach(rawGrids::add);
    Set<String> gridIds = new HashSet<>();
    for (int i = 0; i < rawGrids.size(); i++) {
      gridIds.add(id(rawGrids.get(i), "grids[" + i + "]", List.copyOf(gridIds)));
    }

    List<Segment> segments = new ArrayList<>();
    forEach(root, "streets_segments", (n, key) -> segments.add(new Segment(
        id(n, key, segments.stream().map(Segment::id).toList()), text(n, key, "name"),
        strings(n.path("aliases"), key + ".aliases"), ref(n, key, "grid", gridIds))));
    Map<String, Segment> segmentById = new HashMap<>();
    segments.forEach(s -> segmentById.put(s.id(), s));

    List<Grid> grids = new ArrayList<>();
    Map<String, String> buildingOwner = new HashMap<>();
    Map<String, String> segmentOwner = new HashMap<>();
    forEach(root, "grids", (n, key) -> {
      String id = n.get("id").asText();
      String community = ref(n, key, "community", communityIds);
      List<Coverage> covers = new ArrayList<>();
      JsonNode coversNode = n.path("covers");
      if (!coversNode.isArray() || coversNode.isEmpty()) {
        throw new ConfigException(file, key + ".covers", "a grid must cover at least one place");
      }
      for (int i = 0; i < coversNode.size(); i++) {
        covers.add(coverage(coversNode.get(i), key + ".covers[" + i + "]", id, community,
            compoundById, segmentById, buildingOwner, segmentOwner));
      }
      Map<Integer, Person> heads = new LinkedHashMap<>();
      JsonNode headsNode = n.path("building_heads");
      headsNode.fieldNames().forEachRemaining(b -> {
        String hkey = key + ".building_heads." + b;
        int building;
        try {
          building = Integer.parseInt(b);
        } catch (NumberFormatException e) {
          throw new ConfigException(file, hkey, "building number expected, got '" + b + "'");
        }
        if (covers.stream().noneMatch(c -> c.compoundId() != null
            && building >= c.fromBuilding() && building <= c.toBuilding())) {
          throw new ConfigException(file, hkey, "building " + building + " is not in this grid");
        }
        heads.put(building, person(headsNode.get(b), hkey));
      });
      List<Person> workers = new ArrayList<>();
      JsonNode w = n.path("grid_workers");
      for (int i = 0; i < w.size(); i++) {
        workers.add(person(w.get(i), key + ".grid_workers[" + i + "]"));
      }
      grids.add(new Grid(id, text(n, key, "name"), community, List.copyOf(covers),
          person(n.path("grid_chief"), key + ".grid_chief"), List.copyOf(workers), Map.copyOf(heads)));
    });
    for (Segment s : segments) {
      String owner = segmentOwner.get(s.id());
      if (owner != null && !owner.equals(s.gridId())) {
        throw new ConfigException(file, "streets_segments." + s.id() + ".grid",
            "segment says grid " + s.gridId() + " but grid " + owner + " covers it");
      }
    }

    Map<String, String> departments = new LinkedHashMap<>();
    forEach(root, "departments", (n, key) -> {
      String id = text(n, key, "id");
      if (Department.byId(id).isEmpty()) {
        throw new ConfigException(file, key + ".id", "unknown department '" + id + "'");
      }
      departments.put(id, text(n, key, "name"));
    });

    List<CareTarget> careTargets = new ArrayList<>();
    forEach(root, "care_targets", (n, key) -> careTargets.add(new CareTarget(
        id(n, key, careTargets.stream().map(CareTarget::id).toList()), text(n, key, "name"),
        ref(n, key, "grid", gridIds), n.path("address").asText(""), text(n, key, "group"),
        positiveInt(n, key, "visit_every_days"))));

    return new Directory(districtName, streets, communities, compounds, segments, grids,
        departments, careTargets);
  }

  private Coverage coverage(JsonNode n, String key, String gridId, String community,
      Map<String, Compound> compounds, Map<String, Segment> segments,
      Map<String, String> buildingOwner, Map<String, String> segmentOwner) {
    if (n.has("segment")) {
      String seg = n.get("segment").asText();
      if (!segments.containsKey(seg)) {
        throw new ConfigException(file, key + ".segment", "unknown segment '" + seg + "'");
      }
      String prev = segmentOwner.putIfAbsent(seg, gridId);
      if (prev != null) {
        throw new ConfigException(file, key + ".segment",
            "segment " + seg + " is already covered by grid " + prev);
      }
      return new Coverage(null, 0, 0, seg);
    }
    String compoundId = n.path("compound").asText(null);
    Compound compound = compoundId == null ? null : compounds.get(compoundId);
    if (compound == null) {
      throw new ConfigException(file, key + ".compound", "unknown compound '" + compoundId + "'");
    }
    if (!compound.communityId().equals(community)) {
      throw new ConfigException(file, key + ".compound",
          "compound " + compoundId + " belongs to community " + compound.communityId()
              + ", not to this grid's community " + community);
    }
    String range = n.path("buildings").asText("1-" + compound.buildings());
    Matcher m = RANGE.matcher(range.trim());
    if (!m.matches()) {
      throw new ConfigException(file, key + ".buildings", "expected a range like \"1-6\", got '" + range + "'");
    }
    int from = Integer.parseInt(m.group(1));
    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
    if (from < 1 || to < from || to > compound.buildings()) {
      throw new ConfigException(file, key + ".buildings", "range " + range + " is outside "
          + compound.name() + "'s buildings 1-" + compound.buildings());
    }
    for (int b = from; b <= to; b++) {
      String prev = buildingOwner.putIfAbsent(compoundId + "#" + b, gridId);
      if (prev != null) {
        throw new ConfigException(file, key + ".buildings", "building " + b + " of " + compoundId
            + " is already covered by grid " + prev);
      }
    }
    return new Coverage(compoundId, from, to, null);
  }

  private void checkUniqueNames(List<Compound> compounds) {
    Map<String, String> seen = new HashMap<>();
    for (Compound c : compounds) {
      List<String> names = new ArrayList<>(c.aliases());
      names.add(0, c.name());
      for (String name : names) {
        String prev = seen.putIfAbsent(name, c.id());
        if (prev != null && !prev.equals(c.id())) {
          throw new ConfigException(file, "compounds." + c.id() + ".aliases",
              "name '" + name + "' is already used by compound " + prev);
        }
      }
    }
  }

  private interface NodeVisitor {
    void visit(JsonNode node, String key);
  }

  private void forEach(JsonNode root, String field, NodeVisitor visitor) {
    JsonNode list = root.path(field);
    if (list.isMissingNode() || list.isNull()) {
      return;
    }
    if (!list.isArray()) {
      throw new ConfigException(file, field, "expected a list");
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      String key = field + "[" + i + "]" + (n.hasNonNull("id") ? "(" + n.get("id").asText() + ")" : "");
      if (!n.isObject()) {
        throw new ConfigException(file, key, "expected a mapping");
      }
      visitor.visit(n, key);
    }
  }

  private String text(JsonNode n, String key, String field) {
    JsonNode v = n.path(field);
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw new ConfigException(file, key + "." + field, "missing or empty");
    }
    return v.asText().trim();
  }

  private String id(JsonNode n, String key, List<String> existing) {
    String id = text(n, key, "id");
    if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
      throw new ConfigException(file, key + ".id", "ids are lower-case letters, digits, - and _: '" + id + "'");
    }
    if (existing.contains(id)) {
      throw new ConfigException(file, key + ".id", "duplicate id '" + id + "'");
    }
    return id;
  }

  private String ref(JsonNode n, String key, String field, Set<String> known) {
    String v = text(n, key, field);
    if (!known.contains(v)) {
      throw new ConfigException(file, key + "." + field, "unknown " + field + " '" + v + "'");
    }
    return v;
  }

  private int positiveInt(JsonNode n, String key, String field) {
    JsonNode v = n.path(field);
    if (!v.canConvertToInt() || v.asInt() < 1) {
      throw new ConfigException(file, key + "." + field, "a positive whole number is required");
    }
    return v.asInt();
  }

  private Person person(JsonNode n, String key) {
    if (!n.isObject()) {
      throw new ConfigException(file, key, "expected { name, mobile }");
    }
    String mobile = text(n, key, "mobile");
    if (!mobile.matches("1\\d{10}")) {
      throw new ConfigException(file, key + ".mobile", "not an 11-digit mobile number");
    }
    return new Person(text(n, key, "name"), mobile);
  }

  private List<String> strings(JsonNode n, String key) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new ConfigException(file, key, "expected a list");
    }
    List<String> out = new ArrayList<>();
    n.forEach(v -> out.add(v.asText()));
    return List.copyOf(out);
  }

  private static Set<String> ids(List<String> ids) {
    return Set.copyOf(ids);
  }
}
