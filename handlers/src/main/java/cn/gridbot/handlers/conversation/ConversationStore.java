package cn.gridbot.handlers.conversation;

import cn.gridbot.handlers.understanding.Place;
import io.vertx.core.Future;
import java.util.Optional;

/** Read side of conversation state. Called on an event loop; must not block. */
public interface ConversationStore {
  /** The open question in a resident's conversation, if any (lapsed ones are gone). */
  Future<Optional<PendingQuestion>> pending(String residentKey);

  /** The resident's remembered home address, if told. */
  Future<Optional<Place>> home(String residentKey);
}
