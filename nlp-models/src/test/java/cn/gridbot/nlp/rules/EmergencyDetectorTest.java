package cn.gridbot.nlp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.gridbot.nlp.Fixtures;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmergencyDetectorTest {
  private final EmergencyDetector detector = new EmergencyDetector(Fixtures.RULES.emergency());

  /** Verifies that each kind of emergency is found and forces the taxonomy's category. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "和平小区3号楼着火了 快来人 | fire | safety_hazard",
      "楼下电动车烧起来了！ | fire | safety_hazard",
      "楼道里冒烟了，好大的烟 | smoke | safety_hazard",
      "一进单元门就闻到很浓的煤气味 | gas_smell | safety_hazard",
      "家里燃气泄漏了 快来人 | gas_smell | safety_hazard",
      "小区门口电线掉在地上还冒火花 | live_wire | safety_hazard",
      "外墙瓷砖掉下来砸到车了 | falling_facade | safety_hazard",
      "电梯困人了 里面有个老人 | trapped_in_elevator | building_facility",
      "我被困在电梯里了 3号楼 | trapped_in_elevator | building_facility",
      "电梯突然停了，我们三个人被困在里面 | trapped_in_elevator | building_facility",
      "楼下有个老人晕倒了 | person_down | health",
      "我爸摔倒了起不来 | person_down | health",
      "隔壁独居的王奶奶摔倒了起不来 | person_down | vulnerable_care",
      "有人触电了！ | person_down | health",
      "楼下两个人打起来了 还拿着刀 | violence | public_security",
      "有人在撬我家门 | violence | public_security",
      "孩子放学到现在还没回家 找不到了 | missing_child | public_security",
      "我家孩子在小区里走丢了 | missing_child | public_security",
      "3号楼地下室水管爆了 水漫了一地 | burst_pipe | utilities",
      "楼道里暖气管爆裂 往外喷水 | burst_pipe | utilities",
      "龙首路路面突然塌陷 有辆车陷进去了 | fallen_in | municipal_facility",
      "有个小孩掉进下水道井里了 | fallen_in | municipal_facility",
      "隔壁有人喊救命 | call_for_help | -",
  })
  void findsEmergencies(String text, String kind, String category) {
    Optional<EmergencyDetector.Emergency> e = detector.detect(text);
    assertTrue(e.isPresent(), text);
    assertEquals(kind, e.get().kind(), text);
    assertEquals(category, e.get().category() == null ? null : e.get().category().id(), text);
  }

  /** Verifies that hazards, denials, the past and things already over are not emergencies. */
  @ParameterizedTest
  @ValueSource(strings = {
      "上周电梯困过人，希望检修",
      "楼道里充电动车 怕着火",
      "电动车在楼道充电，万一着火怎么办",
      "楼道堆满杂物，存在火灾隐患",
      "没着火，就是有点焦味，已经查过了",
      "刚才厨房着火了，已经灭了",
      "去年这栋楼着过火，现在消防通道还是堵着",
      "以前有人在电梯里被困过",
      "燃气管道生锈了但是没漏",
      "灭火器都过期了",
      "邻居在楼道抽烟，烟味很大",
      "烧烤摊油烟太大了",
      "楼上漏水，我家天花板全是水",
      "孩子找到了，谢谢大家",
      "担心老人在家摔倒，能不能装个扶手",
      "电线老化容易断，请来看看",
      "能不能组织一次消防演练",
      "长期被噪音困扰",
      "我爸有高血压 需要随访",
      "反映好几次了都没反应",
      "电梯经常困人，物业也不管",
      "电梯坏了好几天了",
      "请问打疫苗在哪里",
      "气炸了，物业什么都不管",
      "马路塌了个坑",
      "我们楼没有灭火器，着火了怎么办",
      "打架了 现在散了",
      "前夫家暴 现在能起诉吗",
  })
  void ignoresNonEmergencies(String text) {
    assertEquals(Optional.empty(), detector.detect(text), text);
  }

  /**
   * Verifies a set of our own phrasings, written apart from the training corpus: E lines are
   * emergencies, N lines are not.
   */
  @ParameterizedTest
  @CsvFileSource(resources = "emergency-probes.txt", delimiter = '|')
  void probes(String expected, String text) {
    assertEquals(expected.equals("E"), detector.detect(text).isPresent(), text);
  }
}
