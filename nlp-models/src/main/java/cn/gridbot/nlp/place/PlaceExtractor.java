package cn.gridbot.nlp.place;

import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Compound;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Segment;
import cn.gridbot.handlers.directory.Street;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.nlp.rules.PlaceRules;
import cn.gridbot.nlp.rules.Prefilter;
import cn.gridbot.nlp.rules.TextNormalizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the place a message states, against the {@link Directory}: a compound by name, alias, a
 * one-character typo or its short head before a building number ("和平3#楼", "紫金7-3", "和平的7号楼"); a building, unit
 * and room in the usual forms ("3号楼2单元401", "3-2-401", "十二号楼", "3栋", "3#"); a street
 * segment by name or alias. Floors ("17楼", "5层") are neither buildings nor rooms.
 *
 * <p>Immutable and thread-safe once built; every pattern is compiled in the constructor.
 */
public final class PlaceExtractor {
  private static final char BLANK = '□';
  /** Ends of a sentence or of a numbered point in a list ("一、…；二、…"). */
  private static final String POINT_ENDS = "。！!？?；;\n";
  /** Generic endings of compound names; what is left is a name's head ("和平", "阳光"). */
  private static final Pattern GENERIC_SUFFIX =
      Pattern.compile("(小区|花园|家园|苑|东里|西里|商住楼|大厦|家属院|公寓|新村)$");
  /** Between building, unit and room: a dash, 的, or an ellipsis ("7号楼…2单元", NFKC-normalised to "..."). */
  private static final String SEP = "\\s*(?:[-—－的]|\\.{2,})?\\s*";
  /** Not inside a longer number or a decimal ("3.5号" is no building); an ellipsis before is fine. */
  private static final String NO_NUMBER_BEFORE = "(?<!\\d)(?<!\\d\\.)";
  private static final String NOT_A_QUANTITY = "(?![\\d年元块米平度个人次分秒斤号层岁月/]|天(?!天)|\\s*层)";
  /** An emergency number told as called or coming ("和平小区2号楼 119打了"), not a flat. */
  private static final String NOT_A_HOTLINE =
      "(?!(?:110|119|120|122)\\s*(?:打|拨|来了|已经|也|电话|报警|急救|到了|的车|马上|咋|怎么|还|呢|啥时|什么时|快|叫|救护|车|在路上|多久|多长时间|几分钟|说|让|问|那边|接线))";
  /** Building, unit and room as "3-2-401", "3#2-401" or "5/1/201". */
  private static final Pattern DASHED = Pattern.compile(
      NO_NUMBER_BEFORE + "(\\d{1,3})\\s*(?:[-—#]\\s*(\\d{1,2})\\s*[-—]|/\\s*(\\d{1,2})\\s*/)\\s*(\\d{3,4})(?![\\d/])");
  /** Building and unit as "3-1" where a place is spoken of ("3-1的声控灯", "3-1楼道"). */
  private static final Pattern SHORT_DASHED = Pattern.compile(
      "(?<![\\d.:/-])(\\d{1,2})\\s*[-—]\\s*(\\d{1,2})(?![\\d\\-—])(?=\\s*(?:的|楼道|单元|门口|楼梯|电梯|声控|这|那))");
  /**
   * Building and unit as "12-2" anywhere, the unit one digit (so "11-26" is no place); taken only
   * right after a compound's name ("和平小区12-2").
   */
  private static final Pattern BARE_SHORT_DASHED = Pattern.compile(
      "(?<![\\d.:/-])(\\d{1,2})\\s*[-—]\\s*(\\d)(?![\\d\\-—.:/号])");
  /** 单元 and the ways voice input mishears it. */
  private static final String UNIT_WORD = "(?:单元|单远|担元|单圆|单园|但愿)";
  private static final Pattern BUILDING = Pattern.compile(
      NO_NUMBER_BEFORE + "(?<!\\d:)(\\d{1,3})\\s*(号楼|好楼|栋楼?|幢楼?|#楼?|号(?![线路车院房码])|[东冬](?![门边侧面头区路街西南北方])|撞(?![到了倒伤车见上])|座(?![位机椅谈右]))"
          + "(?:" + SEP + "(\\d{1,2})\\s*(" + UNIT_WORD + "|门(?![口前外面店市诊卫岗]))|\\s*[-—]\\s*(\\d{1,2})(?=\\s*[-—]))?"
          + "(?:" + SEP + NOT_A_HOTLINE + "(\\d{3,4})" + NOT_A_QUANTITY + "(?:\\s*(?:室|户))?)?");
  private static final Pattern UNIT = Pattern.compile(
      NO_NUMBER_BEFORE + "(\\d{1,2})\\s*" + UNIT_WORD + "(?:" + SEP + NOT_A_HOTLINE + "(\\d{3,4})" + NOT_A_QUANTITY + ")?");
  /** A second unit right after one ("1单元和2单元", "一单元二单元都不热", "1单元、2单元"): neither is the place. */
  private static final Pattern ANOTHER_UNIT_AFTER = Pattern.compile(
      "\\s*(?:[和跟与、,，及/]|到|至)?\\s*\\d{1,2}\\s*" + UNIT_WORD);
  private static final Pattern ROOM = Pattern.compile(NO_NUMBER_BEFORE + "(\\d{3,4})\\s*(?:室|房间|号房)");
  /** A bare flat number ("住502", "楼上1102的") where a flat number is usual: floor, then 01-12. */
  private static final Pattern FLAT = Pattern.compile(
      "(?:住在?|家住|(?:我们?|俺)家是?|[她他]家是|我是|(?:楼上|楼下|对门|隔壁|对面)是?|楼里|顶楼|顶层|\\d[楼层])\\s*((?:[1-9]|[1-3]\\d)(?:0[1-9]|1[0-2]))(?!\\d)"
          + "(?![年元块米平度个人次分秒斤号层岁楼%]|天(?!天))");
  /**
   * A bare flat number before the home it names ("302屋里往外冒烟", "502家漏水", "1101那户", "从502传出来"),
   * or before the person who lives there ("502的老奶奶", "307的独居老太太").
   */
  private static final Pattern FLAT_BEFORE = Pattern.compile(
      "(?<![\\d.:-])((?:[1-9]|[1-3]\\d)(?:0[1-9]|1[0-2]))\\s*(?=屋里|屋子|门缝|家里|家(?![店商公企单超餐饭]|具|电|门[店市面])|那家|那户|这户|住户|的门|门口|传出|传来|飘出|冒出|那边|那儿|的(?:独居|孤寡|空巢)?(?:[王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟万段雷钱汤尹黎易常武乔贺赖龚文])?(?:老奶奶|老太太|老太|老大爷|老爷子|老头|老人|奶奶|爷爷|大爷|大妈|大娘|阿姨|住户|邻居|租户|那家|那户|人家|小伙子|小伙|小姑娘|姑娘|男的|女的|两口子|老两口))");
  /** Just before a building number: the start of a range ("1—", "1到", "3至"). */
  private static final Pattern RANGE_BEFORE = Pattern.compile("\\d\\s*(?:[—\\-－~～]|到|至)\\s*$");
  /** A denial just before a street segment: "不在桂林路", "不是新华路", "我本来以为是桂林路". */
  private static final Pattern DENIED_BEFORE = Pattern.compile("(?:不在|不是|以为是)\\s*$");
  /** Hearsay just before a street segment: "听说龙首路那边…", "据说昨天新华路…". */
  private static final Pattern HEARSAY_BEFORE =
      Pattern.compile("(?:听说|据说|听人说)(?:昨天|今天|前几天|前两天|上周|刚才)?\\s*$");
  /**
   * "往", "朝", "向" just before a segment, and someone going off after it ("跑", "去了"): a heading,
   * not a place; "往桂林路去的那个路口" still names the road.
   */
  private static final Pattern HEADING_BEFORE = Pattern.compile("(?:往|朝|向)\\s*$");
  private static final Pattern HEADING_AFTER =
      Pattern.compile("\\s*(?:那边|那头|那个方向|方向)?\\s*(?:跑|逃|溜|(?:去|走|开)了)");
  /**
   * A resident correcting a number ("新华东里5号楼 不是5号楼 是6号楼", "不对 是8号楼", "不是１单元是２单元",
   * "哦不是二号楼 是十二号楼", "我糊涂了 是9号楼"), read once numerals are digits: the numbers after
   * the last correction replace those before it.
   */
  private static final Pattern CORRECTED = Pattern.compile("(?:不是[^。！？!?]{0,10}?[ ，,、]*(?:我说的)?是"
      + "|不对[ ，,]*(?:我说的|应该)?是|(?:说错了|写错了|搞错了|搞混了|糊涂了|弄错了)[ ，,]*(?:应该)?是)"
      + "(?=[^，。！？；,.!?; ]{0,6}\\d)");
  /** A three- or four-digit number standing alone. */
  private static final Pattern FLAT_NUMBER = Pattern.compile("(?<!\\d)(\\d{3,4})(?!\\d)");
  /** A flat number alone right after a correction: "不是 我家是202". */
  private static final Pattern FLAT_ALONE = Pattern.compile("^[^，。！？；,.!?; \\d]{0,4}(\\d{3,4})(?![\\d号楼栋幢#单元])");
  /** A second flat right after one: "402和502", "301、302". */
  private static final Pattern OTHER_FLAT_AFTER =
      Pattern.compile("\\s*(?:和|跟|与|、|还有)\\s*\\d{3,4}(?!\\d)");
  /** Another building offered right after one: "5号楼还是6号楼" (the sender is not sure). */
  private static final Pattern EITHER_AFTER =
      Pattern.compile("\\s*(?:还是|或者|或是|或)\\s*\\d{1,3}\\s*(?:号楼|栋|幢|号)");
  /**
   * Another building named together with one, the place lying between or across them: "8号楼和9号楼中间",
   * "2号楼和3号楼的楼顶都在漏" (neither building is the place).
   */
  private static final Pattern BOTH_AFTER =
      Pattern.compile("\\s*(?:(?:和|跟|与|同)\\s*\\d{1,3}\\s*(?:号楼|栋|幢|#)楼?的?"
          + "(?=\\s*(?:中间|之间|当中|那块|那边|这块|交界|都))"
          + "|(?:到|至)\\s*\\d{1,3}\\s*(?:号楼|栋|幢|#))");
  /**
   * The sender's own address as the sender gives it: "我住和平小区7号楼", "我家是金都花园2号楼的",
   * "我在阳光家园住", "我住紫金苑" (up to the building, unit and flat, or the compound's name).
   */
  private static final Pattern HOME = Pattern.compile(
      "(?:我|俺)(?:家(?:就)?(?:住在?|在|是)|(?:就)?住在?|是(?![说问讲])|在(?=[^\\s，。！？!?；;、]{2,16}?住))"
          + "(?:[^\\s，。！？!?；;、]{0,8}?(?:\\d+|[０-９]+|[一二三四五六七八九十两]+)\\s*(?:号楼|號樓|栋|棟|幢|#)"
          + "(?:\\s*(?:\\d+|[０-９]+|[一二三四五六七八九十])\\s*单元)?(?:\\s*(?:\\d{3,4}|[０-９]{3,4})(?:室|号)?)?"
          + "|[^\\s，。！？!?；;、\\d]{2,6}?(?:小区|小區|家园|家園|花园|花園|东里|東里|大厦|大廈|苑|商住楼|家属院))");
  /** A building named only by where it stands from the sender's: "后面那栋楼", "旁边那栋". */
  private static final Pattern NEXT_DOOR = Pattern.compile("(?:后面|旁边|对面|隔壁|前面|前头|后头)那?(?:一)?(?:栋|幢|座)楼?");
  /**
   * A correction right after a building or a name: "5号楼 不对 6号楼", "5号楼，说错了，是6号楼",
   * "十四号楼 哦不是 四号楼", "桂林路 不对 是龙首路", "紫金小区 哦不是 是新华东里".
   */
  private static final Pattern CORRECTION_AFTER =
      Pattern.compile("[\\s，,。.]*(?:(?:哦|噢|喔|呃)[\\s，,]*不(?:对|是)?|不对|说错了|写错了|打错了|错了)");
  /** A room stated on its own, tried in this order: "401室", "住502", "302屋里". */
  private static final List<Pattern> ROOM_FORMS = List.of(ROOM, FLAT, FLAT_BEFORE);
  /** Likely pinyin-input slips: a character of a place name and those that sound like it ("紫金园" for 紫金苑, "新化路" for 新华路). */
  private static final Map<Character, String> SOUNDS_ALIKE = Map.ofEntries(
      Map.entry('苑', "园院远元圆源原"), Map.entry('园', "苑院元圆原远源"), Map.entry('区', "去曲屈趋渠"),
      Map.entry('里', "理李礼"), Map.entry('华', "化花滑划桦"), Map.entry('光', "广关"),
      Map.entry('金', "今津斤荆荊京晶锦紧禁进劲近"), Map.entry('都', "督嘟度渡读杜豆逗"),
      Map.entry('平', "苹萍评坪瓶"), Map.entry('和', "合河禾何"),
      Map.entry('首', "手守寿"), Map.entry('阳', "杨扬洋羊"), Map.entry('家', "加佳嘉"),
      Map.entry('新', "心欣辛鑫"), Map.entry('龙', "隆笼聋"), Map.entry('桂', "贵柜跪"),
      Map.entry('林', "琳霖临淋"), Map.entry('紫', "子字自仔"), Map.entry('路', "陆露录鹿"));

  private final PlaceRules rules;
  private final List<Name<Compound>> compoundNames;
  private final List<Name<Segment>> segmentNames;
  private final List<String> maskedNames;
  private final List<Head> heads;
  private final List<Spelling> spellings;
  /** Skips the long {@code elsewhere} alternation when none of its words is in a message. */
  private final Prefilter elsewhere = new Prefilter();
  private final int elsewhereSlot;

  private record Name<T>(String text, T target) {}

  private record Head(String head, Pattern pattern, Compound compound) {}

  private record Found<T>(T target, int start, int end) {}

  /** A place spelled in pinyin or English, rewritten in Chinese before anything else is read. */
  private record Spelling(Pattern latin, String replacement) {}

  /**
   * Pinyin or English for the building and unit markers ("3 hao lou", "2danyuan", "5 dong",
   * "building 7", "unit 1").
   * Applied only to text that has Latin letters.
   */
  private static final List<Spelling> MARKERS = List.of(
      new Spelling(Pattern.compile("(\\d{1,3})\\s*hao\\s*lou(?![a-z])"), "$1号楼"),
      new Spelling(Pattern.compile("(\\d{1,2})\\s*dan\\s*yuan(?![a-z])"), "$1单元"),
      new Spelling(Pattern.compile("(\\d{1,3})\\s*(?:dong|zhuang)(?![a-z])"), "$1栋"),
      new Spelling(Pattern.compile(
          "(?<![a-z])(?:building|bldg\\.?|block|tower)\\s*(?:no\\.?\\s*)?(\\d{1,3})(?!\\d)"), "$1号楼"),
      // "no.11 building", "2nd tower"
      new Spelling(Pattern.compile(
          "(?<![a-z\\d])(?:no\\.?\\s*)?(\\d{1,3})\\s*(?:st|nd|rd|th)?\\s*(?:building|bldg|tower)(?![a-z])"), "$1号楼"),
      new Spelling(Pattern.compile(
          "(?<![a-z])unit\\s*(?:no\\.?\\s*)?(\\d{1,2})(?!\\d)"), "$1单元"),
      new Spelling(Pattern.compile(
          "(?<![a-z])(?:rm|room|apt|flat)\\.?\\s*(?:no\\.?\\s*)?(\\d{3,4})(?!\\d)"), "$1室"));

  /** Roman numerals one to twelve, which NFKC has spelled in letters ("紫金苑Ⅲ号楼" → "iii号楼"). */
  private static final List<String> ROMAN =
      List.of("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii");
  private static final Pattern ROMAN_BEFORE_MARKER =
      Pattern.compile("(?<![a-z])(xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)(?=\\s*(?:号楼|栋|幢|单元))");

  /** Usual endings of compound names and aliases, in pinyin. */
  private static final Map<String, String> PINYIN_SUFFIXES = Map.of(
      "xiaoqu", "小区", "dasha", "大厦", "huayuan", "花园", "jiayuan", "家园", "jiashuyuan", "家属院",
      "yuan", "苑", "dongli", "东里");

  public PlaceExtractor(Directory directory, PlaceRules rules) {
    Objects.requireNonNull(directory, "directory == null");
    this.rules = Objects.requireNonNull(rules, "rules == null");
    this.compoundNames = longestFirst(directory.compoundNames());
    this.segmentNames = longestFirst(directory.segmentNames());
    List<String> masked = new ArrayList<>();
    masked.add(directory.districtName());
    directory.streets().stream().map(Street::name).forEach(masked::add);
    directory.communities().stream().map(Community::name).forEach(masked::add);
    masked.replaceAll(TextNormalizer::normalize);
    masked.sort(Comparator.comparingInt(String::length).reversed());
    this.maskedNames = List.copyOf(masked);
    this.heads = heads(directory);
    this.spellings = spellings(directory);
    this.elsewhereSlot = elsewhere.add(rules.elsewhere());
    elsewhere.build();
  }

  private static <T> List<Name<T>> longestFirst(Map<String, T> names) {
    List<Name<T>> out = new ArrayList<>();
    names.forEach((n, t) ->
        out.add(new Name<>(ChineseNumerals.toArabic(TextNormalizer.normalize(n)), t)));
    out.sort(Comparator.comparingInt((Name<T> n) -> n.text().length()).reversed());
    return List.copyOf(out);
  }

  /**
   * Compounds and segments spelled by their id, which is pinyin in a district's directory
   * ("yangguang jiayuan", "xinhualu", "longshou-lu" → 阳光家园, 新华路, 龙首路), then the markers.
   */
  private static List<Spelling> spellings(Directory directory) {
    List<Spelling> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    directory.compounds().forEach(c -> names.put(c.id(), c.name()));
    directory.segments().forEach(s -> names.put(s.id(), s.name()));
    names.forEach((id, name) -> {
      String[] parts = id.toLowerCase(Locale.ROOT).split("-");
      StringBuilder re = new StringBuilder("(?<![a-z])");
      for (int i = 0; i < parts.length; i++) {
        re.append(i == 0 ? "" : "[\\s-]*").append(spaced(parts[i]));
      }
      re.append("(?![a-z])");
      out.add(new Spelling(Pattern.compile(re.toString()), Matcher.quoteReplacement(name)));
      // The head in pinyin, the rest in characters ("heping小区", "guilin路").
      if (parts.length > 1 && name.length() > 2) {
        out.add(new Spelling(Pattern.compile("(?<![a-z])" + spaced(parts[0]) + "(?=\\s*"
            + Pattern.quote(TextNormalizer.normalize(name.substring(2))) + ")"), Matcher.quoteReplacement(name.substring(0, 2))));
        // The head alone in pinyin right before a building number ("jindu 10 hao lou").
        out.add(new Spelling(Pattern.compile("(?<![a-z])" + spaced(parts[0])
            + "(?=\\s*\\d{1,3}\\s*(?:hao\\s*lou|号楼|栋|幢|dong(?![a-z])))"), Matcher.quoteReplacement(name.substring(0, 2))));
        // The head and a usual suffix both in pinyin ("longshou dasha", "yangguang xiaoqu"): written
        // in characters, the name or alias is then found as any other.
        PINYIN_SUFFIXES.forEach((pinyin, chinese) -> out.add(new Spelling(Pattern.compile("(?<![a-z])"
            + spaced(parts[0]) + "[\\s-]*" + spaced(pinyin) + "(?![a-z])"),
            Matcher.quoteReplacement(name.substring(0, 2) + chinese))));
      }
    });
    // Longer ids first, so that "longshou-lu" is not read as part of another spelling.
    out.sort(Comparator.comparingInt((Spelling sp) -> sp.latin().pattern().length()).reversed());
    out.addAll(MARKERS);
    return List.copyOf(out);
  }

  /** Whether {@code t} has a character in {@code first}…{@code last}. */
  private static boolean hasCharIn(String t, char first, char last) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c >= first && c <= last) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern TONE_MARKS = Pattern.compile("(?<=[a-z])[\\u0300-\\u036f]+");
  /** A keycap digit ("1️⃣0️⃣2️⃣"): the digit, then an optional variation selector and the keycap mark. */
  private static final Pattern KEYCAP = Pattern.compile("(?<=\\d)\\ufe0f?\\u20e3");

  /** A pinyin word that matches with a space or none between its letters ("jin du", "jindu"). */
  private static String spaced(String word) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      re.append(i == 0 ? "" : "\\s?").append(Pattern.quote(String.valueOf(word.charAt(i))));
    }
    return re.toString();
  }

  /** {@code t} with places spelled in pinyin rewritten in Chinese; {@code t} itself when it has no Latin letter. */
  private String fromPinyin(String t) {
    if (!hasCharIn(t, 'a', 'z')) {
      return t;
    }
    // Pinyin with tone marks ("jīn dū huā yuán": à … ǜ) is read as without them.
    String out = hasCharIn(t, '\u00e0', '\u01dc') ? TONE_MARKS.matcher(Normalizer.normalize(t, Normalizer.Form.NFD)).replaceAll("") : t;
    for (Spelling sp : spellings) {
      out = sp.latin().matcher(out).replaceAll(sp.replacement());
    }
    out = ROMAN_BEFORE_MARKER.matcher(out).replaceAll(m -> String.valueOf(ROMAN.indexOf(m.group(1)) + 1));
    return out;
  }

  private static List<Head> heads(Directory directory) {
    Map<String, Compound> byHead = new HashMap<>();
    Map<String, Boolean> shared = new HashMap<>();
    directory.compoundNames().forEach((name, c) -> {
      String head = GENERIC_SUFFIX.matcher(TextNormalizer.normalize(name)).replaceAll("");
      if (head.length() >= 2) {
        Compound prev = byHead.putIfAbsent(head, c);
        if (prev != null && !prev.id().equals(c.id())) {
          shared.put(head, true);
        }
      }
    });
    List<Head> out = new ArrayList<>();
    byHead.forEach((head, c) -> {
      if (!shared.containsKey(head)) {
        out.add(new Head(head, Pattern.compile("(?:" + headSpellings(head) + ")"
            + "(?=\\s*的?\\d{1,3}\\s*(?:号楼|栋|幢|#|号|-\\d))"), c));
      }
    });
    return List.copyOf(out);
  }

  /**
   * A head as written, or with its first or second character misheard by one that sounds alike
   * ("今都1号楼" for 金都); only read before a building number.
   */
  private static String headSpellings(String head) {
    StringBuilder b = new StringBuilder(Pattern.quote(head));
    for (int k = 0; k < 2; k++) {
      String alike = SOUNDS_ALIKE.get(head.charAt(k));
      if (alike != null) {
        b.append('|').append(Pattern.quote(head.substring(0, k))).append('[').append(alike).append(']')
            .append(Pattern.quote(head.substring(k + 1)));
      }
    }
    return b.toString();
  }

  private static boolean hasDigit(String t) {
    return hasCharIn(t, '0', '9');
  }

  /**
   * The place stated in {@code text}; {@link Place#NONE} when there is none. When the sender gives
   * their own address ("我住和平小区7号楼") and then another building or street where the problem is
   * ("是4号楼整栋都不热", "但这个事是新华路上的"), the other place; a building named alone there
   * keeps the compound of the sender's address.
   */
  public Place extract(String text) {
    Matcher home = HOME.matcher(text);
    if (!home.find()) {
      return read(text);
    }
    // Only a place named after the address counts: a street named first ("龙首路步行街的烧烤摊 烟全飘我家
    // 我住龙首大厦2号楼") is where the trouble comes from, the address where it is felt.
    Place other = read(text.substring(home.end()));
    Place own = read(text.substring(0, home.end()));
    // Another compound alone counts too ("我住和平小区12号楼 金都花园门口天天有人摆摊"), and a building
    // of the sender's compound named only as next to theirs ("后面那栋楼的楼道灯") is that compound.
    boolean otherCompound = other.compoundId() != null && own.compoundId() != null
        && !other.compoundId().equals(own.compoundId());
    if (other.building() == null && other.segmentId() == null && !otherCompound) {
      return own.compoundId() != null && NEXT_DOOR.matcher(text).region(home.end(), text.length()).find()
          ? new Place(own.compoundId(), null, null, null, null) : read(text);
    }
    String compound = other.compoundId() != null ? other.compoundId()
        : other.building() != null ? own.compoundId() : null;
    return new Place(compound, other.building(), other.unit(), other.room(), other.segmentId());
  }

  private Place read(String text) {
    String normalized = TextNormalizer.normalize(text);
    if (normalized.indexOf('\u20e3') >= 0) {
      normalized = KEYCAP.matcher(normalized).replaceAll("");
    }
    String t = mask(ChineseNumerals.toArabic(fromPinyin(normalized)));
    // Building, unit and room numbers are digits by now (ChineseNumerals): without one, only names remain.
    boolean digits = hasDigit(t);
    Found<Compound> compound = exactCompound(t);
    if (compound == null && digits) {
      compound = head(t);
    }
    if (compound == null) {
      compound = fuzzy(t);
    }
    // "紫金小区 哦不是 是新华东里": a compound taken back gives way to a later one, if any.
    if (compound != null && takenBackAfter(t, compound.end())) {
      Found<Compound> later = exact(t, compoundNames, compound.end());
      compound = later != null ? later : compound;
    }
    StringBuilder rest = new StringBuilder(t);
    if (compound != null) {
      blank(rest, compound.start(), compound.end());
    }
    String unnamed = rest.toString();
    Found<Segment> segment = exact(unnamed, segmentNames);
    // "坑不在桂林路，是在新华路上", "桂林路 不对 是龙首路": a segment denied or taken back gives way to a
    // later one, if any.
    if (segment != null
        && (endsJustBefore(DENIED_BEFORE, unnamed, segment.start(), 3)
            || takenBackAfter(unnamed, segment.end()))) {
      Found<Segment> later = exact(unnamed, segmentNames, segment.end());
      // With a compound named, a denied street with none after it is no place: "是龙首商住楼 不是龙首路".
      segment = later != null ? later : compound != null ? null : segment;
    }
    // "听说龙首路那边有个楼电梯困人了…金都花园1号楼": news from a street is not the compound's report.
    if (segment != null && compound != null
        && endsJustBefore(HEARSAY_BEFORE, unnamed, segment.start(), 7)) {
      segment = exact(unnamed, segmentNames, segment.end());
    }
    // "在紫金苑门口抢了包 往新华路那边跑了": where someone ran off to is not where it happened.
    if (segment != null && compound != null && headingOnly(unnamed, segment)) {
      segment = exact(unnamed, segmentNames, segment.end());
    }
    if (segment == null) {
      segment = misheardSegment(unnamed);
    }
    // "不是龙首大厦门口 是龙首路步行街上": a compound denied (with no building of its own) gives way to a
    // place named after it.
    if (compound != null && !followedByNumber(t, compound.end())
        && endsJustBefore(DENIED_BEFORE, t, compound.start(), 3)) {
      Found<Compound> later = exact(t, compoundNames, compound.end());
      if (later != null || segment != null && segment.start() > compound.end()) {
        rest = new StringBuilder(t);
        compound = later;
        if (later != null) {
          blank(rest, later.start(), later.end());
        }
      }
    }
    if (segment != null) {
      blank(rest, segment.start(), segment.end());
    }
    // Every number pattern needs a digit.
    String named = rest.toString();
    Numbers n = digits ? corrected(t, named, numbers(named, compound)) : Numbers.NONE;
    Integer building = n.building();
    Integer unit = n.unit();
    String room = n.room();
    if (building != null && building == 0) {
      building = null;
    }
    if (unit != null && unit == 0) {
      unit = null;
    }
    return new Place(compound == null ? null : compound.target().id(), building, unit, room,
        segment == null ? null : segment.target().id());
  }

  /**
   * The place of something found at {@code at} in {@code normalized} (a message passed through
   * {@link TextNormalizer}): when the sentence or numbered point holding it ("；四、5号楼1单元电梯又把人困住了")
   * names a building other than the message's first, that building, with its unit and room, and
   * the compound or segment of the message when the sentence names none.
   */
  public Place extractAround(String normalized, int at) {
    Place whole = extract(normalized);
    if (whole.building() == null || at < 0 || at >= normalized.length()) {
      return whole;
    }
    int from = at;
    while (from > 0 && POINT_ENDS.indexOf(normalized.charAt(from - 1)) < 0) {
      from--;
    }
    int to = at;
    while (to < normalized.length() && POINT_ENDS.indexOf(normalized.charAt(to)) < 0) {
      to++;
    }
    if (from == 0 && to == normalized.length()) {
      return whole;
    }
    Place local = extract(normalized.substring(from, to));
    if (local.building() == null || local.building().equals(whole.building())) {
      return whole;
    }
    return new Place(local.compoundId() != null ? local.compoundId() : whole.compoundId(), local.building(),
        local.unit(), local.room(), local.segmentId() != null ? local.segmentId() : whole.segmentId());
  }

  private record Numbers(Integer building, Integer unit, String room) {
    static final Numbers NONE = new Numbers(null, null, null);
  }

  /**
   * {@code read} with the numbers after the last correction in {@code t} ({@link #CORRECTED})
   * taking the place of those it corrects; {@code rest} is {@code t} with names blanked.
   */
  private static Numbers corrected(String t, String rest, Numbers read) {
    Matcher corrected = CORRECTED.matcher(t);
    int marker = -1;
    int after = -1;
    while (corrected.find()) {
      marker = corrected.start();
      after = corrected.end();
    }
    if (after < 0) {
      return read;
    }
    int end = after;
    while (end < t.length() && "。！？!?".indexOf(t.charAt(end)) < 0) {
      end++;
    }
    String tail = rest.substring(after, end);
    Numbers fix = numbers(tail, null);
    if (fix.building() != null && fix.building() != 0) {
      return new Numbers(fix.building(), fix.unit() != null ? fix.unit() : read.unit(),
          fix.room() != null ? fix.room() : read.room());
    }
    if (fix.unit() != null && fix.unit() != 0) {
      return new Numbers(read.building(), fix.unit(), fix.room() != null ? fix.room() : read.room());
    }
    if (fix.room() != null) {
      return new Numbers(read.building(), read.unit(), fix.room());
    }
    Matcher flat = FLAT_ALONE.matcher(tail);
    // Only the flat read is corrected: "402 楼上602 不对是502" corrects the neighbour's.
    if (read.room() != null && flat.find() && read.room().equals(lastFlat(t.substring(0, marker)))) {
      return new Numbers(read.building(), read.unit(), flat.group(1));
    }
    return read;
  }

  /** The last three- or four-digit number in {@code s}, or null. */
  private static String lastFlat(String s) {
    Matcher m = FLAT_NUMBER.matcher(s);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  /** Building, unit and room in {@code s} (compound and segment names already blanked). */
  private static Numbers numbers(String s, Found<Compound> compound) {
    Integer building = null;
    Integer unit = null;
    String room = null;
    Matcher d = DASHED.matcher(s);
    if (d.find()) {
      building = Integer.valueOf(d.group(1));
      unit = Integer.valueOf(d.group(2) != null ? d.group(2) : d.group(3));
      room = d.group(4);
    } else {
      Matcher b = BUILDING.matcher(s);
      // The building right after the compound's name wins over one mentioned earlier ("群里说9号楼
      // 调好了，紫金苑5号楼还是凉的", "不光3号楼，阳光家园11号楼也丢了").
      if (compound != null && b.find(compound.end()) && rightAfter(compound, b.start())) {
        b.region(b.start(), s.length());
      } else {
        b.reset();
      }
      int skipTo = -1;
      while (b.find()) {
        if (b.start() < skipTo) {
          continue;
        }
        boolean bareHao = b.group(2).equals("号");
        // 栋 or 幢 misheard by voice input ("6东", "5撞"), or a tower's 座 ("龙首大厦2座"), counts only
        // where a building is expected.
        boolean weakMarker = "东冬撞座".indexOf(b.group(2).charAt(0)) >= 0;
        boolean afterCompound = compound != null && rightAfter(compound, b.start());
        // The end of a range of buildings ("1—6号楼", "1到5号楼") names none of them.
        if (endsJustBefore(RANGE_BEFORE, s, b.start(), 4)) {
          continue;
        }
        boolean chained = b.group(3) != null || b.group(5) != null || b.group(6) != null;
        // A bare "3号" is usually a date ("3号停水"): a building only next to a compound or unit.
        if ((bareHao || weakMarker) && !(afterCompound || chained)) {
          continue;
        }
        if (bareHao && b.start() > 0 && s.charAt(b.start() - 1) == '月') {
          continue;
        }
        building = Integer.valueOf(b.group(1));
        unit = b.group(3) != null ? Integer.valueOf(b.group(3))
            : b.group(5) != null ? Integer.valueOf(b.group(5)) : null;
        room = b.group(6);
        // "8号楼402和502为漏水的事…": two flats, neither of them the place.
        if (room != null && OTHER_FLAT_AFTER.matcher(s).region(b.end(6), s.length()).lookingAt()) {
          room = null;
        }
        // "阳光家园8号楼和9号楼中间": two buildings together, neither of them the place; a building named
        // after them may still be ("…中间那个楼道门坏了 是2号楼的门").
        Matcher both = BOTH_AFTER.matcher(s).region(b.end(), s.length());
        if (both.lookingAt()) {
          building = null;
          unit = null;
          room = null;
          skipTo = both.end();
          continue;
        }
        // "好像是5号楼还是6号楼": the sender is not sure, and names neither.
        if (EITHER_AFTER.matcher(s).region(b.end(), s.length()).lookingAt()) {
          building = null;
          unit = null;
          room = null;
          break;
        }
        // "不是5号楼 是6号楼", "5号楼 不对 6号楼": a building taken back gives way to a later one, if any.
        if (!takenBack(s, b.start(), b.end())) {
          break;
        }
      }
      if (building == null) {
        Matcher sd = SHORT_DASHED.matcher(s);
        if (sd.find() || compound != null && (sd = BARE_SHORT_DASHED.matcher(s)).find()
            && rightAfter(compound, sd.start())) {
          building = Integer.valueOf(sd.group(1));
          unit = Integer.valueOf(sd.group(2));
        }
      }
      if (unit == null) {
        Matcher u = UNIT.matcher(s);
        if (u.find()) {
          unit = Integer.valueOf(u.group(1));
          room = room != null ? room : u.group(2);
          if (u.group(2) == null && ANOTHER_UNIT_AFTER.matcher(s).region(u.end(), s.length()).lookingAt()) {
            unit = null;
          }
        }
      }
      for (int f = 0; f < ROOM_FORMS.size() && room == null; f++) {
        Matcher r = ROOM_FORMS.get(f).matcher(s);
        if (r.find()) {
          room = r.group(1);
          // Several flats listed before their people ("101的何奶奶、203的苏爷爷"): none is the place.
          while (ROOM_FORMS.get(f) == FLAT_BEFORE && r.find()) {
            if (!r.group(1).equals(room)) {
              room = null;
              break;
            }
          }
        }
      }
    }
    return new Numbers(building, unit, room);
  }

  /** Whether {@code pos} is right after the compound's name (at most one character between). */
  private static boolean rightAfter(Found<Compound> compound, int pos) {
    return pos >= compound.end() && pos - compound.end() <= 1;
  }

  /** "不是" just before a building ({@code 不是□□□□5号楼}: compound blanked), or "不对", "说错了" just after it. */
  private static boolean takenBack(String s, int start, int end) {
    int i = start;
    while (i > 0 && (s.charAt(i - 1) == BLANK || s.charAt(i - 1) == ' ')) {
      i--;
    }
    if (i >= 2 && s.startsWith("不是", i - 2)) {
      return true;
    }
    return takenBackAfter(s, end);
  }

  /**
   * Whether {@code p} (anchored at its end) matches in the {@code reach} characters before
   * {@code at}.
   */
  private static boolean endsJustBefore(Pattern p, String s, int at, int reach) {
    return p.matcher(s).region(Math.max(0, at - reach), at).find();
  }

  /** Whether a segment is named only as the way someone went ("往新华路那边跑了", "朝桂林路方向去了"). */
  private static boolean headingOnly(String s, Found<Segment> segment) {
    return endsJustBefore(HEADING_BEFORE, s, segment.start(), 2)
        && HEADING_AFTER.matcher(s).region(segment.end(), s.length()).lookingAt();
  }

  /** Whether a correction ("不对", "说错了", "哦不是") follows {@code end}: what ends there is taken back. */
  private static boolean takenBackAfter(String s, int end) {
    return CORRECTION_AFTER.matcher(s).region(end, s.length()).lookingAt();
  }

  /**
   * Whether the message concerns the sender at home ("我妈发烧了", "家里老人摔了一跤", "血压高怎么
   * 办"): it states no place at all (a building number alone is a place too, one the bot must
   * ask about) and nothing matches {@code place.elsewhere} (someone else, somewhere else).
   */
  public boolean atHome(String text, Place place) {
    if (!place.isEmpty()) {
      return false;
    }
    if (rules.elsewhere() == null) {
      return true;
    }
    String normalized = TextNormalizer.normalize(text);
    return !(elsewhere.scan(normalized).may(elsewhereSlot) && rules.elsewhere().matcher(normalized).find());
  }

  private String mask(String t) {
    StringBuilder sb = new StringBuilder(t);
    for (String n : maskedNames) {
      for (int i = sb.indexOf(n); i >= 0; i = sb.indexOf(n, i + n.length())) {
        blank(sb, i, i + n.length());
      }
    }
    return sb.toString();
  }

  private static void blank(StringBuilder sb, int from, int to) {
    for (int i = from; i < to; i++) {
      sb.setCharAt(i, BLANK);
    }
  }

  /**
   * The compound named exactly: of several names in the text, the earliest one followed by a
   * number (a building: "新华东里6号楼" over the "金都" inside "现金都没了"), else the earliest; at
   * one position the longest name wins.
   */
  private Found<Compound> exactCompound(String t) {
    Found<Compound> numbered = null;
    // Names are longest first, so at one position the first one found is the longest.
    for (Name<Compound> n : compoundNames) {
      for (int i = t.indexOf(n.text()); i >= 0; i = t.indexOf(n.text(), i + 1)) {
        int end = i + n.text().length();
        if (followedByNumber(t, end) && (numbered == null || i < numbered.start())) {
          numbered = new Found<>(n.target(), i, end);
        }
      }
    }
    if (numbered != null) {
      return numbered;
    }
    // A two-character alias inside an ordinary word ("现金都没了" holds 金都) is no mention: such
    // words are listed in place.not_a_typo.
    Found<Compound> best = null;
    for (Name<Compound> n : compoundNames) {
      int len = n.text().length();
      for (int i = t.indexOf(n.text()); i >= 0 && (best == null || i < best.start()); i = t.indexOf(n.text(), i + 1)) {
        if (len > 2 || !lookalike(t, i, i + len, -1)) {
          best = new Found<>(n.target(), i, i + len);
          break;
        }
      }
    }
    return best;
  }

  private static boolean followedByNumber(String t, int from) {
    int i = from;
    while (i < t.length() && t.charAt(i) == ' ') {
      i++;
    }
    return i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9';
  }

  /** The earliest exact mention; at one position the longest name wins. */
  private static <T> Found<T> exact(String t, List<Name<T>> names) {
    return exact(t, names, 0);
  }

  /** The earliest of {@code names} at or after {@code from}. */
  private static <T> Found<T> exact(String t, List<Name<T>> names, int from) {
    Found<T> best = null;
    for (Name<T> n : names) {
      int i = t.indexOf(n.text(), from);
      if (i >= 0 && (best == null || i < best.start())) {
        best = new Found<>(n.target(), i, i + n.text().length());
      }
    }
    return best;
  }

  private Found<Compound> head(String t) {
    Found<Compound> best = null;
    if (!hasDigit(t)) {
      return null;
    }
    for (Head h : heads) {
      // The head as written, or misheard right before a number (checked without a regex first).
      if (!t.contains(h.head()) && !misheardBeforeNumber(t, h.head())) {
        continue;
      }
      Matcher m = h.pattern().matcher(t);
      if (m.find() && (best == null || m.start() < best.start())) {
        best = new Found<>(h.compound(), m.start(), m.end());
      }
    }
    return best;
  }

  /**
   * Whether {@code head} stands right before a number in {@code t} (spaces between allowed) with one
   * of its first two characters replaced by one that sounds alike.
   */
  private static boolean misheardBeforeNumber(String t, String head) {
    int len = head.length();
    for (int i = 1; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9' || Character.isDigit(t.charAt(i - 1))) {
        continue;
      }
      int end = i;
      while (end > 0 && Character.isWhitespace(t.charAt(end - 1))) {
        end--;
      }
      int start = end - len;
      if (start < 0) {
        continue;
      }
      int diff = substitution(head, t, start);
      if ((diff == 0 || diff == 1) && soundsAlike(head.charAt(diff), t.charAt(start + diff))) {
        return true;
      }
    }
    return false;
  }

  /**
   * A name with one character wrong or missing; the first two characters must be right, except that
   * the first or the second may be one that sounds alike in a name of three or more.
   */
  private Found<Compound> fuzzy(String t) {
    Found<Compound> best = null;
    for (Name<Compound> n : compoundNames) {
      String name = n.text();
      int len = name.length();
      if (len < 3) {
        continue;
      }
      // Both kinds of slip keep the first two characters, so only their occurrences are tried.
      String start = name.substring(0, 2);
      for (int i = t.indexOf(start); i >= 0 && i + len - 1 <= t.length(); i = t.indexOf(start, i + 1)) {
        if (best != null && i >= best.start()) {
          break;
        }
        Found<Compound> f = null;
        if (i + len <= t.length()) {
          int diff = substitution(name, t, i);
          if (diff >= 2 && (len >= 4 || soundsAlike(name.charAt(diff), t.charAt(i + diff)))
              && !lookalike(t, i, i + len, i + diff)) {
            f = new Found<>(n.target(), i, i + len);
          }
        }
        if (f == null && len >= 4 && deletion(name, t, i) && !lookalike(t, i, i + len - 1, -1)) {
          f = new Found<>(n.target(), i, i + len - 1);
        }
        if (f != null && (best == null || f.start() < best.start())) {
          best = f;
        }
      }
      // The first or second character misheard ("合平小区", "今都花园", "新化东里", "子金苑", "紫荆苑"),
      // and only by a character that sounds alike; the rest is found as written.
      String tail = name.substring(2);
      for (int j = t.indexOf(tail, 2); j >= 0; j = t.indexOf(tail, j + 1)) {
        int i = j - 2;
        if (best != null && i >= best.start()) {
          break;
        }
        int diff = substitution(name, t, i);
        if ((diff == 0 || diff == 1) && soundsAlike(name.charAt(diff), t.charAt(i + diff))
            && !lookalike(t, i, i + len, i + diff)) {
          best = new Found<>(n.target(), i, i + len);
        }
      }
    }
    return best;
  }

  /**
   * A street segment's name with one character misheard by a sound-alike ("新化路" for 新华路,
   * "龙手路" for 龙首路, "桂林陆" for 桂林路), or a name of five or more with one left out ("龙首步行街");
   * the other characters as written.
   */
  private Found<Segment> misheardSegment(String t) {
    Found<Segment> best = null;
    for (Name<Segment> n : segmentNames) {
      String name = n.text();
      int len = name.length();
      if (len < 3) {
        continue;
      }
      // The shortest window tried: the name less one character when it is long enough to lose one.
      int shortest = len >= 5 ? len - 1 : len;
      int last = best == null ? t.length() - shortest : Math.min(best.start() - 1, t.length() - shortest);
      // One character at most differs, so the first or the second is as written: only windows
      // where one of them is are tried.
      for (int k = 0; k < 2; k++) {
        for (int j = t.indexOf(name.charAt(k)); j >= 0 && j - k <= last; j = t.indexOf(name.charAt(k), j + 1)) {
          int i = j - k;
          int diff = i < 0 || i + len > t.length() ? -1 : substitution(name, t, i);
          if (diff >= 0 && soundsAlike(name.charAt(diff), t.charAt(i + diff))) {
            best = new Found<>(n.target(), i, i + len);
            last = i - 1;
            break;
          }
          // A long name with one character left out ("龙首步行街"), not one of the first two: both
          // are as written, so the windows of the first character are enough.
          if (k == 0 && len >= 5 && deletion(name, t, i)) {
            best = new Found<>(n.target(), i, i + len - 1);
            last = i - 1;
            break;
          }
        }
      }
    }
    return best;
  }

  /** The one differing position of an equal-length CJK window, or -1. */
  private static int substitution(String name, String t, int at) {
    int diff = -1;
    for (int k = 0; k < name.length(); k++) {
      char c = t.charAt(at + k);
      if (!isHan(c)) {
        return -1;
      }
      if (c != name.charAt(k)) {
        if (diff >= 0) {
          return -1;
        }
        diff = k;
      }
    }
    return diff;
  }

  /** Whether the window at {@code at} is {@code name} with one character (not of the first two) left out. */
  private static boolean deletion(String name, String t, int at) {
    int len = name.length() - 1;
    if (at + len > t.length()) {
      return false;
    }
    for (int k = 0; k < len; k++) {
      if (!isHan(t.charAt(at + k))) {
        return false;
      }
    }
    for (int skip = 2; skip < name.length(); skip++) {
      if (t.regionMatches(at, name, 0, skip) && t.regionMatches(at + skip, name, skip + 1, len - skip)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a configured look-alike covers the differing position (or, with -1, the window). */
  private boolean lookalike(String t, int from, int to, int diffAt) {
    if (rules.notATypo() == null) {
      return false;
    }
    Matcher m = rules.notATypo().matcher(t).region(Math.max(0, from - 3), Math.min(t.length(), to + 3));
    while (m.find()) {
      boolean hit = diffAt >= 0
          ? m.start() <= diffAt && diffAt < m.end()
          : m.start() < to && m.end() > from;
      if (hit) {
        return true;
      }
    }
    return false;
  }

  private static boolean soundsAlike(char expected, char actual) {
    String alike = SOUNDS_ALIKE.get(expected);
    return alike != null && alike.indexOf(actual) >= 0;
  }

  private static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }
}
