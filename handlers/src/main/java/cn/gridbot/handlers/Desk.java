package cn.gridbot.handlers;

import cn.gridbot.handlers.conversation.ConversationStore;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.routing.Triage;
import cn.gridbot.handlers.ticket.TicketStore;
import cn.gridbot.handlers.ticket.Tickets;
import cn.gridbot.handlers.understanding.Understanding;
import java.time.Duration;

/**
 * What the conversational handlers share: the directory and ticket rules, the read ports, the
 * understanding step and the desk's settings.
 *
 * @param askBelow below this classifier probability the bot asks which kind of problem it is
 * @param duplicateWindow how far back a report at the same place can be a duplicate
 * @param duplicateSimilarity minimum wording similarity (character bigram Jaccard) of a duplicate
 * @param questionTtl how long the bot waits for an answer to its question
 */
public record Desk(Directory directory, Tickets tickets, TicketStore ticketStore,
    ConversationStore conversations, Understanding understanding, Triage triage,
    double askBelow, Duration duplicateWindow, double duplicateSimilarity, Duration questionTtl) {}
