package cn.gridbot.handlers.ticket;

import java.util.EnumSet;
import java.util.Set;

/** A ticket's lifecycle. {@link #canBecome} is the one table of legal transitions. */
public enum TicketStatus {
  NEW("新建"),
  ASSIGNED("已派单"),
  ACCEPTED("处理中"),
  RESOLVED("已办结"),
  CLOSED("已关闭"),
  REOPENED("已重启"),
  RETURNED("已退回社区"),
  CANCELLED("已撤销"),
  MERGED("已合并");

  private final String chinese;

  TicketStatus(String chinese) {
    this.chinese = chinese;
  }

  public String chinese() {
    return chinese;
  }

  /** Closed, cancelled and merged tickets take no more changes. */
  public boolean isTerminal() {
    return this == CLOSED || this == CANCELLED || this == MERGED;
  }

  /** Open: someone still has to act (not resolved and not terminal). */
  public boolean isOpen() {
    return !isTerminal() && this != RESOLVED;
  }

  public boolean canBecome(TicketStatus next) {
    return allowed().contains(next);
  }

  private Set<TicketStatus> allowed() {
    return switch (this) {
      case NEW -> EnumSet.of(ASSIGNED, RETURNED, CANCELLED, MERGED, CLOSED);
      case ASSIGNED -> EnumSet.of(ASSIGNED, ACCEPTED, RESOLVED, RETURNED, CANCELLED, MERGED, CLOSED);
      case ACCEPTED -> EnumSet.of(ASSIGNED, RESOLVED, RETURNED, CANCELLED, MERGED, CLOSED);
      case RESOLVED -> EnumSet.of(CLOSED, REOPENED);
      case REOPENED -> EnumSet.of(ASSIGNED, ACCEPTED, RESOLVED, RETURNED, CANCELLED, CLOSED);
      case RETURNED -> EnumSet.of(ASSIGNED, CANCELLED, CLOSED, MERGED);
      case CLOSED, CANCELLED, MERGED -> EnumSet.noneOf(TicketStatus.class);
    };
  }
}
