package cn.gridbot.bot.outbound;

import cn.gridbot.handlers.Outgoing;
import cn.gridbot.handlers.directory.Person;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The JSON form of an {@link Outgoing} message as it is stored in the outbox stream. */
public final class OutgoingCodec {
  private OutgoingCodec() {}

  public static JsonObject toJson(Outgoing o) {
    JsonObject j = new JsonObject().put("text", o.text()).put("lane", o.lane().name());
    if (o instanceof Outgoing.Reply r) {
      j.put("kind", "reply").put("platform", r.platform()).put("channel", r.channelId())
          .put("conversation", r.conversationId());
    } else if (o instanceof Outgoing.GroupPush g) {
      JsonArray mentions = new JsonArray();
      g.mentions().forEach(p -> mentions.add(new JsonObject().put("name", p.name()).put("mobile", p.mobile())));
      j.put("kind", "group").put("group", g.groupId()).put("mentions", mentions);
    }
    return j;
  }

  public static String encode(Outgoing o) {
    return toJson(o).encode();
  }

  /** @throws IllegalArgumentException when the JSON is not a stored outgoing message */
  public static Outgoing decode(String json) {
    try {
      JsonObject j = new JsonObject(json);
      Outgoing.Lane lane = Outgoing.Lane.valueOf(j.getString("lane"));
      if ("reply".equals(j.getString("kind"))) {
        return new Outgoing.Reply(j.getString("platform"), j.getString("channel"),
            j.getString("conversation"), j.getString("text"), lane);
      }
      List<Person> mentions = new ArrayList<>();
      j.getJsonArray("mentions", new JsonArray()).forEach(m -> {
        JsonObject p = (JsonObject) m;
        mentions.add(new Person(p.getString("name"), p.getString("mobile")));
      });
      return new Outgoing.GroupPush(j.getString("group"), j.getString("text"), mentions, lane);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a stored outgoing message: " + e.getMessage(), e);
    }
  }
}
