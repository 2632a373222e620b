package cn.gridbot.nlp.classify;

/**
 * Normalises resident messages before feature extraction: full-width forms to half-width,
 * common traditional characters to simplified ones, Latin letters to lower case, emoji runs to a
 * single placeholder, whitespace runs to one space. Pure and thread-safe; no regular expressions,
 * one pass over the text.
 */
public final class ChineseNormalizer {
  /** Stands for a run of emoji in normalised text (a private-use character). */
  public static final char EMOJI = '\uE000';

  /**
   * Traditional → simplified pairs for characters residents actually type in reports. Not a full
   * converter (that would be OpenCC's job): only common one-to-one mappings, so that a message
   * typed on a traditional-Chinese keyboard shares features with the training data.
   */
  private static final String PAIRS =
      "電电燈灯樓楼號号區区門门開开關关問问題题鄰邻價价錢钱醫医藥药療疗護护報报盜盗竊窃騙骗賭赌詐诈違违"
          + "築筑環环衛卫髒脏臟脏蟲虫廣广車车輛辆壞坏損损遺遗氣气費费錶表壓压熱热災灾險险隱隐滅灭監监視视"
          + "記记錄录證证辦办業业會会請请謝谢給给這这個个們们來来說说話话時时間间還还沒没為为麼么樣样點点"
          + "裡里後后無无與与應应實实現现發发動动過过對对將将場场長长幾几網网愛爱國国學学書书寫写讀读聽听"
          + "見见認认識识語语讓让變变數数據据總总經经濟济裝装備备養养殘残難难幫帮務务紹绍幹干覺觉鐘钟頭头"
          + "腦脑擊击殺杀搶抢圍围攤摊販贩賣卖買买檢检驗验偽伪質质權权條条約约離离繼继產产勞劳資资糧粮農农"
          + "處处兒儿園园鐵铁橋桥術术燒烧聲声響响鬧闹飛飞線线鎖锁層层頂顶滲渗積积澇涝溝沟廁厕傳传診诊訴诉"
          + "訟讼師师導导領领員员組组織织劃划戶户補补貼贴歲岁獨独憐怜願愿館馆購购團团隊队聯联繫系係系雙双"
          + "單单鑰钥牆墙塊块磚砖蓋盖換换維维專专標标準准職职錯错誤误紅红綠绿黃黄藍蓝輕轻鬆松緊紧狀状況况"
          + "態态親亲議议滿满饋馈擾扰鍋锅飯饭飲饮廳厅龍龙幣币銀银貨货運运輸输遞递郵邮漲涨貴贵櫃柜機机構构"
          + "夥伙剛刚兩两隻只嗎吗麗丽灣湾異异顯显歡欢溫温濕湿風风雲云陽阳陰阴舊旧東东縣县鄉乡鎮镇莊庄廠厂"
          + "礦矿針针陳陈張张劉刘楊杨趙赵吳吴鄭郑孫孙馬马許许鄧邓蘇苏蔣蒋韓韩馮冯鍾钟紀纪體体癱瘫瘓痪喪丧"
          + "禮礼壽寿協协調调糾纠紛纷鬥斗毆殴傷伤詢询諮咨討讨論论計计設设雜杂亂乱擁拥擠挤廢废棄弃汙污噴喷"
          + "灑洒蒼苍蠅蝇緩缓覽览顧顾瀏浏寬宽帶带碼码簡简訊讯紙纸筆笔舉举級级齡龄償偿撥拨額额稅税貧贫癡痴"
          + "瘋疯鑒鉴彈弹槍枪煙烟霧雾濃浓閥阀淨净潔洁爐炉跡迹驚惊嚇吓罵骂膽胆戲戏劇剧樂乐藝艺參参衝冲屬属"
          + "寵宠貓猫繩绳牽牵髮发麵面溝沟壩坝決决畢毕險险盤盘築筑燙烫燈灯亞亚黨党員员幹干紀纪區区貸贷誰谁"
          + "辭辞辯辩鳥鸟魚鱼雞鸡鴨鸭豬猪隨随際际陸陆廟庙歷历曆历蘭兰鐘钟廚厨務务頻频顆颗廂厢窩窝樹树葉叶"
          + "壯壮堅坚搬搬攜携擴扩據据擇择掃扫攔拦撿捡擺摆孫孙軟软硬硬輪轮較较辦办運运邊边達达遠远適适選选";

  private static final char[] TABLE = buildTable();

  private ChineseNormalizer() {}

  private static char[] buildTable() {
    char[] table = new char[Character.MAX_VALUE + 1];
    for (int c = 0; c < table.length; c++) {
      table[c] = (char) c;
    }
    for (int i = 0; i + 1 < PAIRS.length(); i += 2) {
      table[PAIRS.charAt(i)] = PAIRS.charAt(i + 1);
    }
    return table;
  }

  /** Returns the normalised form of {@code text} (never null; null reads as empty). */
  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    int n = text.length();
    for (int i = 0; i < n; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0x3000 || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (isIgnorable(cp)) {
        continue;
      }
      char c;
      if (isEmoji(cp)) {
        c = EMOJI;
      } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
        c = (char) (cp - 0xFEE0);
      } else if (cp > 0xFFFF) {
        // Rare supplementary characters (CJK extension B...) pass through unchanged.
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
        continue;
      } else {
        c = TABLE[cp];
      }
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      }
      if (c == EMOJI && !pendingSpace && out.length() > 0
          && out.charAt(out.length() - 1) == EMOJI) {
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Zero-width joiners, variation selectors and control characters carry no meaning here. */
  private static boolean isIgnorable(int cp) {
    return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF
        || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0020 && cp <= 0xE007F)
        || Character.getType(cp) == Character.CONTROL;
  }

  static boolean isEmoji(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) // emoticons, pictographs, transport, supplemental
        || (cp >= 0x2600 && cp <= 0x27BF) // misc symbols, dingbats
        || (cp >= 0x2B00 && cp <= 0x2BFF) // stars, arrows used as emoji
        || cp == 0x203C || cp == 0x2049 || cp == 0x2122 || cp == 0x2139
        || (cp >= 0x2190 && cp <= 0x21FF) || (cp >= 0x2300 && cp <= 0x23FF)
        || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299
        || cp == EMOJI;
  }
}
