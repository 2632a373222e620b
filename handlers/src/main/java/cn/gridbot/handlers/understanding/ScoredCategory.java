package cn.gridbot.handlers.understanding;

import cn.gridbot.handlers.taxonomy.Category;

/** A category with the classifier's probability for it. */
public record ScoredCategory(Category category, double probability) {}
