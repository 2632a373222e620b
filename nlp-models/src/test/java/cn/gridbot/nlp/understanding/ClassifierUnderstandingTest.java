package cn.gridbot.nlp.understanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.handlers.routing.Routing;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.nlp.Fixtures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierUnderstandingTest {
  private static Analyzer analyzer(String label, double p) {
    return Analyzer.of(Fixtures.always(label, p), Fixtures.RULES, Fixtures.DIRECTORY);
  }

  /** Verifies the example of the issue end to end (with a scorer that says utilities). */
  @Test
  void issueExample() {
    Analyzer a = analyzer("utilities", 0.71);
    String text = "阳光家园十二号楼一单元暖气片冰凉 家里老人受不了";
    Analyzer.Analysis r = a.analyze(text);
    assertEquals(Category.UTILITIES, r.reading().best().category());
    assertFalse(r.reading().emergency());
    assertEquals(new Place("yangguang-jiayuan", 12, 1, null, null), r.reading().place());
    Routing route = r.routing();
    assertEquals(Priority.P1, route.priority());
    assertEquals("yangguang-02", route.gridId());
    assertEquals(1, route.assignees().size());
    assertEquals("吴婷", route.assignees().get(0).person().name());
    assertEquals(Department.HOUSING, route.department());
    ObjectNode json = a.toJson(TextNode.valueOf("i1"), text);
    assertEquals("[{\"role\":\"grid_worker\",\"name\":\"吴婷\"}]", json.get("assignees").toString());
  }

  /** Verifies that an emergency forces its category over the scorer, with P0. */
  @Test
  void emergencyForcesCategory() {
    Analyzer.Analysis r = analyzer("dispute", 0.9).analyze("和平小区3号楼楼道里冒黑烟了 快来人");
    assertTrue(r.reading().emergency());
    assertEquals(Category.SAFETY_HAZARD, r.reading().best().category());
    assertEquals(1.0, r.reading().best().probability());
    assertEquals(Priority.P0, r.routing().priority());
    assertEquals("heping-01", r.routing().gridId());
  }

  /** Verifies that a hazard stays a hazard: not an emergency. */
  @Test
  void hazardIsNotFire() {
    Analyzer.Analysis r = analyzer("safety_hazard", 0.6).analyze("楼道里充电动车 怕着火");
    assertFalse(r.reading().emergency());
    assertEquals(Category.SAFETY_HAZARD, r.reading().best().category());
    assertEquals(Priority.P1, r.routing().priority());
  }

  /** Verifies that a keyword override beats the scorer, and that the scorer decides otherwise. */
  @Test
  void overrides() {
    Reading r = analyzer("sanitation", 0.8).understanding().read("新华东里门口那家超市老板拖欠工资 三个月没发了");
    assertEquals(Category.LEGAL_AID, r.best().category());
    Analyzer.Analysis a = analyzer("sanitation", 0.8).analyze("新华东里门口那家超市老板拖欠工资 三个月没发了");
    assertEquals(Priority.P3, a.routing().priority());
    assertEquals(Category.MICRO_WISH, analyzer("health", 0.8).understanding()
        .read("发个微心愿 想请人帮我妈买药").best().category());
    assertEquals(Category.SANITATION, analyzer("sanitation", 0.8).understanding()
        .read("桂林路垃圾没人清").best().category());
    // Praise, thanks or a complaint about staff that names the matter is not a report of it.
    for (String praise : List.of("给你们点个赞 上次的微心愿第二天就有人帮我实现了", "投诉网格员 拖欠工资的事报了三次 一个月没动静",
        "兄弟 谢了 欠薪那事办得利索")) {
      assertEquals(Category.SUGGESTION, analyzer("suggestion", 0.8).understanding().read(praise).best().category(), praise);
    }
    // Expired food or noise from a shop is the classifier's to read (those entries were removed).
    assertEquals(Category.SANITATION, analyzer("sanitation", 0.8).understanding()
        .read("新华东里门口那家超市卖过期食品").best().category());
    assertEquals(Category.DISPUTE, analyzer("dispute", 0.8).understanding()
        .read("麻将馆天天搓到后半夜三点 哗啦哗啦").best().category());
  }

  /** Verifies the ask threshold, health at home, and empty text. */
  @Test
  void unsureAtHomeAndEmpty() {
    ClassifierUnderstanding u = analyzer("health", 0.2).understanding();
    Reading r = u.read("我妈发烧三天了 能不能请医生上门看看");
    assertTrue(u.unsure(r));
    assertTrue(r.atHome());
    assertFalse(analyzer("health", 0.9).analyze("我妈发烧三天了").routing().needsLocation());
    Reading empty = u.read("  ");
    assertEquals(Category.OTHER, empty.best().category());
    assertEquals(List.of(empty.best()), empty.ranked());
  }

  /** Verifies that a person down alone at home is vulnerable_care, and an ambiguous building asks. */
  @Test
  void personDownAloneAndAmbiguousBuilding() {
    Analyzer.Analysis r = analyzer("health", 0.5).analyze("隔壁独居的王奶奶摔倒了起不来 3号楼");
    assertTrue(r.reading().emergency());
    assertEquals(Category.VULNERABLE_CARE, r.reading().best().category());
    assertEquals(Integer.valueOf(3), r.reading().place().building());
    assertEquals(null, r.routing().gridId());
    assertTrue(r.routing().needsLocation());
  }

  /**
   * Verifies that a person down who is named on the directory's care list is theirs
   * (vulnerable_care), while the same fall of someone else stays health.
   */
  @Test
  void personDownOnTheCareList() {
    Analyzer.Analysis named = analyzer("health", 0.5)
        .analyze("我是张秀兰的女儿 在外地 我妈刚打电话说在厨房摔了 爬不起来 阳光家园3号楼3单元601");
    assertTrue(named.reading().emergency());
    assertEquals(Category.VULNERABLE_CARE, named.reading().best().category());
    Analyzer.Analysis other = analyzer("health", 0.5)
        .analyze("我妈刚打电话说在厨房摔了 爬不起来 阳光家园3号楼3单元601");
    assertTrue(other.reading().emergency());
    assertEquals(Category.HEALTH, other.reading().best().category());
  }

  /** Verifies that a model label outside the taxonomy is printed as is, with no priority. */
  @Test
  void foreignLabel() {
    ObjectNode json = analyzer("weather", 0.8).toJson(TextNode.valueOf("x"), "今天天气真好");
    assertEquals("weather", json.get("category").asText());
    assertTrue(json.get("priority").isNull());
  }

  /** Verifies resolution in the pipeline: impossible building, compound covered whole, segment. */
  @Test
  void placesResolveAsTheTaxonomySays() {
    Analyzer a = analyzer("sanitation", 0.8);
    Analyzer.Analysis impossible = a.analyze("和平小区13号楼门口垃圾没人清");
    assertEquals(new Place("heping-xiaoqu", 13, null, null, null), impossible.reading().place());
    assertEquals(null, impossible.routing().gridId());
    assertTrue(impossible.routing().needsLocation());
    Analyzer.Analysis whole = a.analyze("金都花园门口垃圾堆成山了");
    assertEquals("heping-03", whole.routing().gridId());
    assertEquals("heping", whole.routing().communityId());
    Analyzer.Analysis split = a.analyze("和平小区门口垃圾堆成山了");
    assertEquals(null, split.routing().gridId());
    Analyzer.Analysis typo = a.analyze("和平小去3号楼门口垃圾堆成山了");
    assertEquals("heping-01", typo.routing().gridId());
    Analyzer.Analysis seg = a.analyze("桂林路垃圾没人清");
    assertEquals("heping-02", seg.routing().gridId());
    assertFalse(seg.routing().needsLocation());
  }

  /** An emergency model that always gives P(emergency) = {@code p}. */
  private static Analyzer withEmergencyModel(double p) {
    CategoryScorer model = text -> List.of(new CategoryScorer.LabelScore("emergency", p),
        new CategoryScorer.LabelScore("normal", 1 - p));
    return Analyzer.of(Fixtures.always("safety_hazard", 0.8), model, Fixtures.RULES, Fixtures.DIRECTORY);
  }

  /**
   * Verifies the emergency model's gate: it flags what the rules miss at its threshold or above,
   * not below, and never a message with a fear, the past, an ending or an aftermath question in it.
   */
  @Test
  void emergencyModelIsGated() {
    String unknownWording = "楼后头那个小棚子呼呼的往外窜 味道很冲";
    assertTrue(withEmergencyModel(ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD).analyze(unknownWording)
        .reading().emergency());
    assertEquals("emergency:model", withEmergencyModel(0.95).analyze(unknownWording).interpretation().decidedBy());
    assertFalse(withEmergencyModel(ClassifierUnderstanding.EMERGENCY_MODEL_THRESHOLD - 0.01).analyze(unknownWording)
        .reading().emergency());
    for (String cue : List.of("楼后头那个小棚子 怕哪天呼呼的往外窜", "上个月楼后头那个小棚子呼呼的往外窜",
        "楼后头那个小棚子呼呼的往外窜 已经灭了", "楼后头那个小棚子呼呼的往外窜 物业该不该赔偿")) {
      assertFalse(withEmergencyModel(0.99).analyze(cue).reading().emergency(), cue);
    }
    // A bare place (an answer to "which building?") is never asked about.
    assertFalse(withEmergencyModel(0.99).analyze("和平小区3号楼").reading().emergency());
  }
}
