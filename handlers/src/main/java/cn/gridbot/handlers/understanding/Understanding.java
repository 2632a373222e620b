package cn.gridbot.handlers.understanding;

/**
 * The port to the understanding step (classifier, rules, place extraction).
 *
 * <p>Implementations are thread-safe and CPU-only (no I/O): a call takes microseconds and may run
 * on an event loop. Loading a model is not part of this port and must happen off the event loop.
 */
public interface Understanding {
  /** Reads one resident message. Never fails on odd text: empty text reads as {@code other}. */
  Reading read(String text);
}
