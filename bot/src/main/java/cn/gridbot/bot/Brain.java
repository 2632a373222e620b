package cn.gridbot.bot;

import cn.gridbot.handlers.routing.Triage;
import cn.gridbot.handlers.understanding.Understanding;

/**
 * The understanding side the service runs with: the reader of messages, the router, and the
 * confidence below which the bot asks the resident instead of guessing.
 */
public record Brain(Understanding understanding, Triage triage, double askBelow) {}
