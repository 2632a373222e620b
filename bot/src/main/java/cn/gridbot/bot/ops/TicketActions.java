package cn.gridbot.bot.ops;

import cn.gridbot.bot.ops.ApiConfig.Coordinator;
import cn.gridbot.bot.store.DecisionWriter;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.staff.StaffCommands;
import cn.gridbot.handlers.staff.TicketMerge;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketChange;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Ticket writes of the admin API through the same rules and the same atomic write as chat: a
 * coordinator's action is the chat command they would type (转派, 升级, 吹哨, 关闭), given to
 * {@link StaffCommands} as a message from their directory mobile on platform {@code api}; the
 * decision is committed by {@link DecisionWriter} (version-checked, with every message it sends).
 * The bot's reply to the coordinator is returned to the API caller instead of being sent.
 */
final class TicketActions {
  static final String PLATFORM = "api";
  private static final int MAX_CONFLICTS = 3;

  private final Desk desk;
  private final StaffCommands staff;
  private final TicketMerge merge;
  private final DecisionWriter writer;

  TicketActions(Desk desk, DecisionWriter writer) {
    this.desk = desk;
    this.staff = new StaffCommands(desk);
    this.merge = new TicketMerge(desk.tickets());
    this.writer = writer;
  }

  /** What became of an action: applied (with the ticket after it) or refused with the reason. */
  record Result(boolean applied, String message, Ticket ticket) {}

  /** Runs chat command {@code verb} on ticket {@code id} as the coordinator. Called on an event loop. */
  Future<Result> command(Coordinator who, String verb, String id, String arg) {
    String text = verb + " #" + id + (arg == null || arg.isBlank() ? "" : " " + arg.strip());
    return attempt(who, text, id, 0);
  }

  private Future<Result> attempt(Coordinator who, String text, String id, int conflicts) {
    InboundMessage m = message(who, text);
    return staff.handle(m).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(new Result(false, "unknown command", null));
      }
      StringBuilder reply = new StringBuilder();
      Decision d = withoutApiReplies(found.get(), reply);
      if (d.tickets().isEmpty()) {
        return Future.succeededFuture(new Result(false, reply.toString(), null));
      }
      return commit(d, id, reply.toString(),
          () -> attempt(who, text, id, conflicts + 1), conflicts);
    });
  }

  /**
   * The decision without what the bot would have answered the coordinator on platform
   * {@code api} (appended to {@code reply}): that answer goes back to the API caller instead.
   */
  static Decision withoutApiReplies(Decision d, StringBuilder reply) {
    List<Outgoing> rest = new ArrayList<>();
    for (Outgoing o : d.outgoing()) {
      if (o instanceof Outgoing.Reply r && r.platform().equals(PLATFORM)) {
        reply.append(reply.length() == 0 ? "" : "\n").append(r.text());
      } else {
        rest.add(o);
      }
    }
    return new Decision(d.handler(), rest, d.tickets(), d.state(), d.tag());
  }

  /** The message a coordinator's API action stands for, from their directory mobile. */
  static InboundMessage message(Coordinator who, String text) {
    return new InboundMessage(PLATFORM, "admin", UUID.randomUUID().toString(),
        "api:" + who.tokenId(), who.tokenId(), who.person().name(), who.person().mobile(), null, text, Instant.now());
  }

  /** Merges ticket {@code id} into {@code into}. */
  Future<Result> merge(Coordinator who, Ticket source, Ticket target, String note, int conflicts) {
    String actor = "coordinator:" + who.role().id() + ":" + who.person().name();
    TicketMerge.Result r = merge.merge(source, target, actor, PLATFORM, note);
    if (r.refused()) {
      return Future.succeededFuture(new Result(false, r.refusal(), null));
    }
    return commit(r.decision(), source.id(), "已将工单 " + source.ref() + " 并入 " + target.ref() + "。",
        () -> desk.ticketStore().get(source.id()).compose(s -> desk.ticketStore().get(target.id())
            .compose(t -> merge(who, s.orElseThrow(), t.orElseThrow(), note, conflicts + 1))), conflicts);
  }

  private Future<Result> commit(Decision d, String id, String message,
      java.util.function.Supplier<Future<Result>> retry, int conflicts) {
    return writer.commit(d, null, null, null, null).compose(res -> {
      if (res == DecisionWriter.Result.CONFLICT) {
        return conflicts >= MAX_CONFLICTS
            ? Future.succeededFuture(new Result(false, "工单正在被其他人修改，请稍后重试。", null))
            : retry.get();
      }
      Optional<Ticket> after = d.tickets().stream().map(TicketChange::after)
          .filter(t -> t.id().equalsIgnoreCase(id)).findFirst();
      return Future.succeededFuture(new Result(true, message, after.orElse(null)));
    });
  }
}
