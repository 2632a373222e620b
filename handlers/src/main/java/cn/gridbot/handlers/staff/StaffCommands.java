package cn.gridbot.handlers.staff;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Directory.StaffRole;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.routing.Routing;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Texts;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketChange;
import cn.gridbot.handlers.ticket.TicketEvent;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.ticket.Tickets;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commands grid staff and coordinators give in chat, recognised from the sender's mobile number
 * in the directory: 接单, 办结, 转派, 退回, 备注, 查看, 我的待办; coordinators also 升级, 吹哨, 关闭.
 * "收到，马上去" from an assignee with exactly one waiting assignment counts as 接单. Someone
 * without the right gets a refusal and nothing changes.
 */
public final class StaffCommands implements ChatHandler {
  private static final Pattern COMMAND = Pattern.compile(
      "^(接单|办结|转派|退回|备注|查看|升级|吹哨|关闭|报到|合并|拆分)\\s*#?([A-Za-z]\\d+)?\\s*(.*)$", Pattern.DOTALL);
  private static final Pattern MINE = Pattern.compile("^(我的待办|待办|我的工单)[？?]*$");
  private static final Pattern ACK = Pattern.compile("^(收到|好的|好|马上去|马上到|这就去|我去看看|已收到)[，,。！! ]*(马上去|马上到|这就去|立即处理|我去看看)?[。！!]*$");
  private static final List<String> COORDINATOR_ONLY = List.of("升级", "吹哨", "关闭");

  private final Desk desk;
  private final Directory dir;

  public StaffCommands(Desk desk) {
    this.desk = desk;
    this.dir = desk.directory();
  }

  @Override
  public String name() {
    return "staff-commands";
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage m) {
    String text = m.text().strip();
    Matcher c = COMMAND.matcher(text);
    boolean command = c.matches();
    boolean mine = MINE.matcher(text).matches();
    boolean ack = m.inGroup() && ACK.matcher(text).matches();
    if (!command && !mine && !ack) {
      return Future.succeededFuture(Optional.empty());
    }
    if (command && c.group(1).equals("报到") && m.inGroup() && m.groupId().startsWith("dept:")) {
      return report(m, c.group(2), m.groupId().substring(5));
    }
    List<StaffRole> roles = dir.rolesOf(m.senderMobile());
    if (roles.isEmpty()) {
      if (command) {
        return done(Decision.reply(name(), m, "抱歉，您不是登记在册的网格工作人员，不能操作工单。如需反映问题，请直接描述问题和地点。"));
      }
      return Future.succeededFuture(Optional.empty());
    }
    if (mine) {
      return todo(m, roles);
    }
    if (ack) {
      return acknowledge(m, roles);
    }
    String verb = c.group(1);
    String id = c.group(2);
    String arg = c.group(3).strip();
    if (id == null) {
      return done(Decision.reply(name(), m, "请带上工单号，例如「" + verb + " #A1024」。"));
    }
    return desk.ticketStore().get(id.toUpperCase()).compose(found -> {
      if (found.isEmpty()) {
        return done(Decision.reply(name(), m, "没有找到工单 #" + id.toUpperCase() + "。"));
      }
      Ticket t = found.get();
      if (!canWork(roles, t)) {
        return done(Decision.reply(name(), m, "抱歉，工单 " + t.ref() + " 不在您负责的范围内，不能操作。"));
      }
      if (COORDINATOR_ONLY.contains(verb) && !isCoordinator(roles, t)) {
        return done(Decision.reply(name(), m, "抱歉，「" + verb + "」只能由社区书记或街道指挥中心操作。"));
      }
      return switch (verb) {
        case "查看" -> view(m, t);
        case "合并" -> merge(m, roles, t, arg);
        case "拆分" -> split(m, roles, t, arg);
        default -> done(act(m, roles, verb, t, arg));
      };
    });
  }

  private static final Pattern TARGET = Pattern.compile("^#?([A-Za-z]\\d+)\\s*(.*)$", Pattern.DOTALL);

  /** 合并 #A1002 #A1001 [说明]: the first ticket joins the second (same problem). */
  private Future<Optional<Decision>> merge(InboundMessage m, List<StaffRole> roles, Ticket source, String arg) {
    Matcher x = TARGET.matcher(arg);
    if (!x.matches()) {
      return done(Decision.reply(name(), m, "请写明并入哪张工单，例如「合并 " + source.ref() + " #A1001」。"));
    }
    String note = x.group(2).strip();
    return desk.ticketStore().get(x.group(1).toUpperCase()).compose(found -> {
      if (found.isEmpty() || !canWork(roles, found.get())) {
        return done(Decision.reply(name(), m, "没有找到您负责范围内的工单 #" + x.group(1).toUpperCase() + "。"));
      }
      Ticket target = found.get();
      TicketMerge.Result r = new TicketMerge(desk.tickets()).merge(source, target, actor(roles), m.platform(),
          note.isEmpty() ? null : Texts.maskPhones(note));
      if (r.refused()) {
        return done(Decision.reply(name(), m, r.refusal()));
      }
      List<Outgoing> out = new ArrayList<>(r.decision().outgoing());
      out.add(Outgoing.Reply.to(m, "已将工单 " + source.ref() + " 合并到 " + target.ref() + "，居民会收到通知。"));
      return done(new Decision(name(), out, r.decision().tickets(), r.decision().state()));
    });
  }

  /**
   * 拆分 #A1001 [n]: the n-th resident who joined the ticket (+1; default the last) gets a ticket
   * of their own, for the same place and team — when it turned out not to be the same problem.
   */
  private Future<Optional<Decision>> split(InboundMessage m, List<StaffRole> roles, Ticket t, String arg) {
    if (t.followers().isEmpty()) {
      return done(Decision.reply(name(), m, "工单 " + t.ref() + " 没有其他居民的反映可以拆分。"));
    }
    if (t.status().isTerminal()) {
      return done(Decision.reply(name(), m, "工单 " + t.ref() + " 已" + t.status().chinese() + "，不能拆分。"));
    }
    int n;
    try {
      n = arg.isBlank() ? t.followers().size() : Integer.parseInt(arg.strip());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > t.followers().size()) {
      return done(Decision.reply(name(), m, "请写第几位居民（1-" + t.followers().size() + "），例如「拆分 " + t.ref() + " 1」。"));
    }
    ResidentRef who = t.followers().get(n - 1);
    int index = n;
    return desk.ticketStore().nextId().map(newId -> {
      Routing routing = new Routing(t.priority(), t.gridId(), t.communityId(), false, t.assignees(), t.department());
      TicketChange created = desk.tickets().open(newId, t.category(), t.emergency(), routing, t.place(), who,
          t.text() + "（由 " + t.ref() + " 拆分）", m.platform());
      Ticket rest = t.withoutFollower(who, desk.tickets().now());
      Decision.Builder d = Decision.by(name())
          .ticket(desk.tickets().amend(t, rest, actor(roles), "拆分", m.platform(), "第" + index + "位居民 → #" + newId))
          .ticket(created)
          .reply(m, "已将第" + index + "位居民的反映拆分为新工单 #" + newId + "。")
          .send(new Outgoing.Reply(who.platform(), who.channelId(), who.conversationId(),
              "您反映的问题已单独立为工单 #" + newId + " 处理，有进展会告诉您。", Outgoing.Lane.INTERACTIVE));
      if (t.gridId() != null) {
        d.send(desk.tickets().assignment(created.after(), dir.groups().ofGrid(t.gridId()), "拆分工单"));
      }
      return Optional.of(d.build());
    });
  }

  /**
   * A department reports (报到) on a ticket the street pulled it in for. The department's group
   * is the trust boundary: its members are not in the directory.
   */
  private Future<Optional<Decision>> report(InboundMessage m, String id, String deptId) {
    if (id == null) {
      return done(Decision.reply(name(), m, "请带上工单号，例如「报到 #A1024」。"));
    }
    return desk.ticketStore().get(id.toUpperCase()).compose(found -> {
      Optional<Department> dept = Department.byId(deptId);
      if (found.isEmpty() || dept.isEmpty() || found.get().department() != dept.get() || found.get().level() < 2) {
        return done(Decision.reply(name(), m, "没有需要本部门报到的工单 #" + id.toUpperCase() + "。"));
      }
      Ticket t = found.get();
      if (t.departmentReported()) {
        return done(Decision.reply(name(), m, "工单 " + t.ref() + " 已报到。"));
      }
      String deptName = dir.departmentName(dept.get());
      Ticket after = t.departmentReported(desk.tickets().now());
      Community c = dir.community(t.communityId()).orElseThrow();
      return done(Decision.by(name())
          .ticket(desk.tickets().amend(t, after, "department:" + deptId, "部门报到", m.platform(), deptName))
          .reply(m, "✅ " + deptName + "已报到工单 " + t.ref() + "。")
          .send(new Outgoing.GroupPush(dir.groups().ofStreet(c.streetId()), "✅ " + deptName + "已就工单 " + t.ref()
              + " 报到。", List.of(), Outgoing.Lane.INTERACTIVE))
          .build());
    });
  }

  private static Future<Optional<Decision>> done(Decision d) {
    return Future.succeededFuture(Optional.of(d));
  }

  private Decision act(InboundMessage m, List<StaffRole> roles, String verb, Ticket t, String arg) {
    String actor = actor(roles);
    return switch (verb) {
      case "接单" -> accept(m, t, actor);
      case "办结" -> arg.isEmpty()
          ? Decision.reply(name(), m, "请写上处理说明，例如「办结 " + t.ref() + " 已更换灯泡」。")
          : resolve(m, t, actor, arg);
      case "退回" -> arg.isEmpty()
          ? Decision.reply(name(), m, "请写上退回原因，例如「退回 " + t.ref() + " 不属于本网格」。")
          : giveBack(m, t, actor, arg);
      case "备注" -> note(m, t, actor, arg);
      case "转派" -> reassign(m, t, actor, arg);
      case "升级" -> escalate(m, t, actor, arg);
      case "吹哨" -> whistle(m, t, actor, arg);
      case "合并", "拆分" -> throw new IllegalStateException(verb + " is asynchronous");
      case "报到" -> Decision.reply(name(), m, "「报到」由被吹哨的部门在部门群中使用。");
      case "关闭" -> simple(m, t, actor, TicketStatus.CLOSED, "关闭", arg, "工单 " + t.ref() + " 已关闭。");
      default -> throw new IllegalStateException(verb);
    };
  }

  private Decision accept(InboundMessage m, Ticket t, String actor) {
    var outcome = desk.tickets().move(t, TicketStatus.ACCEPTED, actor, "接单", m.platform(), null);
    if (outcome.change().isEmpty()) {
      return Decision.reply(name(), m, outcome.refusal());
    }
    String who = display(actor);
    Decision.Builder d = Decision.by(name()).ticket(outcome.change().get())
        .reply(m, "✅ " + who + " 已接单 " + t.ref() + "，请在 " + Tickets.when(t.resolveBy()) + " 前办结。");
    tellResidents(d, t, "您反映的问题 " + t.ref() + " 已由" + who + "接单，正在处理。");
    return d.build();
  }

  private Decision resolve(InboundMessage m, Ticket t, String actor, String note) {
    var outcome = desk.tickets().move(t, TicketStatus.RESOLVED, actor, "办结", m.platform(), Texts.maskPhones(note));
    if (outcome.change().isEmpty()) {
      return Decision.reply(name(), m, outcome.refusal());
    }
    Decision.Builder d = Decision.by(name()).ticket(outcome.change().get())
        .reply(m, "✅ 工单 " + t.ref() + " 已办结，已通知居民回访。");
    tellResidents(d, t, "您反映的问题 " + t.ref() + " 已处理完毕：" + Texts.maskPhones(note)
        + "\n请问您对处理结果满意吗？请回复「满意」或「不满意」。");
    return d.build();
  }

  private Decision giveBack(InboundMessage m, Ticket t, String actor, String reason) {
    var outcome = desk.tickets().move(t, TicketStatus.RETURNED, actor, "退回", m.platform(), Texts.maskPhones(reason));
    if (outcome.change().isEmpty()) {
      return Decision.reply(name(), m, outcome.refusal());
    }
    Decision.Builder d = Decision.by(name()).ticket(outcome.change().get())
        .reply(m, "已将工单 " + t.ref() + " 退回社区重新分拨。");
    if (t.communityId() != null) {
      Community c = dir.community(t.communityId()).orElseThrow();
      List<cn.gridbot.handlers.directory.Person> secretary = c.staff(Role.COMMUNITY_SECRETARY).map(List::of).orElse(List.of());
      d.send(new Outgoing.GroupPush(dir.groups().ofCommunity(c.id()), "【工单 " + t.ref() + " 被退回】"
          + t.category().chinese() + "，" + (t.placeLabel().isEmpty() ? "地点未知" : t.placeLabel()) + "。原因：" + Texts.maskPhones(reason)
          + "\n请重新分拨：「转派 " + t.ref() + " 网格编号/角色/姓名」。" + mentionText(secretary), secretary, Outgoing.Lane.INTERACTIVE));
    }
    return d.build();
  }

  private Decision note(InboundMessage m, Ticket t, String actor, String note) {
    if (note.isEmpty()) {
      return Decision.reply(name(), m, "请写上备注内容。");
    }
    Ticket after = t.touched(desk.tickets().now());
    return Decision.by(name()).ticket(desk.tickets().amend(t, after, actor, "备注", m.platform(), Texts.maskPhones(note)))
        .reply(m, "已为工单 " + t.ref() + " 添加备注。").build();
  }

  private Decision reassign(InboundMessage m, Ticket t, String actor, String target) {
    if (t.status().isTerminal() || t.status() == TicketStatus.RESOLVED) {
      return Decision.reply(name(), m, "工单" + t.ref() + "当前状态为「" + t.status().chinese() + "」，不能转派。");
    }
    String gridId = t.gridId();
    List<Member> people;
    Optional<Grid> grid = dir.grid(target);
    Optional<Role> role = roleOf(target);
    if (grid.isPresent()) {
      gridId = grid.get().id();
      people = new ArrayList<>();
      for (Role r : t.category().responders()) {
        people.addAll(dir.team(gridId, r, t.place() == null ? null : t.place().building()));
      }
      if (people.isEmpty()) {
        people.addAll(dir.team(gridId, Role.GRID_CHIEF, null));
      }
    } else if (role.isPresent() && gridId != null) {
      people = dir.team(gridId, role.get(), t.place() == null ? null : t.place().building());
    } else {
      people = byName(target, t);
    }
    if (people.isEmpty() || gridId == null) {
      return Decision.reply(name(), m, "没有找到「" + target + "」。请写网格编号（如 heping-02）、角色（如 网格员、楼栋长）或本网格人员姓名。");
    }
    String community = dir.grid(gridId).map(Grid::communityId).orElse(t.communityId());
    Ticket after = t.reassigned(people, gridId, community, TicketStatus.ASSIGNED, desk.tickets().now());
    TicketChange change = new TicketChange(after, t.status(), t.version(), new TicketEvent(desk.tickets().now(), actor,
        "转派", m.platform(), t.status(), TicketStatus.ASSIGNED, "→ " + Tickets.who(people)));
    return Decision.by(name()).ticket(change)
        .reply(m, "已将工单 " + t.ref() + " 转派给 " + Tickets.who(people) + "。")
        .send(desk.tickets().assignment(after, dir.groups().ofGrid(gridId), "转派工单"))
        .build();
  }

  private Decision escalate(InboundMessage m, Ticket t, String actor, String reason) {
    if (t.status().isTerminal()) {
      return Decision.reply(name(), m, "工单 " + t.ref() + " 已" + t.status().chinese() + "，无需升级。");
    }
    int level = Math.min(2, t.level() + 1);
    Ticket after = t.withLevel(level, desk.tickets().now());
    Community c = dir.community(t.communityId()).orElseThrow();
    String group = level == 1 ? dir.groups().ofCommunity(c.id()) : dir.groups().ofStreet(c.streetId());
    return Decision.by(name())
        .ticket(desk.tickets().amend(t, after, actor, "升级", m.platform(), reason.isEmpty() ? null : Texts.maskPhones(reason)))
        .reply(m, "已将工单 " + t.ref() + " 升级到" + (level == 1 ? "社区" : "街道") + "。")
        .send(new Outgoing.GroupPush(group, "【升级督办 " + t.ref() + "】" + t.priority() + " " + t.category().chinese()
            + "，" + t.placeLabel() + "，当前「" + t.status().chinese() + "」。「" + t.text() + "」"
            + (reason.isEmpty() ? "" : "\n原因：" + Texts.maskPhones(reason)), List.of(), Outgoing.Lane.INTERACTIVE))
        .build();
  }

  private Decision whistle(InboundMessage m, Ticket t, String actor, String deptName) {
    Optional<Department> dept = deptName.isEmpty() ? Optional.ofNullable(t.department()) : departmentOf(deptName);
    if (dept.isEmpty()) {
      return Decision.reply(name(), m, "请写明要吹哨的部门：" + String.join("、",
          Arrays.stream(Department.values()).map(Department::chinese).toList()) + "。");
    }
    if (t.status().isTerminal()) {
      return Decision.reply(name(), m, "工单 " + t.ref() + " 已" + t.status().chinese() + "，无需吹哨。");
    }
    Ticket after = t.withLevel(2, desk.tickets().now());
    return Decision.by(name())
        .ticket(desk.tickets().amend(t, after, actor, "吹哨", m.platform(), dir.departmentName(dept.get())))
        .reply(m, "📣 已就工单 " + t.ref() + " 向" + dir.departmentName(dept.get()) + "吹哨，请部门报到。")
        .send(new Outgoing.GroupPush(dir.groups().ofDepartment(dept.get()), "【街长吹哨 " + t.ref() + "】"
            + t.priority() + " " + t.category().chinese() + "，" + t.placeLabel() + "。「" + t.text() + "」\n"
            + "请" + dir.departmentName(dept.get()) + "报到：回复「报到 " + t.ref() + "」。", List.of(), Outgoing.Lane.INTERACTIVE))
        .build();
  }

  private Decision simple(InboundMessage m, Ticket t, String actor, TicketStatus to, String action, String note, String ok) {
    var outcome = desk.tickets().move(t, to, actor, action, m.platform(), note.isEmpty() ? null : Texts.maskPhones(note));
    if (outcome.change().isEmpty()) {
      return Decision.reply(name(), m, outcome.refusal());
    }
    return Decision.by(name()).ticket(outcome.change().get()).reply(m, ok).build();
  }

  private Future<Optional<Decision>> view(InboundMessage m, Ticket t) {
    return desk.ticketStore().history(t.id()).map(events -> {
      StringBuilder b = new StringBuilder();
      b.append(Tickets.line(t)).append("｜").append(t.priority()).append('\n');
      b.append("居民反映：「").append(t.text()).append("」\n");
      b.append("处理人：").append(t.assignees().isEmpty() ? "无" : Tickets.who(t.assignees())).append('\n');
      b.append("办结期限：").append(Tickets.when(t.resolveBy()));
      if (!t.followers().isEmpty()) {
        b.append("｜另有").append(t.followers().size()).append("位居民反映");
      }
      int from = Math.max(0, events.size() - 5);
      for (TicketEvent e : events.subList(from, events.size())) {
        b.append('\n').append(Tickets.when(e.at())).append(' ').append(e.action())
            .append(e.note() == null ? "" : "：" + e.note());
      }
      return Optional.of(Decision.reply(name(), m, b.toString()));
    });
  }

  private Future<Optional<Decision>> todo(InboundMessage m, List<StaffRole> roles) {
    List<String> grids = roles.stream().filter(r -> r.scope() == Directory.Scope.GRID).map(StaffRole::placeId).distinct().toList();
    if (grids.isEmpty()) {
      return done(Decision.reply(name(), m, "您没有分管的网格。"));
    }
    List<Future<List<Ticket>>> lists = grids.stream().map(g -> desk.ticketStore().openInGrid(g)).toList();
    return Future.all(lists).map(all -> {
      List<Ticket> mine = new ArrayList<>();
      lists.forEach(f -> f.result().stream()
          .filter(t -> t.assignees().stream().anyMatch(a -> a.person().mobile().equals(m.senderMobile())))
          .forEach(mine::add));
      String body = mine.isEmpty() ? "您目前没有待办工单 👍"
          : "您的待办（" + mine.size() + "）：\n" + String.join("\n", mine.stream()
              .map(t -> Tickets.line(t) + "｜截止 " + Tickets.when(t.resolveBy())).toList());
      return Optional.of(Decision.reply(name(), m, body));
    });
  }

  private Future<Optional<Decision>> acknowledge(InboundMessage m, List<StaffRole> roles) {
    String gridId = m.groupId().startsWith("grid:") ? m.groupId().substring(5) : null;
    if (gridId == null) {
      return Future.succeededFuture(Optional.empty());
    }
    return desk.ticketStore().openInGrid(gridId).map(open -> {
      List<Ticket> waiting = open.stream().filter(t -> t.status() == TicketStatus.ASSIGNED || t.status() == TicketStatus.REOPENED)
          .filter(t -> t.assignees().stream().anyMatch(a -> a.person().mobile().equals(m.senderMobile()))).toList();
      if (waiting.size() != 1) {
        return waiting.isEmpty() ? Optional.<Decision>empty()
            : Optional.of(Decision.reply(name(), m, "您有" + waiting.size() + "个待接工单，请用「接单 #工单号」指明。"));
      }
      return Optional.of(accept(m, waiting.get(0), actor(roles)));
    });
  }

  private boolean canWork(List<StaffRole> roles, Ticket t) {
    String street = t.communityId() == null ? null : dir.community(t.communityId()).map(Community::streetId).orElse(null);
    boolean assignee = t.assignees().stream().anyMatch(a -> roles.stream()
        .anyMatch(r -> r.person().mobile().equals(a.person().mobile())));
    return assignee || roles.stream().anyMatch(r -> switch (r.scope()) {
      case GRID -> r.placeId().equals(t.gridId());
      case COMMUNITY -> r.placeId().equals(t.communityId());
      case STREET -> r.placeId().equals(street);
    });
  }

  private boolean isCoordinator(List<StaffRole> roles, Ticket t) {
    String street = t.communityId() == null ? null : dir.community(t.communityId()).map(Community::streetId).orElse(null);
    return roles.stream().anyMatch(r -> (r.role() == Role.COMMUNITY_SECRETARY && r.placeId().equals(t.communityId()))
        || (r.role() == Role.STREET_COMMANDER && r.placeId().equals(street)));
  }

  private List<Member> byName(String name, Ticket t) {
    List<Member> found = new ArrayList<>();
    if (t.gridId() == null) {
      return found;
    }
    for (Role r : Role.values()) {
      dir.team(t.gridId(), r, t.place() == null ? null : t.place().building()).stream()
          .filter(mm -> !mm.fallback() && mm.person().name().equals(name)).findFirst()
          .ifPresent(mm -> {
            if (found.stream().noneMatch(f -> f.person().mobile().equals(mm.person().mobile()))) {
              found.add(mm);
            }
          });
    }
    return found.isEmpty() ? found : List.of(found.get(0));
  }

  static Optional<Role> roleOf(String s) {
    return Arrays.stream(Role.values()).filter(r -> r.id().equals(s) || r.chinese().equals(s)).findFirst();
  }

  static Optional<Department> departmentOf(String s) {
    String x = s.strip();
    return Arrays.stream(Department.values())
        .filter(d -> d.id().equals(x) || x.contains(d.chinese()) || d.chinese().contains(x)).findFirst();
  }

  private void tellResidents(Decision.Builder d, Ticket t, String text) {
    for (ResidentRef r : t.reporters()) {
      d.send(new Outgoing.Reply(r.platform(), r.channelId(), r.conversationId(), text, Outgoing.Lane.INTERACTIVE));
    }
  }

  private static String actor(List<StaffRole> roles) {
    StaffRole r = roles.get(0);
    return "staff:" + r.role().id() + ":" + r.person().name();
  }

  private static String display(String actor) {
    String[] parts = actor.split(":");
    return Role.byId(parts[1]).map(Role::chinese).orElse("") + parts[2];
  }

  private static String mentionText(List<cn.gridbot.handlers.directory.Person> people) {
    StringBuilder b = new StringBuilder();
    people.forEach(p -> b.append(" @").append(p.name()));
    return b.toString();
  }
}
