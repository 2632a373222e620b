package cn.gridbot.handlers.broadcast;

import java.time.Instant;
import java.util.List;

/**
 * A coordinator's notice to resident groups ("通知"), as drafted and, once confirmed, as sent.
 *
 * @param id {@code N1001} once confirmed, null while a draft
 * @param author who sent it (role and name)
 * @param targets what the coordinator named, as people read it
 * @param groups the resident groups it goes to
 * @param sendAt when to send (定时), or null for now
 */
public record Notice(String id, String author, String targets, List<String> groups, String text,
    Instant sendAt, Instant createdAt) {
  public Notice {
    groups = List.copyOf(groups);
  }

  public Notice withId(String newId) {
    return new Notice(newId, author, targets, groups, text, sendAt, createdAt);
  }
}
