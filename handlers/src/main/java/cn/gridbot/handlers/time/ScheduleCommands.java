package cn.gridbot.handlers.time;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Directory.StaffRole;
import cn.gridbot.handlers.taxonomy.Role;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Coordinators list the schedules (提醒列表) and run one by hand (立即提醒 patrol:heping-01). */
public final class ScheduleCommands implements ChatHandler {
  private static final Pattern LIST = Pattern.compile("^(提醒列表|定时任务)[？?]*$");
  private static final Pattern RUN = Pattern.compile("^(立即提醒|触发提醒|触发)\\s+(\\S+)$");
  private final Directory directory;
  private final ScheduleControl control;

  public ScheduleCommands(Directory directory, ScheduleControl control) {
    this.directory = directory;
    this.control = control;
  }

  @Override
  public String name() {
    return "schedules";
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage m) {
    String text = m.text().strip();
    Matcher run = RUN.matcher(text);
    boolean list = LIST.matcher(text).matches();
    if (!list && !run.matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    List<StaffRole> roles = directory.rolesOf(m.senderMobile());
    if (roles.stream().noneMatch(r -> r.role() == Role.COMMUNITY_SECRETARY || r.role() == Role.STREET_COMMANDER)) {
      return Future.succeededFuture(Optional.of(Decision.reply(name(), m, "抱歉，定时提醒只能由社区书记或街道指挥中心查看和触发。")));
    }
    if (list) {
      StringBuilder b = new StringBuilder("定时提醒：");
      control.schedules().forEach(s -> b.append("\n· ").append(s.id()).append("  ").append(s.description())
          .append("（").append(s.cron()).append("）"));
      b.append("\n回复「立即提醒 编号」可马上执行一次。");
      return Future.succeededFuture(Optional.of(Decision.reply(name(), m, b.toString())));
    }
    String id = run.group(2);
    return control.trigger(id)
        .map(v -> Optional.of(Decision.reply(name(), m, "已触发「" + id + "」，稍后即发出。")))
        .otherwise(err -> Optional.of(Decision.reply(name(), m, "没有这个定时提醒：" + id + "。发送「提醒列表」查看。")));
  }
}
