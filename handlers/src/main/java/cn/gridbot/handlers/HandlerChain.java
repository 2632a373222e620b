package cn.gridbot.handlers;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The ordered list of handlers, specific to general, with a fallback that always answers. Wired
 * explicitly in one place; no scanning.
 */
public final class HandlerChain {
  private final List<ChatHandler> handlers;
  private final ChatHandler fallback;

  public HandlerChain(List<ChatHandler> handlers, ChatHandler fallback) {
    this.handlers = List.copyOf(handlers);
    this.fallback = java.util.Objects.requireNonNull(fallback, "fallback == null");
  }

  public List<String> names() {
    List<String> names = new java.util.ArrayList<>();
    handlers.forEach(h -> names.add(h.name()));
    names.add(fallback.name());
    return names;
  }

  /** Runs the chain for one message; never completes empty. Called on an event loop. */
  public Future<Decision> handle(InboundMessage message) {
    return tryFrom(0, message);
  }

  private Future<Decision> tryFrom(int index, InboundMessage message) {
    ChatHandler handler = index < handlers.size() ? handlers.get(index) : fallback;
    return handler.handle(message).compose(decision -> {
      if (decision.isPresent()) {
        return Future.succeededFuture(decision.get());
      }
      if (handler == fallback) {
        return Future.failedFuture(new IllegalStateException(
            "fallback handler " + fallback.name() + " declined a message"));
      }
      return tryFrom(index + 1, message);
    });
  }
}
