package cn.gridbot.handlers.visit;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;

/** Read side of visits to care targets. Called on an event loop; must not block. */
public interface VisitStore {
  /** The last visit per care target id; targets never visited are absent. */
  Future<Map<String, Instant>> lastVisits();
}
