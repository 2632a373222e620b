package cn.gridbot.handlers.ticket;

/**
 * A ticket write as data: the new state, the history event, and the version it was based on
 * ({@code 0} for a new ticket). The store applies it only if the stored version still is
 * {@code baseVersion}, together with every other write of the same decision.
 */
public record TicketChange(Ticket after, TicketStatus before, long baseVersion, TicketEvent event) {}
