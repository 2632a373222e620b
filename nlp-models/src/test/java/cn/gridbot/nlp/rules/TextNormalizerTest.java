package cn.gridbot.nlp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  /** Verifies full-width forms, case and common traditional characters, one character for one. */
  @Test
  void normalizes() {
    assertEquals("3#楼abc", TextNormalizer.normalize("３＃楼ＡＢＣ"));
    assertEquals("龙首路一个商铺着火了 烟很大", TextNormalizer.normalize("龍首路一個商鋪著火了 煙很大"));
    assertEquals("窗户玻璃摇摇欲坠 大树倒在变压器上", TextNormalizer.normalize("窗戶玻璃搖搖欲墜 大樹倒在變壓器上"));
    assertEquals("和平小区3号楼", TextNormalizer.normalize("和平小區3號樓"));
    assertEquals("我妈腿摔断了刚出院 想申请家庭医生签约", TextNormalizer.normalize("我媽腿摔斷了剛出院 想申請家庭醫生簽約"));
    assertEquals("电梯上周关过人 老板不赔 损失财物", TextNormalizer.normalize("電梯上週關過人 老闆不賠 損失財物"));
    assertEquals("气得我冒烟", TextNormalizer.normalize("気得我冒烟"));
    assertEquals("雇主要负责吗", TextNormalizer.normalize("僱主要負責嗎"));
    assertEquals("着火了着火了 3号楼 快", TextNormalizer.normalize("着货了着货了 ３号楼 快"));
    assertEquals("热水器打不着火", TextNormalizer.normalize("热水器打不着货"));
    assertEquals("消防通道堆着货 跟着货车跑了 扛着货上楼", TextNormalizer.normalize("消防通道堆着货 跟着货车跑了 扛着货上楼"));
    assertEquals("", TextNormalizer.normalize(null));
  }

  /** Verifies that a circled list number stays apart from the digits after it (not "11单元"). */
  @Test
  void keepsCircledListNumbersApart() {
    assertEquals("4号楼:1、1单元灯不亮 2、2单元有人充电 10完", TextNormalizer.normalize("4号楼：①1单元灯不亮 ②２单元有人充电 ⑩完"));
    assertEquals("金都小区8号楼电梯", TextNormalizer.normalize("金都小区⑧号楼电梯"));
    assertEquals("no circles 3号楼", TextNormalizer.normalize("no circles 3号楼"));
  }
}
