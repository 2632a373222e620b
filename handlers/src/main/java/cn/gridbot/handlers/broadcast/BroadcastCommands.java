package cn.gridbot.handlers.broadcast;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Directory.StaffRole;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Tickets;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coordinators' notices to resident groups: 「通知 和平小区3号楼 明天上午9点到12点停水」 (or to a
 * compound, grid, community, street, everyone; optionally 「定时 明天08:00」) answers with a preview
 * — how many groups, on which platforms, how long the rate limits need — and sends only after
 * 「确认」; 「取消」 drops it; 「通知状态 #N1001」 reports per group. Community secretaries may
 * notify their community, the street command centre its street; nobody else.
 */
public final class BroadcastCommands implements ChatHandler {
  private static final Pattern NOTIFY = Pattern.compile("^通知\\s+(\\S+)\\s+(?:定时\\s*(\\S+(?:\\s+\\d{1,2}[:：]\\d{2})?)\\s+)?(.+)$", Pattern.DOTALL);
  private static final Pattern STATUS = Pattern.compile("^通知状态\\s*#?([Nn]\\d+)$");
  private static final Pattern WITHDRAW = Pattern.compile("^(?:撤回|撤销|取消)通知\\s*#?([Nn]\\d+)$");
  private static final Pattern CONFIRM = Pattern.compile("^(确认|确认发送)[。!！]*$");
  private static final Pattern CANCEL = Pattern.compile("^(取消|取消发送|不发了)[。!！]*$");
  private static final Pattern WHEN = Pattern.compile("^(今天|明天|后天|(?:(\\d{4})-)?(\\d{1,2})-(\\d{1,2}))?\\s*(\\d{1,2})[:：](\\d{2})$");

  private final Directory directory;
  private final BroadcastStore store;
  private final Estimator estimator;
  private final Targets targets;
  private final Clock clock;

  public BroadcastCommands(Directory directory, BroadcastStore store, Estimator estimator, Clock clock) {
    this.directory = directory;
    this.store = store;
    this.estimator = estimator;
    this.targets = new Targets(directory);
    this.clock = clock;
  }

  @Override
  public String name() {
    return "broadcast";
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage m) {
    String text = m.text().strip();
    Matcher notify = NOTIFY.matcher(text);
    Matcher status = STATUS.matcher(text);
    Matcher withdraw = WITHDRAW.matcher(text);
    boolean confirm = CONFIRM.matcher(text).matches();
    boolean cancel = CANCEL.matcher(text).matches();
    if (!notify.matches() && !status.matches() && !withdraw.matches() && !confirm && !cancel) {
      return Future.succeededFuture(Optional.empty());
    }
    List<StaffRole> roles = directory.rolesOf(m.senderMobile()).stream()
        .filter(r -> r.role() == Role.COMMUNITY_SECRETARY || r.role() == Role.STREET_COMMANDER).toList();
    String key = ResidentRef.of(m).key();
    if (confirm || cancel) {
      // Only a coordinator with a draft means these; anyone else's 确认/取消 is not for this handler.
      return roles.isEmpty() ? Future.succeededFuture(Optional.empty())
          : store.draft(key).compose(d -> d.isEmpty() ? Future.succeededFuture(Optional.empty())
              : confirm ? confirm(m, key, d.get()).map(Optional::of)
              : Future.succeededFuture(Optional.of(Decision.by(name()).state(new StateChange.ClearDraft(key))
                  .reply(m, "已取消，这条通知不会发送。").build())));
    }
    if (roles.isEmpty()) {
      return done(Decision.reply(name(), m, "抱歉，通知只能由社区书记或街道指挥中心发布。"));
    }
    if (status.matches()) {
      return report(m, status.group(1).toUpperCase());
    }
    if (withdraw.matches()) {
      return withdraw(m, roles, withdraw.group(1).toUpperCase());
    }
    return draft(m, key, roles, notify.group(1), notify.group(2), notify.group(3).strip());
  }

  private Future<Optional<Decision>> draft(InboundMessage m, String key, List<StaffRole> roles, String spec,
      String when, String text) {
    Optional<Targets.Resolved> resolved = targets.resolve(spec);
    if (resolved.isEmpty()) {
      return done(Decision.reply(name(), m, "没有识别出发送对象「" + spec + "」。可以写：和平小区3号楼、和平小区3、5号楼、"
          + "和平小区、heping-01、和平社区全体、桂林路街道、全体。"));
    }
    Optional<String> outside = outside(roles, resolved.get().communities());
    if (outside.isPresent()) {
      return done(Decision.reply(name(), m, "抱歉，" + outside.get() + "不在您的管辖范围内，不能向其发送通知。"));
    }
    Instant sendAt = null;
    if (when != null) {
      Optional<Instant> at = parseWhen(when);
      if (at.isEmpty() || !at.get().isAfter(clock.instant())) {
        return done(Decision.reply(name(), m, "没有看懂定时「" + when + "」，或时间已过。例如：定时 明天08:00。"));
      }
      sendAt = at.get();
    }
    StaffRole r = roles.get(0);
    Notice n = new Notice(null, r.role().chinese() + r.person().name(), spec, resolved.get().groups(), text, sendAt,
        clock.instant());
    Estimator.Estimate e = estimator.estimate(n.groups());
    StringBuilder b = new StringBuilder("【通知预览】\n发送对象：").append(spec).append("，共 ").append(n.groups().size())
        .append(" 个楼栋群（");
    e.groupsByPlatform().forEach((platform, count) -> b.append(platformName(platform)).append(' ').append(count).append(' '));
    b.setLength(b.length() - 1);
    b.append("）\n");
    b.append(sendAt == null ? "立即发送" : "定时发送：" + Tickets.when(sendAt)).append("，按平台限速预计 ")
        .append(human(e.duration())).append(" 发完。\n内容：").append(text).append("\n回复「确认」发送，「取消」放弃。");
    return done(Decision.by(name()).state(new StateChange.DraftNotice(key, n)).reply(m, b.toString()).build());
  }

  private Future<Decision> confirm(InboundMessage m, String key, Notice draft) {
    return store.nextId().map(id -> {
      Notice n = draft.withId(id);
      Decision.Builder d = Decision.by(name()).tag(id).state(new StateChange.ClearDraft(key));
      if (n.sendAt() != null) {
        d.state(new StateChange.RecordNotice(n, true));
        return d.reply(m, "已安排：通知 #" + id + " 将于 " + Tickets.when(n.sendAt()) + " 发送到 " + n.groups().size()
            + " 个楼栋群。发送「通知状态 #" + id + "」查看进度。").build();
      }
      d.state(new StateChange.RecordNotice(n, false));
      messages(n).forEach(d::send);
      return d.reply(m, "已开始发送通知 #" + id + "（" + n.groups().size() + " 个楼栋群）。发送「通知状态 #" + id + "」查看进度。")
          .build();
    });
  }

  /** 撤回通知 #N1002: a scheduled notice that has not gone out yet is withdrawn (never sent). */
  private Future<Optional<Decision>> withdraw(InboundMessage m, List<StaffRole> roles, String id) {
    return store.get(id).compose(found -> {
      if (found.isEmpty()) {
        return done(Decision.reply(name(), m, "没有找到通知 #" + id + "。"));
      }
      Optional<String> outside = outside(roles, targets.resolve(found.get().targets())
          .map(Targets.Resolved::communities).orElse(Set.of()));
      if (outside.isPresent()) {
        return done(Decision.reply(name(), m, "抱歉，" + outside.get() + "不在您的管辖范围内，不能撤回这条通知。"));
      }
      return store.state(id).compose(state -> {
        if (!state.orElse("").equals("scheduled")) {
          return done(Decision.reply(name(), m, "通知 #" + id + (state.orElse("").equals("withdrawn") ? " 已撤回。"
              : " 已发送，无法撤回。")));
        }
        return done(Decision.by(name()).tag(id).state(new StateChange.WithdrawNotice(id))
            .reply(m, "已撤回定时通知 #" + id + "，它不会发送。").build());
      });
    });
  }

  /** The messages of a notice: one bulk push per group. */
  public static List<Outgoing> messages(Notice n) {
    String body = "【社区通知】" + n.text() + "\n—— " + n.author();
    return n.groups().stream().<Outgoing>map(g -> new Outgoing.GroupPush(g, body, List.of(), Outgoing.Lane.BULK)).toList();
  }

  private Future<Optional<Decision>> report(InboundMessage m, String id) {
    return store.get(id).compose(found -> {
      if (found.isEmpty()) {
        return done(Decision.reply(name(), m, "没有找到通知 #" + id + "。"));
      }
      Notice n = found.get();
      return store.status(id).compose(status -> store.state(id).map(state -> {
        long sent = status.values().stream().filter("sent"::equals).count();
        List<Map.Entry<String, String>> failed = status.entrySet().stream()
            .filter(x -> x.getValue().startsWith("failed")).toList();
        long pending = n.groups().size() - sent - failed.size();
        StringBuilder b = new StringBuilder("通知 #" + id + "（" + n.targets() + "）：");
        if (state.orElse("").equals("withdrawn")) {
          return Optional.of(Decision.reply(name(), m, b.append("已撤回，未发送。").toString()));
        }
        if (n.sendAt() != null && n.sendAt().isAfter(clock.instant())) {
          b.append("定时 ").append(Tickets.when(n.sendAt())).append("，");
        }
        b.append("已发送 ").append(sent).append("，待发送 ").append(pending).append("，失败 ").append(failed.size());
        failed.stream().limit(10).forEach(f -> b.append("\n· ").append(f.getKey()).append("：").append(f.getValue()));
        return Optional.of(Decision.reply(name(), m, b.toString()));
      }));
    });
  }

  /** The first community of the targets outside the coordinator's area, if any. */
  private Optional<String> outside(List<StaffRole> roles, Set<String> communities) {
    for (String c : communities) {
      Community community = directory.community(c).orElseThrow();
      boolean mine = roles.stream().anyMatch(r ->
          (r.role() == Role.COMMUNITY_SECRETARY && r.placeId().equals(c))
              || (r.role() == Role.STREET_COMMANDER && r.placeId().equals(community.streetId())));
      if (!mine) {
        return Optional.of(community.name());
      }
    }
    return Optional.empty();
  }

  Optional<Instant> parseWhen(String s) {
    Matcher m = WHEN.matcher(s.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    ZonedDateTime now = clock.instant().atZone(Tickets.ZONE);
    LocalDate day = now.toLocalDate();
    String word = m.group(1);
    if ("明天".equals(word)) {
      day = day.plusDays(1);
    } else if ("后天".equals(word)) {
      day = day.plusDays(2);
    } else if (m.group(3) != null) {
      int year = m.group(2) != null ? Integer.parseInt(m.group(2)) : day.getYear();
      try {
        day = LocalDate.of(year, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
      } catch (java.time.DateTimeException e) {
        return Optional.empty();
      }
    }
    int h = Integer.parseInt(m.group(5));
    int min = Integer.parseInt(m.group(6));
    if (h > 23 || min > 59) {
      return Optional.empty();
    }
    return Optional.of(day.atTime(LocalTime.of(h, min)).atZone(Tickets.ZONE).toInstant());
  }

  static String platformName(String p) {
    return switch (p) {
      case "sandbox" -> "沙箱";
      case "wecom" -> "企业微信";
      case "dingtalk" -> "钉钉";
      case "feishu" -> "飞书";
      default -> p;
    };
  }

  static String human(Duration d) {
    if (d.toSeconds() < 60) {
      return "1 分钟内";
    }
    return (d.toMinutes() + 1) + " 分钟";
  }

  private static Future<Optional<Decision>> done(Decision d) {
    return Future.succeededFuture(Optional.of(d));
  }
}
