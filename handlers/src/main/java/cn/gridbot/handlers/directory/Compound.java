package cn.gridbot.handlers.directory;

import java.util.List;

/** A residential compound (小区) or mixed building; buildings are numbered 1..buildings. */
public record Compound(String id, String name, List<String> aliases, String communityId,
    int buildings, int units) {
  public boolean hasBuilding(int n) {
    return n >= 1 && n <= buildings;
  }
}
