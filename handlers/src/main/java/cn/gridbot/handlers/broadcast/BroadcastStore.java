package cn.gridbot.handlers.broadcast;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Optional;

/** Read side of notices. Called on an event loop; must not block. */
public interface BroadcastStore {
  /** A fresh id such as {@code N1001}. */
  Future<String> nextId();

  /** A coordinator's unconfirmed draft. */
  Future<Optional<Notice>> draft(String coordinatorKey);

  Future<Optional<Notice>> get(String id);

  /** The notice's state: {@code scheduled}, {@code sent} or {@code withdrawn}; empty for an unknown id. */
  Future<Optional<String>> state(String id);

  /** Delivery status per group: "sent" or "failed: reason"; groups not listed are pending. */
  Future<Map<String, String>> status(String id);
}
