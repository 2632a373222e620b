package cn.gridbot.handlers.staff;

import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStatus;
import cn.gridbot.handlers.ticket.Tickets;
import java.util.List;

/**
 * Merging a ticket into another that is about the same problem: the source becomes
 * {@link TicketStatus#MERGED} and points at the target, its reporters follow the target (they hear
 * its outcome), both histories say so, and the source's reporters are told. Pure.
 */
public final class TicketMerge {
  private final Tickets tickets;

  public TicketMerge(Tickets tickets) {
    this.tickets = tickets;
  }

  /** The decision, or a refusal (a decision with no ticket change and the reason as its reply). */
  public Result merge(Ticket source, Ticket target, String actor, String channel, String note) {
    if (source.id().equals(target.id())) {
      return Result.refused("不能把工单合并到它自己。");
    }
    if (!source.status().canBecome(TicketStatus.MERGED)) {
      return Result.refused("工单" + source.ref() + "当前状态为「" + source.status().chinese() + "」，不能合并。");
    }
    if (!target.status().isOpen()) {
      return Result.refused("目标工单" + target.ref() + "当前状态为「" + target.status().chinese() + "」，不能并入。");
    }
    Ticket merged = source.mergedInto(target.id(), tickets.now());
    Ticket grown = target;
    for (ResidentRef r : source.reporters()) {
      boolean known = grown.reporters().stream().anyMatch(x -> x.key().equals(r.key()));
      if (!known) {
        grown = grown.withFollower(r, tickets.now());
      }
    }
    if (grown == target) {
      grown = target.touched(tickets.now());
    }
    String why = note == null || note.isBlank() ? null : note;
    Decision.Builder d = Decision.by("merge")
        .ticket(tickets.amend(source, merged, actor, "合并", channel, "→ " + target.ref() + (why == null ? "" : "：" + why)))
        .ticket(tickets.amend(target, grown, actor, "并入", channel, source.ref() + " 并入本工单"));
    for (ResidentRef r : source.reporters()) {
      d.send(new Outgoing.Reply(r.platform(), r.channelId(), r.conversationId(), "您反映的问题 " + source.ref()
          + " 与工单 " + target.ref() + " 是同一问题，已合并处理（" + Tickets.line(target) + "），办结时会通知您。",
          Outgoing.Lane.INTERACTIVE));
    }
    return new Result(d.build(), null);
  }

  /** A decision to commit, or the reason it was refused. */
  public record Result(Decision decision, String refusal) {
    static Result refused(String reason) {
      return new Result(null, reason);
    }

    public boolean refused() {
      return decision == null;
    }

    public List<cn.gridbot.handlers.ticket.TicketChange> changes() {
      return decision == null ? List.of() : decision.tickets();
    }
  }
}
