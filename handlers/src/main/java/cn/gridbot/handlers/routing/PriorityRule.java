package cn.gridbot.handlers.routing;

import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Priority;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exception to a category's default priority, read from {@code config/understanding.yaml}:
 * a report of {@code category} whose (normalised) text matches {@code when} gets {@code priority}
 * (e.g. building_facility + "电梯坏了" → P1).
 */
public record PriorityRule(Category category, Pattern when, Priority priority) {
  public PriorityRule {
    Objects.requireNonNull(category, "category == null");
    Objects.requireNonNull(when, "when == null");
    Objects.requireNonNull(priority, "priority == null");
  }

  public boolean applies(Category c, String text) {
    return category == c && text != null && when.matcher(text).find();
  }
}
