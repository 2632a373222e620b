package cn.gridbot.handlers.routing;

import cn.gridbot.handlers.directory.Member;
import cn.gridbot.handlers.taxonomy.Department;
import cn.gridbot.handlers.taxonomy.Priority;
import java.util.List;

/**
 * Where a reading goes: priority, the one grid and community its place resolves to (null when it
 * does not resolve), whether the bot must ask for the place, the assignees and the department.
 */
public record Routing(Priority priority, String gridId, String communityId, boolean needsLocation,
    List<Member> assignees, Department department) {}
