package cn.gridbot.handlers.directory;

import cn.gridbot.handlers.taxonomy.Role;

/**
 * A person acting in a role at a place. {@code fallback} is true when the role had nobody there
 * and the grid chief stands in.
 */
public record Member(Role role, Person person, boolean fallback) {}
