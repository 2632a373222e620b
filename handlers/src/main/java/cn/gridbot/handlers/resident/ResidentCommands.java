package cn.gridbot.handlers.resident;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Texts;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.ticket.Tickets;
import cn.gridbot.handlers.understanding.Place;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a resident can ask of their own tickets in a direct chat: 查询 / 我的工单, 补充 #id …,
 * 取消 #id, 满意 / 不满意 after resolution, and 绑定 (or 我住…) to remember a home address.
 */
public final class ResidentCommands implements ChatHandler {
  private static final Pattern QUERY = Pattern.compile("^(查询|我的工单|工单进度|进度|查进度)[？?。!！]*$");
  private static final Pattern CANCEL = Pattern.compile("^(取消|撤销)\\s*#?([A-Za-z]\\d+)\\s*(.*)$");
  private static final Pattern NOTE = Pattern.compile("^(补充|追加)\\s*#?([A-Za-z]\\d+)\\s*(.+)$", Pattern.DOTALL);
  private static final Pattern SATISFIED = Pattern.compile("^(非常满意|满意|很满意|挺满意)[。!！👍]*$");
  private static final Pattern UNSATISFIED = Pattern.compile("^(不满意|很不满意|不太满意|没解决|还没解决)(.*)$", Pattern.DOTALL);
  private static final Pattern BIND = Pattern.compile("^(绑定|登记住址|我住在?|我家住在?|我家在)\\s*(.+)$");
  /**
   * An address and nothing else after 我住…: "我住和平小区3号楼2单元401" is an address to remember, but
   * "我住和平小区2号楼 对面6号楼阳台着火了" is a report, and must reach the report handler.
   */
  private static final Pattern ADDRESS_ONLY = Pattern.compile(
      "^[\\p{IsHan}A-Za-z]{0,8}?\\s*(?:[0-9０-９一二三四五六七八九十两]+\\s*(?:号楼|號樓|栋|棟|幢|#|号|楼)\\s*)?"
          + "(?:[0-9０-９一二三四五六七八九十]+\\s*单元\\s*)?(?:[0-9０-９]{3,4}\\s*(?:室|号)?\\s*)?"
          + "(?:[0-9０-９]+[-－][0-9０-９]+(?:[-－][0-9０-９]+)?\\s*)?[的呢哈啊。.!！~]*$");
  private static final Pattern LINK = Pattern.compile("https?://\\S+");

  private final Desk desk;

  public ResidentCommands(Desk desk) {
    this.desk = desk;
  }

  @Override
  public String name() {
    return "resident-commands";
  }

  /** Whether a text is one of these commands (so an open question does not swallow it). */
  static boolean isCommand(String text) {
    String t = text.strip();
    return QUERY.matcher(t).matches() || CANCEL.matcher(t).matches() || NOTE.matcher(t).matches()
        || SATISFIED.matcher(t).matches() || UNSATISFIED.matcher(t).matches() || bindsAddress(t) != null;
  }

  /** The address of an address command ("我住和平小区3号楼2单元401"), or null when {@code t} is not one. */
  private static String bindsAddress(String t) {
    Matcher x = BIND.matcher(t);
    return x.matches() && ADDRESS_ONLY.matcher(x.group(2).strip()).matches() ? x.group(2) : null;
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage m) {
    if (m.inGroup()) {
      return Future.succeededFuture(Optional.empty());
    }
    String t = m.text().strip();
    ResidentRef me = ResidentRef.of(m);
    Matcher x;
    if (QUERY.matcher(t).matches()) {
      return desk.ticketStore().byResident(me.key(), 5).map(list -> Optional.of(Decision.reply(name(), m,
          list.isEmpty() ? "您目前没有工单。直接描述问题和地点即可反映。"
              : "您最近的工单：\n" + String.join("\n", list.stream().map(Tickets::line).toList()))));
    }
    if ((x = CANCEL.matcher(t)).matches()) {
      String id = x.group(2);
      return own(m, id).map(ticket -> ticket.map(tk -> cancel(m, tk)).or(() -> notYours(m, id)));
    }
    if ((x = NOTE.matcher(t)).matches()) {
      String id = x.group(2);
      String note = x.group(3).strip();
      return own(m, id).map(ticket -> ticket.map(tk -> note(m, tk, note)).or(() -> notYours(m, id)));
    }
    if (SATISFIED.matcher(t).matches() || UNSATISFIED.matcher(t).matches()) {
      boolean happy = SATISFIED.matcher(t).matches();
      String reason = happy ? null : UNSATISFIED.matcher(t).replaceFirst("$2").strip();
      return desk.ticketStore().byResident(me.key(), 10).map(list -> list.stream()
          .filter(tk -> tk.status() == TicketStatus.RESOLVED).findFirst()
          .map(tk -> happy ? close(m, tk) : reopen(m, tk, reason)));
    }
    String where = bindsAddress(t);
    if (where != null) {
      Place p = desk.understanding().read(where).place();
      // "我住这楼道灯坏了": no place in it, so a report after all.
      if (p.compoundId() != null || p.building() != null) {
        return Future.succeededFuture(Optional.of(bind(m, p)));
      }
    }
    return Future.succeededFuture(Optional.empty());
  }

  private Future<Optional<Ticket>> own(InboundMessage m, String id) {
    String key = ResidentRef.of(m).key();
    return desk.ticketStore().get(id.toUpperCase()).map(t -> t.filter(tk -> tk.resident().key().equals(key)));
  }

  private Optional<Decision> notYours(InboundMessage m, String id) {
    return Optional.of(Decision.reply(name(), m, "没有找到您的工单 #" + id.toUpperCase() + "，发送「查询」可查看您的工单。"));
  }

  private Decision cancel(InboundMessage m, Ticket t) {
    var outcome = desk.tickets().move(t, TicketStatus.CANCELLED, actor(m), "撤销", m.platform(), null);
    if (outcome.change().isEmpty()) {
      return Decision.reply(name(), m, outcome.refusal());
    }
    Decision.Builder d = Decision.by(name()).ticket(outcome.change().get())
        .reply(m, "工单 " + t.ref() + " 已撤销。如有需要可随时重新反映。");
    toGrid(d, t, "【工单 " + t.ref() + " 已撤销】居民已撤销该工单，无需再处理。");
    return d.build();
  }

  private Decision note(InboundMessage m, Ticket t, String note) {
    if (t.status().isTerminal()) {
      return Decision.reply(name(), m, "工单 " + t.ref() + " 已" + t.status().chinese() + "，不能再补充。");
    }
    Ticket after = t;
    Matcher link = LINK.matcher(note);
    while (link.find()) {
      after = after.withAttachment(link.group(), desk.tickets().now());
    }
    if (after == t) {
      after = t.touched(desk.tickets().now());
    }
    String masked = Texts.maskPhones(note);
    Decision.Builder d = Decision.by(name()).ticket(desk.tickets().amend(t, after, actor(m), "补充", m.platform(), masked))
        .reply(m, "已把您的补充加到工单 " + t.ref() + "，并转告处理人员。");
    toGrid(d, t, "【工单 " + t.ref() + " 居民补充】" + masked);
    return d.build();
  }

  private Decision close(InboundMessage m, Ticket t) {
    var outcome = desk.tickets().move(t, TicketStatus.CLOSED, actor(m), "满意", m.platform(), "居民满意");
    return Decision.by(name()).ticket(outcome.change().orElseThrow())
        .reply(m, "感谢您的评价！工单 " + t.ref() + " 已关闭。祝您生活愉快 🙂").build();
  }

  private Decision reopen(InboundMessage m, Ticket t, String reason) {
    var outcome = desk.tickets().move(t, TicketStatus.REOPENED, actor(m), "不满意", m.platform(),
        reason == null || reason.isEmpty() ? null : Texts.maskPhones(reason));
    Decision.Builder d = Decision.by(name()).ticket(outcome.change().orElseThrow())
        .reply(m, "很抱歉没让您满意。工单 " + t.ref() + " 已重新打开，网格长会尽快联系您。");
    if (t.gridId() != null) {
      var chief = desk.directory().grid(t.gridId()).orElseThrow().chief();
      d.send(new Outgoing.GroupPush(desk.directory().groups().ofGrid(t.gridId()),
          "【工单 " + t.ref() + " 居民不满意，已重启】" + (reason == null || reason.isEmpty() ? "" : "原因：" + Texts.maskPhones(reason) + "。")
              + "请网格长跟进。@" + chief.name(), List.of(chief), Outgoing.Lane.INTERACTIVE));
    }
    return d.build();
  }

  private Decision bind(InboundMessage m, Place p) {
    boolean ok = p.compoundId() != null && p.building() != null
        && desk.directory().gridForBuilding(p.compoundId(), p.building()).isPresent();
    if (!ok) {
      return Decision.reply(name(), m, "没能识别这个住址，请按「小区名+楼号+单元+门牌」发送，例如：我住和平小区3号楼2单元401。");
    }
    return Decision.by(name()).state(new StateChange.RememberHome(ResidentRef.of(m).key(), p))
        .reply(m, "已记住您的住址：" + Texts.describe(desk.directory(), p) + "。以后反映问题没写地址时，按此地址处理。")
        .build();
  }

  private void toGrid(Decision.Builder d, Ticket t, String text) {
    if (t.gridId() != null) {
      d.send(new Outgoing.GroupPush(desk.directory().groups().ofGrid(t.gridId()), text, List.of(),
          Outgoing.Lane.INTERACTIVE));
    }
  }

  private static String actor(InboundMessage m) {
    return "resident:" + m.senderId();
  }
}
