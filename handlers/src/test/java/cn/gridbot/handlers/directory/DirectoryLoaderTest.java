package cn.gridbot.handlers.directory;

import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DirectoryLoaderTest {
  static Directory demo;
  static String demoText;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ConfigFiles.builtInStream("directory.yaml")) {
      demoText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    demo = DirectoryLoader.load(stream(demoText), "config/directory.yaml");
  }

  static InputStream stream(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  static ConfigException failing(String yaml) {
    return assertThrows(ConfigException.class, () -> DirectoryLoader.load(stream(yaml), "dir.yaml"));
  }

  @Test
  void loadsTheDemoDirectoryWithItsIds() {
    assertEquals("金川区", demo.districtName());
    assertEquals(2, demo.streets().size());
    assertEquals(3, demo.communities().size());
    assertEquals(6, demo.compounds().size());
    assertEquals(7, demo.grids().size());
    assertEquals(5, demo.careTargets().size());
    assertEquals("区城管局", demo.departmentName(Department.URBAN_MGMT));
  }

  @Test
  void findsCompoundsByNameOrAlias() {
    assertEquals("heping-xiaoqu", demo.compoundByName("和平家属院").orElseThrow().id());
    assertEquals("longshou-building", demo.compoundByName("龙首大厦").orElseThrow().id());
    assertTrue(demo.compoundByName("不存在小区").isEmpty());
    assertEquals("longshou-lu", demo.segmentByName("龙首路步行街").orElseThrow().id());
  }

  @Test
  void resolvesBuildingsAndSegmentsToGrids() {
    assertEquals("heping-01", demo.gridForBuilding("heping-xiaoqu", 3).orElseThrow().id());
    assertEquals("heping-02", demo.gridForBuilding("heping-xiaoqu", 7).orElseThrow().id());
    assertEquals("yangguang-02", demo.gridForBuilding("yangguang-jiayuan", 12).orElseThrow().id());
    assertTrue(demo.gridForBuilding("jindu-huayuan", 10).isEmpty(), "金都花园 has 8 buildings");
    assertEquals("heping-02", demo.gridForSegment("guilin-lu").orElseThrow().id());
    assertEquals("heping-03", demo.gridForWholeCompound("jindu-huayuan").orElseThrow().id());
    assertTrue(demo.gridForWholeCompound("heping-xiaoqu").isEmpty(), "split over two grids");
  }

  @Test
  void teamsFallBackToTheGridChief() {
    List<Member> heads = demo.team("heping-01", Role.BUILDING_HEAD, 3);
    assertEquals("杨阿姨", heads.get(0).person().name());
    assertFalse(heads.get(0).fallback());

    List<Member> none = demo.team("yangguang-02", Role.BUILDING_HEAD, 12);
    assertEquals(1, none.size());
    assertEquals("周杰", none.get(0).person().name());
    assertTrue(none.get(0).fallback());

    assertEquals(List.of("张伟", "刘洋"),
        demo.team("heping-01", Role.GRID_WORKER, null).stream().map(m -> m.person().name()).toList());
    assertEquals("王警官", demo.team("heping-02", Role.POLICE, null).get(0).person().name());
    assertEquals("赵建国", demo.team("heping-02", Role.STREET_COMMANDER, null).get(0).person().name());
    assertEquals("李明", demo.team("heping-01", Role.UNIT_HEAD, 3).get(0).person().name());
  }

  @Test
  void walksUpFromCommunityToStreet() {
    Grid g = demo.grid("zijin-02").orElseThrow();
    Community c = demo.communityOf(g);
    assertEquals("zijin", c.id());
    assertEquals("beijinglu", demo.streetOf(c).id());
  }

  @Test
  void namesChatGroupsAsTheDemoDirectoryDoes() {
    ChatGroups groups = demo.groups();
    assertEquals("grid:heping-01", groups.ofGrid("heping-01"));
    assertEquals("building:heping-xiaoqu:3", groups.ofBuilding("heping-xiaoqu", 3));
    assertEquals("dept:urban_mgmt", groups.ofDepartment(Department.URBAN_MGMT));
    // 12+8+15+2+9+6 building groups, 7 grids, 3 communities, 2 streets, 8 departments
    assertEquals(52 + 7 + 3 + 2 + 8, groups.all().size());
  }

  @Test
  void recognisesStaffByMobile() {
    var roles = demo.rolesOf("13900000011");
    assertEquals(1, roles.size());
    assertEquals(Role.COMMUNITY_SECRETARY, roles.get(0).role());
    assertEquals("heping", roles.get(0).placeId());
    assertEquals(Role.GRID_WORKER, demo.rolesOf("13800000102").get(0).role());
    assertTrue(demo.rolesOf("13000000000").isEmpty());
  }

  @Test
  void personToStringMasksTheMobile() {
    Person p = new Person("张伟", "13800000102");
    assertFalse(p.toString().contains("13800000102"));
    assertEquals("138****0102", p.maskedMobile());
  }

  @Test
  void rejectsUnknownCommunityReference() {
    ConfigException e = failing(demoText.replace("community: heping,    buildings: 12", "community: nowhere, buildings: 12"));
    assertEquals("dir.yaml", e.file());
    assertTrue(e.key().startsWith("compounds[0](heping-xiaoqu).community"), e.key());
    assertTrue(e.reason().contains("nowhere"));
  }

  @Test
  void rejectsOverlappingGridCoverage() {
    ConfigException e = failing(demoText.replace("buildings: \"7-12\"", "buildings: \"6-12\""));
    assertTrue(e.key().contains("heping-02") && e.key().endsWith("buildings"), e.key());
    assertTrue(e.reason().contains("already covered by grid heping-01"), e.reason());
  }

  @Test
  void rejectsBuildingsOutsideTheCompound() {
    ConfigException e = failing(demoText.replace("compound: jindu-huayuan, buildings: \"1-8\"",
        "compound: jindu-huayuan, buildings: \"1-9\""));
    assertTrue(e.reason().contains("outside"), e.reason());
  }

  @Test
  void rejectsASegmentClaimedByAnotherGrid() {
    ConfigException e = failing(demoText.replace("aliases: [],             grid: heping-02",
        "aliases: [],             grid: heping-01"));
    assertTrue(e.reason().contains("covers it"), e.reason());
  }

  @Test
  void rejectsBadMobilesAndBrokenYaml() {
    assertTrue(failing(demoText.replace("\"13900000001\"", "\"12345\"")).key().endsWith("commander.mobile"));
    assertTrue(failing("streets: [ {id: x").reason().startsWith("not valid YAML"));
    assertTrue(failing(demoText.replace("id: urban_mgmt,", "id: parks,")).reason().contains("unknown department"));
  }
}
