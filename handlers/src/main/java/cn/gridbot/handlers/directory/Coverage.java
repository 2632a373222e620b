package cn.gridbot.handlers.directory;

/** One piece of a grid's area: a range of a compound's buildings, or a street segment. */
public record Coverage(String compoundId, int fromBuilding, int toBuilding, String segmentId) {
  public boolean coversBuilding(String compound, int building) {
    return compoundId != null && compoundId.equals(compound)
        && building >= fromBuilding && building <= toBuilding;
  }
}
