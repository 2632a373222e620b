package cn.gridbot.handlers.directory;

import java.util.List;

/** A street segment (街巷) that belongs to one grid. */
public record Segment(String id, String name, List<String> aliases, String gridId) {}
