package cn.gridbot.handlers.understanding;

import java.util.List;

/**
 * What the understanding step reads from one message, before routing: the category (after
 * keyword overrides), the classifier's ranking, the emergency flag, and the place as stated.
 *
 * @param ranked the classifier's top categories, best first (at least one)
 * @param atHome true when the message concerns the sender at home ("我家老人..."), which exempts
 *     health and vulnerable_care from needing a place
 */
public record Reading(ScoredCategory best, List<ScoredCategory> ranked, boolean emergency,
    Place place, boolean atHome) {}
