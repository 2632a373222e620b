package cn.gridbot.handlers.broadcast;

import cn.gridbot.handlers.directory.Community;
import cn.gridbot.handlers.directory.Compound;
import cn.gridbot.handlers.directory.Coverage;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Grid;
import cn.gridbot.handlers.directory.Street;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves what a coordinator names as the audience of a notice into resident building groups:
 * a building or several (和平小区3号楼, 和平小区3、5号楼, 和平小区3-5号楼), a compound (和平小区),
 * a grid (heping-01 or its name), a community (和平社区, 和平社区全体), a street (桂林路街道), or
 * everyone (全体, 全区). Several targets may be joined with 、 or ，.
 */
public final class Targets {
  private static final Pattern BUILDINGS = Pattern.compile("^([0-9０-９]+(?:\\s*[、,，和及-]\\s*[0-9０-９]+)*)\\s*(号楼|栋|幢|号)?$");
  private final Directory directory;

  public Targets(Directory directory) {
    this.directory = directory;
  }

  /** The groups, with the compounds they belong to; empty when a part does not resolve. */
  public record Resolved(List<String> groups, Set<String> communities) {}

  public Optional<Resolved> resolve(String spec) {
    Set<String> groups = new LinkedHashSet<>();
    Set<String> communities = new LinkedHashSet<>();
    for (String part : spec.split("[，,；;]")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (!one(p, groups, communities)) {
        return Optional.empty();
      }
    }
    return groups.isEmpty() ? Optional.empty() : Optional.of(new Resolved(List.copyOf(groups), communities));
  }

  private boolean one(String p, Set<String> groups, Set<String> communities) {
    if (p.equals("全体") || p.equals("全区") || p.equals("所有") || p.equals("全部")) {
      directory.compounds().forEach(c -> addCompound(c, groups, communities));
      return true;
    }
    String bare = p.replaceAll("(全体|居民|所有楼栋|全部)$", "");
    for (Street s : directory.streets()) {
      if (bare.equals(s.name()) || bare.equals(s.id())) {
        directory.communities().stream().filter(c -> c.streetId().equals(s.id()))
            .forEach(c -> addCommunity(c, groups, communities));
        return true;
      }
    }
    for (Community c : directory.communities()) {
      if (bare.equals(c.name()) || bare.equals(c.id())) {
        addCommunity(c, groups, communities);
        return true;
      }
    }
    for (Grid g : directory.grids()) {
      if (bare.equals(g.id()) || bare.equals(g.name())) {
        for (Coverage cov : g.covers()) {
          if (cov.compoundId() != null) {
            for (int b = cov.fromBuilding(); b <= cov.toBuilding(); b++) {
              groups.add(directory.groups().ofBuilding(cov.compoundId(), b));
            }
          }
        }
        communities.add(g.communityId());
        return true;
      }
    }
    // A compound name or alias, optionally followed by buildings; the longest name wins.
    String best = null;
    for (String name : directory.compoundNames().keySet()) {
      if (bare.startsWith(name) && (best == null || name.length() > best.length())) {
        best = name;
      }
    }
    if (best == null) {
      return false;
    }
    Compound c = directory.compoundNames().get(best);
    String rest = bare.substring(best.length()).strip();
    if (rest.isEmpty()) {
      addCompound(c, groups, communities);
      return true;
    }
    Matcher m = BUILDINGS.matcher(rest);
    if (!m.matches()) {
      return false;
    }
    List<Integer> buildings = numbers(m.group(1));
    if (buildings.isEmpty() || buildings.stream().anyMatch(b -> !c.hasBuilding(b))) {
      return false;
    }
    buildings.forEach(b -> groups.add(directory.groups().ofBuilding(c.id(), b)));
    communities.add(c.communityId());
    return true;
  }

  private static List<Integer> numbers(String s) {
    String n = s.replace('０', '0').replace('１', '1').replace('２', '2').replace('３', '3').replace('４', '4')
        .replace('５', '5').replace('６', '6').replace('７', '7').replace('８', '8').replace('９', '9');
    List<Integer> out = new ArrayList<>();
    Matcher range = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)").matcher(n);
    while (range.find()) {
      int a = Integer.parseInt(range.group(1));
      int b = Integer.parseInt(range.group(2));
      for (int i = Math.min(a, b); i <= Math.max(a, b) && i - a < 500; i++) {
        out.add(i);
      }
    }
    String singles = range.replaceAll(" ");
    Matcher m = Pattern.compile("\\d+").matcher(singles);
    while (m.find()) {
      out.add(Integer.parseInt(m.group()));
    }
    return out;
  }

  private void addCommunity(Community c, Set<String> groups, Set<String> communities) {
    directory.compounds().stream().filter(x -> x.communityId().equals(c.id()))
        .forEach(x -> addCompound(x, groups, communities));
    communities.add(c.id());
  }

  private void addCompound(Compound c, Set<String> groups, Set<String> communities) {
    groups.addAll(directory.groups().buildingsOf(c));
    communities.add(c.communityId());
  }
}
