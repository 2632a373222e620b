package cn.gridbot.handlers.understanding;

/**
 * A place as a message states it; every field may be null. {@code building} and {@code unit} are
 * numbers; {@code room} is the flat number as a string ("401").
 */
public record Place(String compoundId, Integer building, Integer unit, String room, String segmentId) {
  public static final Place NONE = new Place(null, null, null, null, null);

  public boolean isEmpty() {
    return compoundId == null && building == null && unit == null && room == null && segmentId == null;
  }

  /** This place with the gaps filled from {@code other} (used for a remembered home address). */
  public Place orElse(Place other) {
    if (other == null) {
      return this;
    }
    return new Place(
        compoundId != null ? compoundId : other.compoundId,
        building != null ? building : other.building,
        unit != null ? unit : other.unit,
        room != null ? room : other.room,
        segmentId != null ? segmentId : other.segmentId);
  }
}
