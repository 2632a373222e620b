package cn.gridbot.handlers.directory;

import cn.gridbot.handlers.taxonomy.Role;
import java.util.Map;
import java.util.Optional;

/** A community (社区) and its community-level staff by role. */
public record Community(String id, String name, String streetId, Map<Role, Person> staff) {
  public Optional<Person> staff(Role role) {
    return Optional.ofNullable(staff.get(role));
  }
}
