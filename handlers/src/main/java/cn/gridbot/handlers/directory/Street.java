package cn.gridbot.handlers.directory;

/** A street (街道) and its command centre's commander. */
public record Street(String id, String name, Person commander) {}
