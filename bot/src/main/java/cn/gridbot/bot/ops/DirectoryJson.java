package cn.gridbot.bot.ops;

import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.Person;
import cn.gridbot.handlers.taxonomy.Department;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The directory as the admin API shows it: every place and person, mobiles masked. */
final class DirectoryJson {
  private DirectoryJson() {}

  static JsonObject person(Person p) {
    return p == null ? null : new JsonObject().put("name", p.name()).put("mobile", p.maskedMobile());
  }

  static JsonObject of(Directory dir) {
    JsonArray streets = new JsonArray();
    dir.streets().forEach(s -> streets.add(new JsonObject().put("id", s.id()).put("name", s.name())
        .put("commander", person(s.commander()))));
    JsonArray communities = new JsonArray();
    dir.communities().forEach(c -> {
      JsonObject staff = new JsonObject();
      c.staff().forEach((role, p) -> staff.put(role.id(), person(p)));
      communities.add(new JsonObject().put("id", c.id()).put("name", c.name()).put("street", c.streetId())
          .put("staff", staff));
    });
    JsonArray compounds = new JsonArray();
    dir.compounds().forEach(c -> compounds.add(new JsonObject().put("id", c.id()).put("name", c.name())
        .put("aliases", new JsonArray(c.aliases())).put("community", c.communityId())
        .put("buildings", c.buildings()).put("units", c.units())));
    JsonArray grids = new JsonArray();
    dir.grids().forEach(g -> {
      JsonArray workers = new JsonArray();
      g.workers().forEach(w -> workers.add(person(w)));
      JsonObject heads = new JsonObject();
      g.buildingHeads().forEach((b, p) -> heads.put(Integer.toString(b), person(p)));
      JsonArray covers = new JsonArray();
      g.covers().stream().filter(c -> c.compoundId() != null).forEach(c -> covers.add(new JsonObject()
          .put("compound", c.compoundId()).put("from", c.fromBuilding()).put("to", c.toBuilding())));
      grids.add(new JsonObject().put("id", g.id()).put("name", g.name()).put("community", g.communityId())
          .put("covers", covers)
          .put("chief", person(g.chief())).put("workers", workers).put("buildingHeads", heads));
    });
    JsonArray departments = new JsonArray();
    for (Department d : Department.values()) {
      departments.add(new JsonObject().put("id", d.id()).put("name", dir.departmentName(d)));
    }
    return new JsonObject().put("district", dir.districtName()).put("streets", streets)
        .put("communities", communities).put("compounds", compounds).put("grids", grids)
        .put("departments", departments);
  }
}
