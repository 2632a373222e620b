package cn.gridbot.handlers.directory;

import java.util.List;
import java.util.Map;

/** A grid (网格): its area and its own team; community-level roles live on {@link Community}. */
public record Grid(String id, String name, String communityId, List<Coverage> covers,
    Person chief, List<Person> workers, Map<Integer, Person> buildingHeads) {}
