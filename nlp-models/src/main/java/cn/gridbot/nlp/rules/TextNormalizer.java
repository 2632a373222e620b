package cn.gridbot.nlp.rules;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one normalisation every rule sees: NFKC (full-width letters, digits and symbols such as
 * "３＃" become "3#"; a circled list number "①" becomes "1、"), lower case, and the traditional
 * characters residents most often type ("龍首路著火了" reads as "龙首路着火了"; one character for
 * one), and "着货", the way pinyin input and voice input most often misspell 着火, read as 着火 where it
 * is not goods ("着货了着货了 3号楼" is a fire; "堆着货", "扛着货", "跟着货车" stay). Thread-safe.
 */
public final class TextNormalizer {
  private static final String TRADITIONAL = "來著煙龍個鋪從賣頭門樓號單電燒氣燈區園陽華東裡裏傷見無沒搶殺發現這說們爺媽孫兒開關鎖邊塊壞斷線車網應聽醫動給讓還時間壓響嗎點報喚衝盜騙詐鬧鄰衛廁場滿處災險隱遲帶經舊層幾歲鐵錢麼樣對過後為會長業務廣聲熱涼養貓進運聯繫係錯總親歡臉腦風飯館麵藥療護嚇傳戶辦請問謝專圍塗漲價驗證據離資償勞約補貼條遠紀難幫該題準劃燙爛髒蟲廢舉擾騷亂嘩導倆滲濕暈癱絕撲滅觸擊閃鋼鍋竊賊鬥毆丟尋蹤綁監視攝費標簽壽貨質冊紙習團陰雲溫煖廳臺檯颱磚牆頂樑屬歸產讀寫畫藝術體檢査並衆眾於與頁領賬寬攤販擺佔誰認識極麗嚴實確聞濃嗆緊縣鎮鄉輛輪殘貧窮獨鍵盤廈噴錶颳掛搖懸湧濺鬆彎縫夾兩臥嚨爐嘔鐘竄躥欄橋趕隻紅綠藍黃夥屍淚圖書機窩鑽撥誤態棟礙撿順萬擋攔貴蓋跡剛飛癢滾蘭齊幹淨臟糧陸島鏈閥碼筆鳥雞豬魚雜錄帳隊際陳劉張趙馬楊吳鄭許韓傑強憂慮協調訴訟師獲級積雙歷凍結慣覺夢憶驚猶廚簾櫃貸債輸贏賭話語記腳駕駛擠壩築錘鑰窺獄罰稅銀買飲餓預測試員課學墜絲閘纜樹庫溝槍闖悶痙攣癲癇沖澆燻鳴側彈擁輕鬱劑階漢麽盞掙飄鏡窪澇灘濘淺灣變廠煉噝壇卻脫墻頸針鮮紮終蕩撐攪陣緩艱絆癒瘋夠週範損財內續樂異節闆閉遺賠掃気負責僱罵攆勸轟擡";
  private static final String SIMPLIFIED = "来着烟龙个铺从卖头门楼号单电烧气灯区园阳华东里里伤见无没抢杀发现这说们爷妈孙儿开关锁边块坏断线车网应听医动给让还时间压响吗点报唤冲盗骗诈闹邻卫厕场满处灾险隐迟带经旧层几岁铁钱么样对过后为会长业务广声热凉养猫进运联系系错总亲欢脸脑风饭馆面药疗护吓传户办请问谢专围涂涨价验证据离资偿劳约补贴条远纪难帮该题准划烫烂脏虫废举扰骚乱哗导俩渗湿晕瘫绝扑灭触击闪钢锅窃贼斗殴丢寻踪绑监视摄费标签寿货质册纸习团阴云温暖厅台台台砖墙顶梁属归产读写画艺术体检查并众众于与页领账宽摊贩摆占谁认识极丽严实确闻浓呛紧县镇乡辆轮残贫穷独键盘厦喷表刮挂摇悬涌溅松弯缝夹两卧咙炉呕钟窜蹿栏桥赶只红绿蓝黄伙尸泪图书机窝钻拨误态栋碍捡顺万挡拦贵盖迹刚飞痒滚兰齐干净脏粮陆岛链阀码笔鸟鸡猪鱼杂录账队际陈刘张赵马杨吴郑许韩杰强忧虑协调诉讼师获级积双历冻结惯觉梦忆惊犹厨帘柜贷债输赢赌话语记脚驾驶挤坝筑锤钥窥狱罚税银买饮饿预测试员课学坠丝闸缆树库沟枪闯闷痉挛癫痫冲浇熏鸣侧弹拥轻郁剂阶汉么盏挣飘镜洼涝滩泞浅湾变厂炼咝坛却脱墙颈针鲜扎终荡撑搅阵缓艰绊愈疯够周范损财内续乐异节板闭遗赔扫气负责雇骂撵劝轰抬";
  private static final char[] TO_SIMPLIFIED = new char[0x10000];
  private static final Pattern MISSPELT_FIRE =
      Pattern.compile("(?<![堆扛跟拉装卸送运提拿带接等收载背搬存压放])着货(?![车物架单款源品])");

  static {
    for (int i = 0; i < TRADITIONAL.length(); i++) {
      TO_SIMPLIFIED[TRADITIONAL.charAt(i)] = SIMPLIFIED.charAt(i);
    }
  }

  private TextNormalizer() {}

  /**
   * A circled number right before a digit opens an item of a list ("①1单元灯不亮 ②2单元…"); NFKC
   * would glue the two ("11单元"), so it becomes the number and a list mark ("1、1单元"). Elsewhere it
   * stays a digit ("⑧号楼" is 8号楼).
   */
  private static String circledAsListMarks(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u2460' && c <= '\u2473' && i + 1 < text.length() && isDigit(text.charAt(i + 1))) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(c - '\u2460' + 1).append('、');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  private static boolean isDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= '\uff10' && c <= '\uff19');
  }

  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    char[] cs = Normalizer.normalize(circledAsListMarks(text), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
        .toCharArray();
    for (int i = 0; i < cs.length; i++) {
      char s = TO_SIMPLIFIED[cs[i]];
      if (s != 0) {
        cs[i] = s;
      }
    }
    String out = new String(cs);
    return out.contains("着货") ? MISSPELT_FIRE.matcher(out).replaceAll("着火") : out;
  }
}
