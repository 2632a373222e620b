package cn.gridbot.nlp.place;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.nlp.Fixtures;
import cn.gridbot.nlp.rules.TextNormalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlaceExtractorTest {
  private final PlaceExtractor places = new PlaceExtractor(Fixtures.DIRECTORY, Fixtures.RULES.place());

  private static Place place(String compound, Integer building, Integer unit, String room, String segment) {
    return new Place(compound, building, unit, room, segment);
  }

  /** Verifies that every usual building / unit / room form is read. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "和平小区3号楼2单元401楼道灯坏了 | heping-xiaoqu | 3 | 2 | 401",
      "家里水管接头滴水 紫金苑5/1/201 | zijin-yuan | 5 | 1 | 201",
      "紫金苑5号楼 2024/11/26停水 | zijin-yuan | 5 | - | -",
      "和平小区3栋楼道灯坏了 | heping-xiaoqu | 3 | - | -",
      "单元门坏了关不上 和平小区幺号楼 锁舌都掉了 | heping-xiaoqu | 1 | - | -",
      "和平小区幺幺号楼 停电了 整栋楼都黑了 | heping-xiaoqu | 11 | - | -",
      "为啥别的小区都加装电梯了 我们和平小区到现在一栋都没装 | heping-xiaoqu | - | - | -",
      "和平小区一栋都没暖气 | heping-xiaoqu | 1 | - | -",
      "和平小区2号楼3单元 我们家是602 顶楼 屋顶漏雨 | heping-xiaoqu | 2 | 3 | 602",
      "楼口长报告 我们单元602的小伙子在家抽搐 口吐白沫 | - | - | - | 602",
      "阳光家园幺零号楼幺单元 暖气不热 | yangguang-jiayuan | 10 | 1 | -",
      "和平小区3幢门口有垃圾 | heping-xiaoqu | 3 | - | -",
      "和平小区3#楼下有坑 | heping-xiaoqu | 3 | - | -",
      "和平3#楼的路灯不亮 | heping-xiaoqu | 3 | - | -",
      "电梯又坏了 和平的10号楼 轮椅又得抬 | heping-xiaoqu | 10 | - | -",
      "紫金7-3电梯困人了 门打不开 | zijin-yuan | 7 | 3 | -",
      "屋里暖气阀门漏水 紫金7-2-301 | zijin-yuan | 7 | 2 | 301",
      "紫金社区7号楼楼道灯坏了 | - | 7 | - | -",
      "和平小区3号2单元门禁坏了 | heping-xiaoqu | 3 | 2 | -",
      "和平小区三号楼二单元 | heping-xiaoqu | 3 | 2 | -",
      "阳光家园十二号楼一单元暖气片冰凉 | yangguang-jiayuan | 12 | 1 | -",
      "阳光家园二十号楼 | yangguang-jiayuan | 20 | - | -",
      "阳光家园十五栋 | yangguang-jiayuan | 15 | - | -",
      "阳光家园１２号楼１单元 | yangguang-jiayuan | 12 | 1 | -",
      "和平小区３＃楼 | heping-xiaoqu | 3 | - | -",
      "和平小区3-2-401漏水 | heping-xiaoqu | 3 | 2 | 401",
      "和平小区3#2-502楼道灯不亮 | heping-xiaoqu | 3 | 2 | 502",
      "金都花园5号楼1单元1102的住户 | jindu-huayuan | 5 | 1 | 1102",
      "紫金苑7号楼3门502 | zijin-yuan | 7 | 3 | 502",
      "新华东里小区2号楼 | xinhua-dongli | 2 | - | -",
      "龙首大厦1号楼电梯坏了 | longshou-building | 1 | - | -",
      "和平家属院4号楼 | heping-xiaoqu | 4 | - | -",
      "金都小区3号楼402室 | jindu-huayuan | 3 | - | 402",
      "我住和平小区5号楼四零一室 | heping-xiaoqu | 5 | - | 401",
      "和平苑7#楼一楼配电箱 | heping-xiaoqu | 7 | - | -",
      "金都8号楼电梯 | jindu-huayuan | 8 | - | -",
      "阳光小區9號樓前面 | yangguang-jiayuan | 9 | - | -",
      "樓道燈壞了 金都花園4棟 | jindu-huayuan | 4 | - | -",
      "首饰现金都没了 已经报警了 新华东里6号楼1单元202 | xinhua-dongli | 6 | 1 | 202",
      "救命 电梯卡住了 和平小区…7号楼…2单元 按了警铃没人理 | heping-xiaoqu | 7 | 2 | -",
      "我在和平小区…那个９号楼…３单元 楼梯扶手松了 | heping-xiaoqu | 9 | 3 | -",
      "新华东里...2号楼......1单元...102 门禁坏了 | xinhua-dongli | 2 | 1 | 102",
      "温度3.5号楼那边最高 | - | - | - | -",
      "紫金小区2#楼 | zijin-yuan | 2 | - | -",
      "和平小区3好楼门口 | heping-xiaoqu | 3 | - | -",
      "新华东里3号楼的401 | xinhua-dongli | 3 | - | 401",
      "和平小区的3号 | heping-xiaoqu | 3 | - | -",
      "金都花园3—2—401 | jindu-huayuan | 3 | 2 | 401",
      "金都花园五号楼一单元一零二的李守义 | jindu-huayuan | 5 | 1 | 102",
      "紫金苑2号楼二单元幺零一 | zijin-yuan | 2 | 2 | 101",
      "龙首大厦2号楼 幺五零二 门口的楼道灯一直闪 | longshou-building | 2 | - | 1502",
      "yangguang jiayuan 3 hao lou 3 danyuan 601 de zhang nainai | yangguang-jiayuan | 3 | 3 | 601",
      "jin du hua yuan 1 hao lou di xia shi shui guan bao le | jindu-huayuan | 1 | - | -",
      "lou shang lou shui dao wo jia le  longshou dasha 2 hao lou 1 danyuan 1502 | longshou-building | 2 | 1 | 1502",
      "louxia linju tian tian chao jia  yangguang xiaoqu 5 hao lou | yangguang-jiayuan | 5 | - | -",
      "he ping xiao qu 9 hao lou | heping-xiaoqu | 9 | - | -",
      // Round 872: tone marks, English, keycaps, Roman and financial numerals, a head alone in pinyin.
      "Wǒ jiā tíng diàn le, jīn dū huā yuán 4 hào lóu 1 dān yuán | jindu-huayuan | 4 | 1 | -",
      "Heping Xiaoqu No.11 building, unit 3, the stairway handrail is broken | heping-xiaoqu | 11 | 3 | -",
      "I live in Longshou Building, 2nd tower, room 1205. The elevator is out | longshou-building | 2 | - | 1205",
      "Xinhua Dongli Bldg 6 Unit 1 Rm 502 — no hot water | xinhua-dongli | 6 | 1 | 502",
      "我家 1栋2单元1️⃣0️⃣2️⃣ 水表不走了 | - | 1 | 2 | 102",
      "紫金苑Ⅲ号楼 楼顶 防水层 烂了 | zijin-yuan | 3 | - | -",
      "新华东里 贰号楼 停水 | xinhua-dongli | 2 | - | -",
      "和平小区柒号楼 壹单元 暖气片 漏水 | heping-xiaoqu | 7 | 1 | -",
      "dianti huai le, jindu 3 hao lou 2 danyuan | jindu-huayuan | 3 | 2 | -",
      "we have 3 buildings here and i live in one | - | - | - | -",
      "五楼冒黑烟 火苗子都窜出来了 和平小区2号楼 119打了 赶紧通知楼里的人往下跑 | heping-xiaoqu | 2 | - | -",
      "娃把一锅开水拽翻了 浇了一身 阳光家园4号楼 120咋还不来 | yangguang-jiayuan | 4 | - | -",
      "我爸突然说话不清楚 我们在新华东里3号楼 120多久能到 | xinhua-dongli | 3 | - | -",
      "我妈在家突然晕倒了 叫不醒 紫金苑3号楼2单元 120说还要十几分钟 | zijin-yuan | 3 | 2 | -",
      "和平小区2号楼2单元 120马上到 | heping-xiaoqu | 2 | 2 | -",
      "和平小区2号楼 110 | heping-xiaoqu | 2 | - | 110",
      "401的王奶奶一个人住 隔着门听见她喊救命 和平小区3号楼2单元 | heping-xiaoqu | 3 | 2 | 401",
      "新华东里1号楼现在80岁以上独居的有三户，101的何奶奶、203的苏爷爷、502的老田 | xinhua-dongli | 1 | - | -",
      "Zijin-Yuan 5dong 2danyuan | zijin-yuan | 5 | 2 | -",
      "smoke is coming out of my neighbour's door, Zijin Yuan building 6 unit 1 | zijin-yuan | 6 | 1 | -",
      "the street light outside building 7 of Heping Xiaoqu | heping-xiaoqu | 7 | - | -",
      "楼顶防水坏了 新华东里3号楼2单元 顶楼602 | xinhua-dongli | 3 | 2 | 602",
      "有人在撬我隔壁的门 新华东里3号楼2单元，隔壁是302 | xinhua-dongli | 3 | 2 | 302",
      "独居的刘奶奶在屋里喊救命 金都花园3号楼2单元 她家是201 | jindu-huayuan | 3 | 2 | 201",
      "和平小区6号楼 我是502的 楼下402天天说我家漏水 | heping-xiaoqu | 6 | - | 502",
      "有人在楼道里养鸽子 鸽子屎到处都是 臭 和平小区12-2 | heping-xiaoqu | 12 | 2 | -",
      "那个那个紫金苑六好楼电梯里关了人了 | zijin-yuan | 6 | - | -",
      // A resident correcting a number: what follows the last correction wins.
      "新华东里5号楼 不是5号楼 是6号楼 楼顶冒烟了 | xinhua-dongli | 6 | - | -",
      "和平小区3号楼的电梯又停了 不对 是5号楼 我刚从3号楼过来搞混了 | heping-xiaoqu | 5 | - | -",
      "和平苑二号楼的单元门坏了 哦不是二号楼 是十二号楼 我说错了 | heping-xiaoqu | 12 | - | -",
      "紫金苑8号楼暖气不热 我家在一楼101 不是8号楼 我糊涂了 是9号楼 | zijin-yuan | 9 | - | 101",
      "新华东里２号楼１单元 不是１单元是２单元 楼上爆管了 | xinhua-dongli | 2 | 2 | -",
      "楼上漏水 我是金都花园3号楼1单元201 不是 我家是202 写错了 | jindu-huayuan | 3 | 1 | 202",
      "和平小区1号楼2单元402 楼上602 不对是502 漏水 | heping-xiaoqu | 1 | 2 | 402",
      "紫金苑3号楼 地下室管子爆了 不是我们楼 是对面5号楼的地下室 | zijin-yuan | 5 | - | -",
      "新华东里3号楼 楼道里一股臭味 不是煤气味 | xinhua-dongli | 3 | - | -",
  })
  void readsBuildingForms(String text, String compound, Integer building, Integer unit, String room) {
    assertEquals(place(compound, building, unit, room, null), places.extract(text));
  }

  /** Verifies that floors are neither rooms nor buildings. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "我住阳光家园3号楼17楼 电梯坏了 | yangguang-jiayuan | 3 | - | -",
      "我住17楼 电梯又坏了 | - | - | - | -",
      "和平小区5层楼道灯不亮 | heping-xiaoqu | - | - | -",
      "紫金苑2号楼3单元5楼 | zijin-yuan | 2 | 3 | -",
      "和平小区3号楼 17层 | heping-xiaoqu | 3 | - | -",
      "楼上502天天半夜蹦迪 | - | - | - | 502",
      "我住和平小区8号楼3单元5楼502 | heping-xiaoqu | 8 | 3 | 502",
      "打了120 还没来 住1102 | - | - | - | 1102",
      "花了300块 住在12楼 | - | - | - | -",
      "2024年我住这 | - | - | - | -",
      "楼下大姐喊 说302屋里往外冒烟 紫金苑6号楼 | zijin-yuan | 6 | - | 302",
      "1101那户天天往楼下扔东西 | - | - | - | 1101",
      "全区有105家超市 | - | - | - | -",
      "3-1的声控灯不灵了 | - | 3 | 1 | -",
      "一股煤气味 好像是从502传出来的 和平小区1号楼3单元 | heping-xiaoqu | 1 | 3 | 502",
      "楼栋长说：1号楼顶上的板子掉了 紫金苑的 | zijin-yuan | 1 | - | -",
      "3-1号开会 | - | - | - | -",
      "和平小区12-5号开会 | heping-xiaoqu | - | - | -",
      "和平小区 比分3-2 | heping-xiaoqu | - | - | -",
      "和平小区 11-26停水到几点 | heping-xiaoqu | - | - | -",
      "和平小区3号楼1单元有股煤气味 是从302门缝里出来的 | heping-xiaoqu | 3 | 1 | 302",
      "我是8号楼楼长 楼里502的老秦两天没下楼 | - | 8 | - | 502",
      "能不能去看看502的老奶奶 她一个人在家 | - | - | - | 502",
      "307的独居老太太好几天没见下楼了 紫金苑的 | zijin-yuan | - | - | 307",
      "买了200的奶粉 | - | - | - | -",
      "紫金苑4号楼402天天晚上一帮人打麻将 | zijin-yuan | 4 | - | 402",
      "和平小区3号楼402天了还没修 | heping-xiaoqu | 3 | - | -",
      "紫金苑7号楼1单元三楼 一股子煤气味 是302家门缝里出来的 | zijin-yuan | 7 | 1 | 302",
      "和平小区3号楼 楼下开了302家门店 | heping-xiaoqu | 3 | - | -",
      "今日巡楼 和平小区4号楼：①1单元灯不亮 ②2单元有两家把电瓶拿回家充电 | heping-xiaoqu | 4 | 1 | -",
  })
  void floorsAreNotRoomsOrBuildings(String text, String compound, Integer building, Integer unit, String room) {
    assertEquals(place(compound, building, unit, room, null), places.extract(text));
  }

  /** Verifies that one wrong or missing character in a longer name still finds the compound. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "和平小去3号楼有人乱扔垃圾 | heping-xiaoqu",
      "阳光加园门口路灯坏了 | yangguang-jiayuan",
      "金都化园8号楼 | jindu-huayuan",
      "紫金园门口有坑 | zijin-yuan",
      "新华东理小区 | xinhua-dongli",
      "阳光园5号楼 | yangguang-jiayuan",
      "院子里有人倒了烂菜叶子 俺们新化东里小区 | xinhua-dongli",
      "阳广家园3号楼 | yangguang-jiayuan",
      "合平小区4号楼2单元停水 | heping-xiaoqu",
      "今都花园3号楼门口的垃圾桶 | jindu-huayuan",
      "咋又停水了咧 也不通知一声 阳关家园6号楼 | yangguang-jiayuan",
      "电梯到现在还停着 也没人贴个通知 金豆花园六号楼 | jindu-huayuan",
      "垃圾桶满了没人倒 金度花园 | jindu-huayuan",
      "隔壁的狗一直叫 子金苑3号楼 | zijin-yuan",
      "紫荆苑4幢1单元门口 | zijin-yuan",
      "合平苑的路灯坏了 | heping-xiaoqu",
  })
  void toleratesTypos(String text, String compound) {
    assertEquals(compound, places.extract(text).compoundId());
  }

  /** Verifies that look-alikes of compound names are not read as typos. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "阳光小学门口有人卖过期零食",
      "和平路上的坑",
      "新华东路有个井盖没了",
      "紫金社区什么时候上班",
      "和平区那边的朋友",
      "和谐小区的垃圾",
      "和平饭店后面",
      "新化县来的亲戚",
      "阳扬得意地说",
      "合作小区的垃圾",
      "今天花园里的花开了",
      "家里被盗了 金首饰和现金都没了 想问小区监控能不能调",
      "尕老汉们的退休金都输进去了",
  })
  void lookAlikesAreNotCompounds(String text) {
    assertEquals(null, places.extract(text).compoundId(), text);
  }

  /** Verifies that a bare "3号" is a date, not a building, unless a compound or unit is next to it. */
  @Test
  void bareHaoIsADate() {
    assertEquals(Place.NONE, places.extract("12月3号停水吗"));
    assertEquals(Integer.valueOf(3), places.extract("和平小区3号停水了").building());
  }

  /** Verifies that a building number without a compound is kept. */
  @Test
  void keepsBuildingWithoutCompound() {
    assertEquals(place(null, 3, 2, null, null), places.extract("3号楼2单元楼道灯坏了"));
  }

  /**
   * Verifies that a building the sender takes back ("不是5号楼 是6号楼") gives way to the one that
   * follows; numerals misheard by voice input before 号楼 and 单元 ("山号楼", "衣单元"); and that
   * neither "一栋一栋" (one by one) nor "我们这一栋" (this building) nor "5号楼还是6号楼" (not sure which) nor "8号楼和9号楼中间" or "1号楼到2号楼中间" (between
   * two) names a building, nor "1单元和2单元" a unit, nor two flats named together a room; 栋, 幢 and 单元 misheard ("6东", "5撞", "2担元", "2单圆") where a building is
   * expected, and 紫禁苑 for 紫金苑.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "不是5号楼 是6号楼 和平小区的 楼道里堆满了纸箱 | heping-xiaoqu | 6 | -",
      "不是和平小区5号楼，是6号楼2单元，电梯又停了 | heping-xiaoqu | 6 | 2",
      "阳光家园3号楼 不对 4号楼 垃圾没人收 | yangguang-jiayuan | 4 | -",
      "金都小区5号楼 哦不 6号楼 又停水了 | jindu-huayuan | 6 | -",
      "是阳光家园十四号楼 哦不是 四号楼 3单元 | yangguang-jiayuan | 4 | 3",
      "紫金小区 哦不是 是新华东里 垃圾站那边臭得不行 | xinhua-dongli | - | -",
      "紫金小区 哦不对 垃圾站是好的 | zijin-yuan | - | -",
      "和平小区5号楼1单元，说错了，7号楼1单元 | heping-xiaoqu | 7 | 1",
      "这不是5号楼第一次停水了 和平小区 | heping-xiaoqu | 5 | -",
      "不是5号楼的问题 | - | 5 | -",
      "我是和平小区山号楼的 楼道的灯坏了 | heping-xiaoqu | 3 | -",
      "电梯卡住了 阳光家园实号楼衣单元 | yangguang-jiayuan | 10 | 1",
      "停水了 和平小区舞号楼 啥时候来水 | heping-xiaoqu | 5 | -",
      "窗户烂了 三单元 阳光小区留号楼 | yangguang-jiayuan | 6 | 3",
      "楼梯扶手松了 和平小区酒号楼 | heping-xiaoqu | 9 | -",
      "垃圾桶满了 羊光家园期号楼 | yangguang-jiayuan | 7 | -",
      "和平小区二期号楼后面 | heping-xiaoqu | - | -",
      "昨晚冒雨在和平小区一栋一栋敲门通知 | heping-xiaoqu | - | -",
      "停水停了两天了 我们这一栋老人多 提水提不动 | - | - | -",
      "和平小区 同一栋楼的邻居都说闻到了 | heping-xiaoqu | - | -",
      "他一个人住新华东里 好像是5号楼还是6号楼 记不清了 | xinhua-dongli | - | -",
      "阳光家园8号楼和9号楼中间那块空地 | yangguang-jiayuan | - | -",
      "紫金苑一号楼跟二号楼之间被人圈了块地种菜 | zijin-yuan | - | -",
      "小区工地的围挡把消防通道拦住了 新华东里1号楼到2号楼中间那条路 | xinhua-dongli | - | -",
      "小区热力站在改造 一单元二单元都不热 和平苑十一号楼 屋里十三度 | heping-xiaoqu | 11 | -",
      "本楼1单元、2单元楼道声控灯坏了 金都花园3号楼 | jindu-huayuan | 3 | -",
      "1单元和2单元为了下水管吵起来了 和平小区1号楼 | heping-xiaoqu | 1 | -",
      "和平小区1号楼2单元的声控灯坏了 | heping-xiaoqu | 1 | 2",
      "和平小区6号楼跟7号楼之间那个门禁大门坏了 | heping-xiaoqu | - | -",
      "阳光家园8号楼2单元和平时一样没水 | yangguang-jiayuan | 8 | 2",
      "阳光家园5号楼和6号楼都停水了 我家在5号楼2单元 | yangguang-jiayuan | 5 | 2",
      "新华东里2号楼和5号楼中间那个楼道门 坏了 是2号楼的门 | xinhua-dongli | 2 | -",
      "heping小区10号楼 垃圾站 好几天没清 | heping-xiaoqu | 10 | -",
      "和平小区3号楼2单远的楼到灯坏了 | heping-xiaoqu | 3 | 2",
      "和平家属院8号楼402和502为漏水的事都快打起来了 | heping-xiaoqu | 8 | -",
      "今天又开始响嘎吱嘎吱的新华东里5撞 | xinhua-dongli | 5 | -",
      "紫金苑6东的电梯按了半天不下来 | zijin-yuan | 6 | -",
      "蛆都出来咧紫金苑8东2单元 | zijin-yuan | 8 | 2",
      "放气也放咧还是不行紫金小区1号楼2担元 | zijin-yuan | 1 | 2",
      "楼道窗户玻离碎了风呼呼往进灌 紫金苑6号楼2单圆 | zijin-yuan | 6 | 2",
      "河平小区3号楼2单圆楼到灯不亮好几天了 | heping-xiaoqu | 3 | 2",
      "金都花园3栋2但愿 煤起味特别冲 整个楼到都是 | jindu-huayuan | 3 | 2",
      "暖气片是凉的 紫禁苑2号楼 | zijin-yuan | 2 | -",
      "我家在3东边那栋楼 | - | - | -",
      "垃圾直接堆地上 今都1号楼 | jindu-huayuan | 1 | -",
      "今天1号楼停水 | - | 1 | -",
      "龙首大厦3座一楼小饭馆用地沟油 | longshou-building | 3 | -",
      "有2座楼没有电梯 | - | - | -",
      "和平小区大门往东5东门旁边 | heping-xiaoqu | - | -",
  })
  void correctedBuilding(String text, String compound, Integer building, Integer unit) {
    assertEquals(place(compound, building, unit, null, null), places.extract(text), text);
  }

  /** Verifies that the place of something found in one point of a long message is that point's building. */
  @Test
  void placeAroundAMatch() {
    String t = TextNormalizer.normalize(
        "业委会反映：一、3号楼、5号楼电梯老坏；二、车库灯不亮；三、刚才5号楼1单元电梯又困人了；四、垃圾没人清。金都花园");
    assertEquals(place("jindu-huayuan", 3, 1, null, null), places.extract(t));
    assertEquals(place("jindu-huayuan", 5, 1, null, null), places.extractAround(t, t.indexOf("困人")));
    String one = TextNormalizer.normalize("和平小区3号楼2单元 楼道里着火了");
    assertEquals(places.extract(one), places.extractAround(one, one.indexOf("着火")));
    String later = TextNormalizer.normalize("我住和平小区3号楼。刚才看见7号楼冒黑烟");
    assertEquals(place("heping-xiaoqu", 7, null, null, null), places.extractAround(later, later.indexOf("冒黑烟")));
  }

  /**
   * Verifies that the sender's own address ("我住…", "我家是…的") gives way to a building or street named
   * after it where the problem is, a building alone there keeping the address's compound; and that the
   * address stands when nothing follows it, or when the street was named before it.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "我住和平小区7号楼 我家有暖气 是4号楼整栋都不热 | heping-xiaoqu | 4 | - | - | -",
      "我住紫金苑 但这个事是新华路上的 路灯坏了一整排 | - | - | - | - | xinhua-lu",
      "我住阳光家园5号楼 隔壁3号楼3单元601的张奶奶一个人住 | yangguang-jiayuan | 3 | 3 | 601 | -",
      "我不住那 我住金都1号楼 是我去和平小区10号楼3单元送东西 闻着一股煤气味 | heping-xiaoqu | 10 | 3 | - | -",
      "我家是金都花园2号楼的 今天去6号楼找朋友 6号楼电梯卡在四楼五楼中间 | jindu-huayuan | 6 | - | - | -",
      "我住和平小区3号楼2单元 楼道灯坏了两天了 | heping-xiaoqu | 3 | 2 | - | -",
      "我住3号楼2单元 和平小区的 楼道灯坏了 | heping-xiaoqu | 3 | 2 | - | -",
      "龙首路步行街的烧烤摊 烟熏得楼上窗户都不敢开 我住龙首大厦2号楼 | longshou-building | 2 | - | - | longshou-lu",
      "3号楼 不对 5号楼 阳光家园的 电梯又停了 我是说5号楼 | yangguang-jiayuan | 5 | - | - | -",
      "我住和平小区12号楼 金都花园门口天天有人摆摊卖菜 把路都堵了 | jindu-huayuan | - | - | - | -",
      "我是紫金苑的 和平小区门口那家馒头店用的面粉过期了 | heping-xiaoqu | - | - | - | -",
      "我住紫金苑3号楼 后面那栋楼的楼道灯坏了半个月 | zijin-yuan | - | - | - | -",
      "我住紫金苑3号楼 楼道灯坏了半个月 后面那家装修也吵 | zijin-yuan | 3 | - | - | -",
      "我在阳光家园住 昨天去金都花园门口那家凉皮店吃了 全家拉肚子 | jindu-huayuan | - | - | - | -",
      "我在和平小区…那个９号楼…３单元 楼梯扶手松了 | heping-xiaoqu | 9 | 3 | - | -",
      "不是龙首大厦门口 是龙首路步行街上 有根电线掉下来了 | - | - | - | - | longshou-lu",
      "我刚才说错了 不是阳光家园 是新华东里 | xinhua-dongli | - | - | - | -",
      "不是和平小区5号楼，是6号楼2单元，电梯又停了 | heping-xiaoqu | 6 | 2 | - | -",
  })
  void theSendersOwnAddressGivesWayToThePlaceOfTheProblem(String text, String compound, Integer building,
      Integer unit, String room, String segment) {
    assertEquals(place(compound, building, unit, room, segment), places.extract(text), text);
  }

  /**
   * Verifies that the building next to the compound's name wins, and that neither the end of a range nor two
   * buildings with the place between them ("3号楼和5号楼之间") names a building.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "群里说9号楼暖气调好了，紫金苑5号楼还是凉的 | zijin-yuan | 5",
      "不光3号楼，阳光家园11号楼昨晚也丢了电瓶 | yangguang-jiayuan | 11",
      "【和平小区1—6号楼明日停电通知】那我们7号楼呢 | heping-xiaoqu | 7",
      "通知只写了1到5号楼 我们6号楼呢 和平小区 | heping-xiaoqu | 6",
      "和平小区3号楼和5号楼之间的路灯坏了 | heping-xiaoqu | -",
      "阳光家园5号楼和6号楼停水了 | yangguang-jiayuan | 5",
      // Round 891: a run of buildings "一号楼到三号楼" names none of them.
      "拆房子的扬尘把我们小区的树叶都盖成灰色的了 紫金小区一号楼到三号楼这一排全是 | zijin-yuan | -",
      "灭火器都过期了 新华东里1号楼至6号楼全是2019年的 | xinhua-dongli | -",
  })
  void buildingNextToTheCompound(String text, String compound, Integer building) {
    assertEquals(place(compound, building, null, null, null), places.extract(text), text);
  }

  /**
   * Verifies that a street named only as the way someone went off ("往新华路那边跑了"), as hearsay
   * ("听说龙首路那边…") or denied ("不是龙首路") is not the place when a compound is named; a road
   * "往…去的" or with no compound still counts.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "上午有个人在紫金苑门口抢了一个老太太的包 往新华路那边跑了 老太太没受伤 | zijin-yuan | -",
      "有人在和平小区8号楼车棚偷电动车 朝桂林路方向去了 | heping-xiaoqu | -",
      "和平小区门口往桂林路去的那个路口 红绿灯坏了 | heping-xiaoqu | guilin-lu",
      "有人抢了包 往新华路那边跑了 | - | xinhua-lu",
      // Round 888: news heard from a street, and a street denied, next to the compound of the report.
      "听说龙首路那边有个楼电梯困人了 我们楼电梯也老是咯噔咯噔响 能不能来检查一下 金都花园1号楼 | jindu-huayuan | -",
      "听说昨天龙首路那边有个井盖塌了 是真的吗 我们小区门口的井盖也晃 金都花园大门口 | jindu-huayuan | -",
      "我刚才把名字写错了 是龙首商住楼 不是龙首路 一楼那个理发店的招牌快掉了 | longshou-building | -",
      "听说桂林路那边有个井盖裂了 我没亲眼看见 | - | guilin-lu",
      "坑不在桂林路 我也说不清在哪 | - | guilin-lu",
  })
  void aHeadingIsNotThePlace(String text, String compound, String segment) {
    Place got = places.extract(text);
    assertEquals(compound, got.compoundId(), text);
    assertEquals(segment, got.segmentId(), text);
  }

  /** Verifies street segments by name and alias, and that a street's own name is not a segment. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "龙首路上路灯不亮 | longshou-lu",
      "貴林路公交站的长椅坏了 | guilin-lu",
      "更正一下，坑不在桂林路，是在新华路上，邮局对面 | xinhua-lu",
      "坑不在桂林路 | guilin-lu",
      "龙首路步行街有人占道经营 | longshou-lu",
      "新华路东段有个大坑 | xinhua-lu",
      "桂林路垃圾没人清 | guilin-lu",
      "桂林路街道办事处几点上班 | -",
      "xinhualu de ludeng bu liang le | xinhua-lu",
      "ren yun dao le zai longshou lu buxingjie | longshou-lu",
      "guilin lu xiu lu | guilin-lu",
      "xin hua lu dong duan na ge dian xiang men kai zhe | xinhua-lu",
      "xinhuas new road | -",
      "新化路上一根路灯杆让车撞歪了 | xinhua-lu",
      "龙手路步行街有人摆摊 | longshou-lu",
      "贵林路的垃圾没人清 | guilin-lu",
      "桂林陆人行道砖翘起来一大片 | guilin-lu",
      "新华东路有个井盖没了 | -",
      "建议龙首步行街旺季晚上开放到十一点 | longshou-lu",
      "外地人想逛龙首步行街 | longshou-lu",
      "桂林路 不对 是龙首路 有个路灯杆子上的灯罩掉了 | longshou-lu",
      "人行道砖翘起来了 在桂林路 哦不是 是龙首路 | longshou-lu",
      "我本来以为是桂林路 问了下原来那条叫新华路 路中间的井盖碎了一半 | xinhua-lu",
      "桂林路 不对 路灯是好的 | guilin-lu",
  })
  void readsSegments(String text, String segment) {
    assertEquals(segment, places.extract(text).segmentId());
  }

  /**
   * Verifies the "sender at home" cue, and that another place or person overrules it; 有人 asked
   * for ("能不能有人来") is a helper, not someone else, while 有人 reported is.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "我妈发烧三天了 能不能请医生上门看看 | true",
      "家里老人摔了一跤 | true",
      "我爸在龙首路上摔倒了 | false",
      "楼道灯坏了 | false",
      "血压高 平时要注意什么 | true",
      "隔壁王奶奶好几天没出门了 | false",
      "3号楼有个老人发烧 | false",
      "我腿脚不好 一个人住 能不能有人来看看我 | true",
      "社区有没有人能上门给卧床老人换胃管 | true",
      "有人发烧咳嗽好几天了 | false",
  })
  void atHome(String text, boolean atHome) {
    assertEquals(atHome, places.atHome(text, places.extract(text)), text);
  }
}
