package cn.gridbot.handlers.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.DirectoryLoader;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.handlers.understanding.ScoredCategory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static Directory directory;
  private static Router router;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ConfigFiles.builtIn().open("directory.yaml")) {
      directory = DirectoryLoader.load(in, "directory.yaml");
    }
    router = new Router(directory, List.of(
        new PriorityRule(Category.BUILDING_FACILITY, Pattern.compile("电梯.{0,6}坏"), Priority.P1),
        new PriorityRule(Category.UTILITIES, Pattern.compile("停水|暖气.{0,4}(冰凉|不热)"), Priority.P1),
        new PriorityRule(Category.VULNERABLE_CARE, Pattern.compile("联系不上"), Priority.P1)));
  }

  private static Reading reading(Category c, boolean emergency, Place place, boolean atHome) {
    ScoredCategory best = new ScoredCategory(c, 0.9);
    return new Reading(best, List.of(best), emergency, place, atHome);
  }

  private static Place building(String compound, int b) {
    return new Place(compound, b, null, null, null);
  }

  private static List<String> names(Routing r) {
    return r.assignees().stream().map(m -> m.role().id() + ":" + m.person().name()).toList();
  }

  /** Verifies the issue's example: no heating in yangguang-jiayuan 12 goes to 吴婷 at P1. */
  @Test
  void routesTheIssueExample() {
    Routing r = router.route(reading(Category.UTILITIES, false,
        new Place("yangguang-jiayuan", 12, 1, null, null), true), "阳光家园十二号楼一单元暖气片冰凉");
    assertEquals(Priority.P1, r.priority());
    assertEquals("yangguang-02", r.gridId());
    assertEquals("yangguang", r.communityId());
    assertFalse(r.needsLocation());
    assertEquals(List.of("grid_worker:吴婷"), names(r));
    assertEquals(Department.HOUSING, r.department());
  }

  /** Verifies that a compound and one of its buildings resolve to the grid covering it. */
  @Test
  void resolvesCompoundAndBuilding() {
    assertEquals("heping-01", router.resolve(building("heping-xiaoqu", 3)).orElseThrow().id());
    assertEquals("heping-02", router.resolve(building("heping-xiaoqu", 7)).orElseThrow().id());
  }

  /** Verifies that a building without a compound keeps the building but resolves nothing. */
  @Test
  void buildingWithoutCompoundDoesNotResolve() {
    Routing r = router.route(reading(Category.BUILDING_FACILITY, false,
        new Place(null, 3, 2, null, null), false), "3号楼2单元楼道灯坏了");
    assertNull(r.gridId());
    assertNull(r.communityId());
    assertTrue(r.needsLocation());
    assertEquals(List.of(), r.assignees());
  }

  /** Verifies that a building the compound does not have does not resolve. */
  @Test
  void impossibleBuildingDoesNotResolve() {
    assertTrue(router.resolve(building("heping-xiaoqu", 13)).isEmpty());
    assertTrue(router.resolve(building("longshou-building", 3)).isEmpty());
  }

  /**
   * Verifies that the output leaves out a building the compound does not have, keeps the rest, and
   * that the place still does not resolve where one grid covers the compound whole.
   */
  @Test
  void outputListsOnlyBuildingsTheCompoundHas() {
    Place stated = new Place("jindu-huayuan", 10, 2, "301", null);
    assertEquals(new Place("jindu-huayuan", null, 2, "301", null), router.asListed(stated));
    assertTrue(router.resolve(stated).isEmpty());
    Place real = new Place("jindu-huayuan", 8, 2, "301", null);
    assertEquals(real, router.asListed(real));
    Place noCompound = new Place(null, 30, null, null, null);
    assertEquals(noCompound, router.asListed(noCompound));
  }

  /** Verifies that a compound one grid covers whole resolves without a building; a split one does not. */
  @Test
  void wholeCompound() {
    assertEquals("heping-03", router.resolve(new Place("jindu-huayuan", null, null, null, null))
        .orElseThrow().id());
    assertTrue(router.resolve(new Place("heping-xiaoqu", null, null, null, null)).isEmpty());
    assertTrue(router.resolve(new Place("yangguang-jiayuan", null, null, null, null)).isEmpty());
  }

  /** Verifies that a street segment resolves to its grid. */
  @Test
  void segment() {
    Routing r = router.route(reading(Category.MUNICIPAL_FACILITY, false,
        new Place(null, null, null, null, "longshou-lu"), false), "龙首路路灯不亮");
    assertEquals("yangguang-02", r.gridId());
    assertEquals(Priority.P2, r.priority());
    assertEquals(Department.URBAN_MGMT, r.department());
  }

  /** Verifies that a role nobody holds falls back to the grid chief, listed once. */
  @Test
  void fallsBackToGridChief() {
    Routing r = router.route(reading(Category.BUILDING_FACILITY, false,
        building("yangguang-jiayuan", 10), false), "10号楼电梯坏了");
    assertEquals(Priority.P1, r.priority());
    Member head = r.assignees().get(0);
    assertEquals(Role.BUILDING_HEAD, head.role());
    assertTrue(head.fallback());
    assertEquals("周杰", head.person().name());
    assertEquals(List.of("building_head:周杰", "grid_worker:吴婷"), names(r));
  }

  /** Verifies that an emergency is P0 and adds the grid chief and police without duplicates. */
  @Test
  void emergencyAddsChiefAndPolice() {
    Routing r = router.route(reading(Category.SAFETY_HAZARD, true, building("heping-xiaoqu", 3), false),
        "3号楼着火了");
    assertEquals(Priority.P0, r.priority());
    assertEquals(List.of("grid_worker:张伟", "grid_worker:刘洋", "building_head:杨阿姨",
        "grid_chief:李明", "police:王警官"), names(r));
    Routing y = router.route(reading(Category.BUILDING_FACILITY, true,
        building("yangguang-jiayuan", 10), false), "电梯困人");
    assertEquals(List.of("building_head:周杰", "grid_worker:吴婷", "police:沈警官"), names(y));
  }

  /** Verifies default priorities, the configured exceptions, and no priority for other. */
  @Test
  void priorities() {
    assertEquals(Priority.P2, router.priority(Category.UTILITIES, false, "水压小"));
    assertEquals(Priority.P1, router.priority(Category.UTILITIES, false, "明天停水吗"));
    assertEquals(Priority.P1, router.priority(Category.PUBLIC_SECURITY, false, "被偷了"));
    assertEquals(Priority.P3, router.priority(Category.LEGAL_AID, false, "劳动合同"));
    assertEquals(Priority.P2, router.priority(Category.VULNERABLE_CARE, false, "上门看看"));
    assertEquals(Priority.P1, router.priority(Category.VULNERABLE_CARE, false, "独居老人联系不上"));
    assertNull(router.priority(Category.OTHER, false, "你好"));
  }

  /** Verifies needs_location: exempt categories, and health at home. */
  @Test
  void needsLocation() {
    assertFalse(router.route(reading(Category.LEGAL_AID, false, Place.NONE, false), "x").needsLocation());
    assertFalse(router.route(reading(Category.OTHER, false, Place.NONE, false), "x").needsLocation());
    assertTrue(router.route(reading(Category.HEALTH, false, Place.NONE, false), "x").needsLocation());
    assertFalse(router.route(reading(Category.HEALTH, false, Place.NONE, true), "x").needsLocation());
    assertTrue(router.route(reading(Category.SANITATION, false, Place.NONE, true), "x").needsLocation());
  }

  /** Verifies that a remembered address completes a bare building number. */
  @Test
  void knownAddress() {
    Place home = new Place("heping-xiaoqu", 8, 1, "101", null);
    Routing r = router.route(reading(Category.BUILDING_FACILITY, false, new Place(null, 3, null, null, null),
        false), "3号楼灯坏了", home);
    assertEquals("heping-01", r.gridId());
    Routing h = router.route(reading(Category.SANITATION, false, Place.NONE, false), "楼下垃圾", home);
    assertEquals("heping-02", h.gridId());
  }
}
