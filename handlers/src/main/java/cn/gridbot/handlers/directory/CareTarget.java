package cn.gridbot.handlers.directory;

/** A resident of a special group who must be visited regularly ("五必访"). */
public record CareTarget(String id, String name, String gridId, String address, String group,
    int visitEveryDays) {}
