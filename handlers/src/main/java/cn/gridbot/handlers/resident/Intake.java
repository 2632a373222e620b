package cn.gridbot.handlers.resident;

import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.conversation.PendingQuestion;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.routing.Routing;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Role;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.ticket.Texts;
import cn.gridbot.handlers.ticket.Ticket;
import cn.gridbot.handlers.ticket.TicketStore;
import cn.gridbot.handlers.ticket.TicketChange;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.handlers.understanding.ScoredCategory;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an understood report into a ticket (or a +1 on an open one, or a question back to the
 * resident). Shared by the report handler and the follow-up handler.
 */
final class Intake {
  private final Desk desk;

  Intake(Desk desk) {
    this.desk = desk;
  }

  /** A report to file: what was read, the category settled on, and where. */
  record Report(InboundMessage message, String text, Reading reading, Category category, Place place,
      boolean fromHome) {}

  /**
   * Files a report whose category is settled: asks for the place when it is needed and missing,
   * joins a duplicate, or opens a ticket.
   */
  Future<Decision> file(Report r, Decision.Builder d) {
    Reading reading = withCategory(r.reading(), r.category());
    Routing routing = desk.triage().route(reading, r.place(), r.text());
    if (routing.needsLocation()) {
      return Future.succeededFuture(askLocation(r, d, 1));
    }
    String key = Texts.placeKey(r.place());
    if (reading.emergency() || key == null || routing.gridId() == null) {
      return open(r, reading, routing, d);
    }
    // Compare texts first; only a likely duplicate is loaded whole (a ticket carries every follower).
    return desk.ticketStore().openReportsAt(r.category(), key, desk.tickets().now().minus(desk.duplicateWindow()))
        .compose(open -> {
          Optional<TicketStore.OpenReport> same = open.stream()
              .filter(t -> Texts.similarityOfProblem(desk.directory(), t.text(), r.text()) >= desk.duplicateSimilarity())
              .findFirst();
          if (same.isEmpty()) {
            return open(r, reading, routing, d);
          }
          return desk.ticketStore().get(same.get().id()).compose(t -> t.isPresent() && t.get().status().isOpen()
              ? Future.succeededFuture(follow(r, t.get(), d)) : open(r, reading, routing, d));
        });
  }

  /** Opens the ticket for a person at the community to sort out (no grid could be found). */
  Future<Decision> toCommunity(Report r, Decision.Builder d) {
    Reading reading = withCategory(r.reading(), r.category());
    Routing routing = desk.triage().route(reading, r.place(), r.text());
    return open(r, reading, new Routing(routing.priority(), null, routing.communityId(), false, List.of(),
        routing.department()), d);
  }

  private Decision follow(Report r, Ticket t, Decision.Builder d) {
    ResidentRef me = ResidentRef.of(r.message());
    if (t.resident().key().equals(me.key()) || t.followers().stream().anyMatch(f -> f.key().equals(me.key()))) {
      return d.reply(r.message(), "您已反映过这个问题，工单 " + t.ref() + " 正在处理（" + t.status().chinese()
          + "），有进展会马上告诉您。").build();
    }
    Ticket after = t.withFollower(me, desk.tickets().now());
    d.ticket(desk.tickets().amend(t, after, "resident:" + me.senderId(), "+1", r.message().platform(),
        Texts.maskPhones(r.text())));
    d.reply(r.message(), "已收到！同一问题已有邻居反映，工单 " + t.ref() + " 正在处理（" + t.status().chinese()
        + "）。已把您加入关注，办结时会同时通知您。");
    if (t.gridId() != null) {
      d.send(new Outgoing.GroupPush(desk.directory().groups().ofGrid(t.gridId()),
          "【工单 " + t.ref() + " +1】又有居民反映同一问题（共" + (after.followers().size() + 1) + "人）："
              + "「" + Texts.maskPhones(r.text()) + "」",
          List.of(), Outgoing.Lane.INTERACTIVE));
    }
    return d.build();
  }

  private Future<Decision> open(Report r, Reading reading, Routing routing, Decision.Builder d) {
    Routing effective = routing.gridId() == null ? communityTriage(reading, routing) : routing;
    return desk.ticketStore().nextId().map(id -> {
      InboundMessage m = r.message();
      TicketChange created = desk.tickets().open(id, r.category(), reading.emergency(), effective, r.place(),
          ResidentRef.of(m), r.text(), m.platform());
      Ticket t = created.after();
      d.ticket(created);
      if (t.emergency()) {
        d.send(new Outgoing.Reply(m.platform(), m.channelId(), m.conversationId(), Wording.emergency(t, desk),
            Outgoing.Lane.EMERGENCY));
      }
      d.send(new Outgoing.Reply(m.platform(), m.channelId(), m.conversationId(),
          Wording.accepted(t, desk, r.fromHome()), t.emergency() ? Outgoing.Lane.EMERGENCY : Outgoing.Lane.INTERACTIVE));
      if (t.gridId() != null) {
        d.send(desk.tickets().assignment(t, desk.directory().groups().ofGrid(t.gridId()), "新工单"));
      } else if (t.communityId() != null) {
        d.send(desk.tickets().assignment(t, desk.directory().groups().ofCommunity(t.communityId()), "待分拨工单"));
      }
      if (t.emergency() && t.communityId() != null) {
        desk.directory().community(t.communityId()).ifPresent(c -> d.send(new Outgoing.GroupPush(
            desk.directory().groups().ofStreet(c.streetId()),
            "【紧急情况通报】" + t.ref() + " " + t.category().chinese() + "，地点：" + t.placeLabel()
                + "。「" + t.text() + "」已通知网格长与社区民警。",
            List.of(), Outgoing.Lane.EMERGENCY)));
      }
      d.state(new StateChange.ClearQuestion(ResidentRef.of(m).key()));
      return d.build();
    });
  }

  /**
   * A report with no grid (a question with no place, or an emergency whose place is unknown)
   * goes to the triage community: its responders for the category, else the service desk.
   */
  private Routing communityTriage(Reading reading, Routing routing) {
    Community c = routing.communityId() != null
        ? desk.directory().community(routing.communityId()).orElse(null)
        : desk.directory().communities().iterator().next();
    List<Member> people = new ArrayList<>();
    for (Role role : reading.best().category().responders()) {
      c.staff(role).ifPresent(p -> people.add(new Member(role, p, false)));
    }
    if (reading.emergency()) {
      c.staff(Role.COMMUNITY_SECRETARY).ifPresent(p -> people.add(new Member(Role.COMMUNITY_SECRETARY, p, false)));
      c.staff(Role.POLICE).ifPresent(p -> people.add(new Member(Role.POLICE, p, false)));
    }
    if (people.isEmpty()) {
      c.staff(Role.SERVICE_DESK).ifPresent(p -> people.add(new Member(Role.SERVICE_DESK, p, false)));
    }
    return new Routing(routing.priority(), null, c.id(), false, people, routing.department());
  }

  Decision askLocation(Report r, Decision.Builder d, int attempt) {
    ResidentRef me = ResidentRef.of(r.message());
    PendingQuestion q = new PendingQuestion(PendingQuestion.Kind.LOCATION, me, Texts.maskPhones(r.text()),
        r.category(), List.of(), r.reading().emergency(), attempt, desk.tickets().now(),
        desk.tickets().now().plus(desk.questionTtl()));
    d.state(new StateChange.Ask(me.key(), q));
    String ask = attempt == 1 ? Wording.askLocation(r.category(), r.place(), desk.directory())
        : Wording.askLocationAgain(desk.directory());
    if (r.reading().emergency()) {
      // One message on the emergency lane: the public number comes first, and the question cannot
      // overtake it (the lanes are drained independently).
      d.send(new Outgoing.Reply(r.message().platform(), r.message().channelId(), r.message().conversationId(),
          Wording.emergencyNoPlace(r.category()) + "\n" + ask, Outgoing.Lane.EMERGENCY));
    } else {
      d.reply(r.message(), ask);
    }
    return d.build();
  }

  Decision askCategory(InboundMessage m, String text, Reading reading, Decision.Builder d) {
    List<Category> choices = reading.ranked().stream().map(ScoredCategory::category)
        .filter(c -> c != Category.OTHER).limit(3).toList();
    ResidentRef me = ResidentRef.of(m);
    d.state(new StateChange.Ask(me.key(), new PendingQuestion(PendingQuestion.Kind.CATEGORY, me,
        Texts.maskPhones(text), null, choices, false, 1, desk.tickets().now(),
        desk.tickets().now().plus(desk.questionTtl()))));
    return d.reply(m, Wording.askCategory(choices)).build();
  }

  static Reading withCategory(Reading r, Category c) {
    if (r.best().category() == c) {
      return r;
    }
    double p = r.ranked().stream().filter(s -> s.category() == c).mapToDouble(ScoredCategory::probability)
        .findFirst().orElse(1.0);
    return new Reading(new ScoredCategory(c, p), r.ranked(), r.emergency(), r.place(), r.atHome());
  }

  /** Whether the routed place resolves to a grid. */
  boolean resolves(Reading reading, Place place, String text) {
    return desk.triage().route(reading, place, text).gridId() != null;
  }
}
