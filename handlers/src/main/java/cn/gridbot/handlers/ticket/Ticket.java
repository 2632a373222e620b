package cn.gridbot.handlers.ticket;

import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.taxonomy.Category;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Priority;
import cn.gridbot.handlers.understanding.Place;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A report being followed to its end. Immutable: every change makes a new ticket with
 * {@code version + 1}; the store refuses a write whose base version is not the stored one.
 *
 * @param text the resident's words with phone numbers masked
 * @param level escalation level: 0 grid, 1 community, 2 street (department pulled in), 3 the
 *     department missed its report time
 * @param escalatedAt when the ticket reached its current level (null at grid level)
 * @param departmentReported whether the pulled-in department reported (报到)
 * @param followers residents who reported the same problem (+1)
 * @param mergedInto the ticket this one was merged into, when {@link TicketStatus#MERGED}
 */
public record Ticket(String id, long version, TicketStatus status, Category category,
    Priority priority, boolean emergency, Place place, String placeLabel, String gridId,
    String communityId, Department department, List<Member> assignees, ResidentRef resident,
    String text, Instant createdAt, Instant updatedAt, Instant acceptBy, Instant resolveBy,
    int level, Instant escalatedAt, boolean departmentReported, List<ResidentRef> followers, List<String> attachments,
    String mergedInto) {

  public Ticket {
    assignees = List.copyOf(assignees);
    followers = List.copyOf(followers);
    attachments = List.copyOf(attachments);
  }

  /** The number residents and staff see, e.g. {@code #A1024}. */
  public String ref() {
    return "#" + id;
  }

  /** Waiting for someone to accept it (the accept deadline runs), as opposed to being worked on. */
  public boolean waitingForAccept() {
    return status == TicketStatus.NEW || status == TicketStatus.ASSIGNED
        || status == TicketStatus.REOPENED || status == TicketStatus.RETURNED;
  }

  public Ticket withStatus(TicketStatus next, Instant at) {
    return change(at, b -> b.status = next);
  }

  /** New assignees (possibly in another grid), status {@code nextStatus}. */
  public Ticket reassigned(List<Member> next, String grid, String community, TicketStatus nextStatus, Instant at) {
    return change(at, b -> {
      b.assignees = next;
      b.gridId = grid;
      b.communityId = community;
      b.status = nextStatus;
    });
  }

  /** The same ticket, one version on: for changes that live only in the history (a note). */
  public Ticket touched(Instant at) {
    return change(at, b -> { });
  }

  public Ticket withFollower(ResidentRef follower, Instant at) {
    return change(at, b -> {
      b.followers = new ArrayList<>(b.followers);
      b.followers.add(follower);
    });
  }

  /** Without one follower (split off into a ticket of their own). */
  public Ticket withoutFollower(ResidentRef follower, Instant at) {
    return change(at, b -> {
      b.followers = new ArrayList<>(b.followers);
      b.followers.removeIf(f -> f.key().equals(follower.key()));
    });
  }

  public Ticket withAttachment(String link, Instant at) {
    return change(at, b -> {
      b.attachments = new ArrayList<>(b.attachments);
      b.attachments.add(link);
    });
  }

  public Ticket withLevel(int nextLevel, Instant at) {
    return change(at, b -> {
      b.level = nextLevel;
      b.escalatedAt = at;
    });
  }

  public Ticket departmentReported(Instant at) {
    return change(at, b -> b.departmentReported = true);
  }

  public Ticket mergedInto(String target, Instant at) {
    return change(at, b -> {
      b.status = TicketStatus.MERGED;
      b.mergedInto = target;
    });
  }

  /** Everyone to tell about the outcome: the reporter and the followers. */
  public List<ResidentRef> reporters() {
    List<ResidentRef> all = new ArrayList<>();
    all.add(resident);
    all.addAll(followers);
    return all;
  }

  private Ticket change(Instant at, Consumer<Draft> edit) {
    Draft d = new Draft(this);
    edit.accept(d);
    return new Ticket(id, version + 1, d.status, category, priority, emergency, place, placeLabel,
        d.gridId, d.communityId, department, d.assignees, resident, text, createdAt, at, acceptBy,
        resolveBy, d.level, d.escalatedAt, d.departmentReported, d.followers, d.attachments, d.mergedInto);
  }

  /** The changeable parts of a ticket, edited by {@link #change}. */
  private static final class Draft {
    TicketStatus status;
    String gridId;
    String communityId;
    List<Member> assignees;
    int level;
    Instant escalatedAt;
    boolean departmentReported;
    List<ResidentRef> followers;
    List<String> attachments;
    String mergedInto;

    Draft(Ticket t) {
      status = t.status;
      gridId = t.gridId;
      communityId = t.communityId;
      assignees = t.assignees;
      level = t.level;
      escalatedAt = t.escalatedAt;
      departmentReported = t.departmentReported;
      followers = t.followers;
      attachments = t.attachments;
      mergedInto = t.mergedInto;
    }
  }
}
