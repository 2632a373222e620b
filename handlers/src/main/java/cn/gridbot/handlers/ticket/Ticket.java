package cn.gridbot.handlers.ticket;

import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.understanding.Place;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A report being followed to its end. Immutable: changes make a new ticket with
 * {@code version + 1}; the store refuses a write whose base version is not the stored one.
 *
 * @param text the resident's words with phone numbers masked
 * @param level escalation level: 0 grid, 1 community, 2 street
 * @param followers residents who reported the same problem (+1)
 * @param mergedInto the ticket this one was merged into, when {@link TicketStatus#MERGED}
 */
public record Ticket(String id, long version, TicketStatus status, Category category,
    Priority priority, boolean emergency, Place place, String placeLabel, String gridId,
    String communityId, Department department, List<Member> assignees, ResidentRef resident,
    String text, Instant createdAt, Instant updatedAt, Instant acceptBy, Instant resolveBy,
    int level, List<ResidentRef> followers, List<String> attachments, String mergedInto) {

  public Ticket {
    assignees = List.copyOf(assignees);
    followers = List.copyOf(followers);
    attachments = List.copyOf(attachments);
  }

  /** The number residents and staff see, e.g. {@code #A1024}. */
  public String ref() {
    return "#" + id;
  }

  public Ticket withStatus(TicketStatus next, Instant at) {
    return new Ticket(id, version + 1, next, category, priority, emergency, place, placeLabel,
        gridId, communityId, department, assignees, resident, text, createdAt, at, acceptBy,
        resolveBy, level, followers, attachments, mergedInto);
  }

  /** New assignees (possibly in another grid), status {@code next}. */
  public Ticket reassigned(List<Member> next, String grid, String community, TicketStatus nextStatus, Instant at) {
    return new Ticket(id, version + 1, nextStatus, category, priority, emergency, place, placeLabel,
        grid, community, department, next, resident, text, createdAt, at, acceptBy, resolveBy,
        level, followers, attachments, mergedInto);
  }

  /** The same ticket, one version on: for changes that live only in the history (a note). */
  public Ticket touched(Instant at) {
    return new Ticket(id, version + 1, status, category, priority, emergency, place, placeLabel,
        gridId, communityId, department, assignees, resident, text, createdAt, at, acceptBy,
        resolveBy, level, followers, attachments, mergedInto);
  }

  public Ticket withFollower(ResidentRef follower, Instant at) {
    List<ResidentRef> next = new ArrayList<>(followers);
    next.add(follower);
    return new Ticket(id, version + 1, status, category, priority, emergency, place, placeLabel,
        gridId, communityId, department, assignees, resident, text, createdAt, at, acceptBy,
        resolveBy, level, next, attachments, mergedInto);
  }

  public Ticket withAttachment(String link, Instant at) {
    List<String> next = new ArrayList<>(attachments);
    next.add(link);
    return new Ticket(id, version + 1, status, category, priority, emergency, place, placeLabel,
        gridId, communityId, department, assignees, resident, text, createdAt, at, acceptBy,
        resolveBy, level, followers, next, mergedInto);
  }

  public Ticket withLevel(int nextLevel, Instant at) {
    return new Ticket(id, version + 1, status, category, priority, emergency, place, placeLabel,
        gridId, communityId, department, assignees, resident, text, createdAt, at, acceptBy,
        resolveBy, nextLevel, followers, attachments, mergedInto);
  }

  public Ticket mergedInto(String target, Instant at) {
    return new Ticket(id, version + 1, TicketStatus.MERGED, category, priority, emergency, place,
        placeLabel, gridId, communityId, department, assignees, resident, text, createdAt, at,
        acceptBy, resolveBy, level, followers, attachments, target);
  }

  /** Everyone to tell about the outcome: the reporter and the followers. */
  public List<ResidentRef> reporters() {
    List<ResidentRef> all = new ArrayList<>();
    all.add(resident);
    all.addAll(followers);
    return all;
  }
}
