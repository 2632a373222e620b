package cn.gridbot.handlers.resident;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.conversation.PendingQuestion;
import cn.gridbot.handlers.conversation.StateChange;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * A resident's answer to the bot's open question: the place of a report, or which kind of
 * problem it is. Completes the report from the answer; asks once more when the place still does
 * not resolve, then hands the report to the community.
 */
public final class FollowUpHandler implements ChatHandler {
  private final Desk desk;
  private final Intake intake;

  public FollowUpHandler(Desk desk) {
    this.desk = desk;
    this.intake = new Intake(desk);
  }

  @Override
  public String name() {
    return "follow-up";
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage m) {
    if (m.inGroup()) {
      return Future.succeededFuture(Optional.empty());
    }
    return desk.conversations().pending(ResidentRef.of(m).key()).compose(q -> {
      if (q.isEmpty() || ResidentCommands.isCommand(m.text())) {
        return Future.succeededFuture(Optional.empty());
      }
      return (q.get().kind() == PendingQuestion.Kind.LOCATION ? location(m, q.get()) : category(m, q.get()))
          .map(Optional::of);
    });
  }

  private Future<Decision> location(InboundMessage m, PendingQuestion q) {
    Reading original = desk.understanding().read(q.text());
    Reading answer = desk.understanding().read(m.text());
    Place place = answer.place().isEmpty() ? original.place() : answer.place().orElse(original.place());
    Reading settled = Intake.withCategory(new Reading(original.best(), original.ranked(),
        q.emergency() || original.emergency(), place, original.atHome()), q.category());
    Decision.Builder d = Decision.by(name());
    Intake.Report report = new Intake.Report(m, q.text(), settled, q.category(), place, false);
    if (intake.resolves(settled, place, q.text())) {
      return intake.file(report, d);
    }
    if (q.attempts() < 2) {
      return Future.succeededFuture(intake.askLocation(report, d, q.attempts() + 1));
    }
    // Still no place after asking twice: a person at the community sorts it out.
    return intake.toCommunity(report, d);
  }

  private Future<Decision> category(InboundMessage m, PendingQuestion q) {
    Category chosen = choice(m.text().strip(), q.choices());
    Reading original = desk.understanding().read(q.text());
    Decision.Builder d = Decision.by(name()).state(new StateChange.ClearQuestion(ResidentRef.of(m).key()));
    if (chosen == null) {
      Category guess = q.choices().isEmpty() ? Category.SUGGESTION : q.choices().get(0);
      return intake.toCommunity(new Intake.Report(m, q.text(), original, guess, original.place(), false), d);
    }
    return intake.file(new Intake.Report(m, q.text(), original, chosen, original.place(), false), d);
  }

  /** "2", "２", "第二个", or the category's Chinese name; null for "none of these" or no match. */
  static Category choice(String answer, List<Category> choices) {
    String a = answer.replace("第", "").replace("个", "").replace("类", "").strip();
    String[] numerals = {"一", "二", "三", "四"};
    for (int i = 0; i < choices.size(); i++) {
      String n = Integer.toString(i + 1);
      String wide = String.valueOf((char) ('１' + i));
      if (a.equals(n) || a.equals(wide) || a.equals(numerals[i]) || a.contains(choices.get(i).chinese())) {
        return choices.get(i);
      }
    }
    return null;
  }
}
