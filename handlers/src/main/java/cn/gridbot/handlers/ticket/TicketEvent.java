package cn.gridbot.handlers.ticket;

import java.time.Instant;

/**
 * One entry of a ticket's history: who did what, when, through which channel, with an optional
 * note. {@code from} is null for the creating event.
 */
public record TicketEvent(Instant at, String actor, String action, String channel,
    TicketStatus from, TicketStatus to, String note) {}
