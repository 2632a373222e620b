package cn.gridbot.handlers.resident;

import cn.gridbot.handlers.ChatHandler;
import cn.gridbot.handlers.Decision;
import cn.gridbot.handlers.Desk;
import cn.gridbot.handlers.InboundMessage;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.ticket.ResidentRef;
import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A resident's new message in a direct chat: chit-chat gets a friendly answer, a report becomes a
 * ticket (or a question back when the kind or the place is unclear). Uses the remembered home
 * address when the message names no place.
 */
public final class ReportHandler implements ChatHandler {
  private static final Pattern THANKS = Pattern.compile(".*(谢谢|感谢|多谢|辛苦了|thank).*", Pattern.CASE_INSENSITIVE);
  private final Desk desk;
  private final Intake intake;

  public ReportHandler(Desk desk) {
    this.desk = desk;
    this.intake = new Intake(desk);
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage m) {
    if (m.inGroup()) {
      return Future.succeededFuture(Optional.empty());
    }
    Reading reading = desk.understanding().read(m.text());
    Category category = reading.best().category();
    if (category == Category.OTHER && !reading.emergency()) {
      if (THANKS.matcher(m.text()).matches()) {
        return Future.succeededFuture(Optional.of(Decision.reply(name(), m, Wording.thanks())));
      }
      return Future.succeededFuture(Optional.empty()); // the help fallback answers
    }
    Decision.Builder d = Decision.by(name());
    if (!reading.emergency() && reading.best().probability() < desk.askBelow()) {
      return Future.succeededFuture(Optional.of(intake.askCategory(m, m.text(), reading, d)));
    }
    String residentKey = ResidentRef.of(m).key();
    return placeWithHome(reading, residentKey, m.text()).compose(p -> intake.file(
        new Intake.Report(m, m.text(), reading, category, p.place(), p.fromHome()), d)).map(Optional::of);
  }

  record Located(Place place, boolean fromHome) {}

  /** The stated place, or the remembered home when the stated one does not resolve. */
  private Future<Located> placeWithHome(Reading reading, String residentKey, String text) {
    Place stated = reading.place();
    if (intake.resolves(reading, stated, text)) {
      return Future.succeededFuture(new Located(stated, false));
    }
    return desk.conversations().home(residentKey).map(home -> {
      if (home.isEmpty() || stated.compoundId() != null || stated.segmentId() != null) {
        return new Located(stated, false);
      }
      Place merged = stated.building() != null ? new Place(home.get().compoundId(), stated.building(),
          stated.unit(), stated.room(), null) : home.get();
      return intake.resolves(reading, merged, text) ? new Located(merged, true) : new Located(stated, false);
    });
  }
}
