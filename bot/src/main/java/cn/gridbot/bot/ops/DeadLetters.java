package cn.gridbot.bot.ops;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The parked entries of the outbox ({@code outbox:dead}, field {@code out}) and of the inbox
 * ({@code inbox:failed}, field {@code msg}). Retry puts the stored entry back on its stream and
 * removes it from the list in one script, so a retried entry is never lost nor doubled.
 */
final class DeadLetters {
  /**
   * KEYS[1] list, KEYS[2] stream (the inbox) or the outbox lanes' key prefix; ARGV[1] entry id,
   * ARGV[2] field, ARGV[3] "retry"|"drop". An outbox entry goes back to its lane with a fresh
   * attempt count and its idempotency key.
   */
  private static final Script TAKE = new Script("""
      for _, raw in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
        local ok, rec = pcall(cjson.decode, raw)
        if ok and rec['id'] == ARGV[1] then
          redis.call('LREM', KEYS[1], 1, raw)
          if ARGV[3] ~= 'retry' then return 'dropped' end
          if ARGV[2] ~= 'out' then
            return redis.call('XADD', KEYS[2], '*', ARGV[2], rec[ARGV[2]])
          end
          local lane = rec['lane']
          if type(lane) ~= 'string' then
            local okOut, out = pcall(cjson.decode, rec['out'])
            lane = (okOut and type(out['lane']) == 'string') and out['lane'] or 'INTERACTIVE'
          end
          local key = type(rec['key']) == 'string' and rec['key'] or ('retry-' .. ARGV[1])
          local tag = type(rec['tag']) == 'string' and rec['tag'] or ''
          return redis.call('XADD', KEYS[2] .. string.lower(lane), '*', 'out', rec['out'], 'key', key, 'tag', tag,
              'attempt', '0')
        end
      end
      return false
      """, ScriptOutputType.VALUE);

  private final Redis redis;

  DeadLetters(Redis redis) {
    this.redis = redis;
  }

  private String list(String kind) {
    return redis.key(kind.equals("outbox") ? "outbox:dead" : "inbox:failed");
  }

  private String stream(String kind) {
    return redis.key(kind.equals("outbox") ? "outbox:" : "inbox");
  }

  private static String field(String kind) {
    return kind.equals("outbox") ? "out" : "msg";
  }

  Future<Long> count(String kind) {
    return redis.call(c -> c.llen(list(kind)));
  }

  /** Newest first; the entry itself is parsed JSON when it is JSON. */
  Future<JsonArray> list(String kind, int limit) {
    return redis.<List<String>>call(c -> c.lrange(list(kind), 0, limit - 1)).map(raw -> {
      JsonArray out = new JsonArray();
      for (String r : raw) {
        JsonObject rec = new JsonObject(r);
        Object entry = rec.getValue(field(kind));
        if (entry instanceof String s && s.startsWith("{")) {
          entry = new JsonObject(s);
        }
        out.add(new JsonObject().put("id", rec.getString("id")).put("attempts", rec.getValue("attempts"))
            .put("at", rec.getValue("at")).put("entry", entry));
      }
      return out;
    });
  }

  /** The new stream id, or null when no parked entry has this id. */
  Future<String> retry(String kind, String id) {
    return TAKE.run(redis, new String[] {list(kind), stream(kind)}, id, field(kind), "retry");
  }

  /** True when an entry was dropped. */
  Future<Boolean> drop(String kind, String id) {
    return TAKE.<String>run(redis, new String[] {list(kind), stream(kind)}, id, field(kind), "drop")
        .map(r -> r != null);
  }
}
