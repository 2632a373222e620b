package cn.gridbot.bot.store;

import cn.gridbot.bot.redis.Redis;
import cn.gridbot.bot.redis.Script;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells residents politely when a question the bot asked them lapsed, once: the lapse reply,
 * prepared when the question was asked, moves to the outbox in the same script that removes the
 * question, so two instances never both send it.
 */
public final class QuestionSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(QuestionSweeper.class);
  /** KEYS[1] expiry zset, KEYS[2] lapse hash, KEYS[3] outbox; ARGV[1] now ms, ARGV[2] question key prefix. */
  private static final Script SWEEP = new Script("""
      local due = redis.call('ZRANGEBYSCORE', KEYS[1], 0, ARGV[1], 'LIMIT', 0, 100)
      local n = 0
      for _, k in ipairs(due) do
        if redis.call('ZREM', KEYS[1], k) == 1 then
          local out = redis.call('HGET', KEYS[2], k)
          redis.call('HDEL', KEYS[2], k)
          redis.call('DEL', ARGV[2] .. k)
          if out then
            redis.call('XADD', KEYS[3], '*', 'out', out, 'key', ARGV[2] .. k .. ':' .. ARGV[1], 'tag', '', 'attempt', '0')
            n = n + 1
          end
        end
      end
      return n
      """, ScriptOutputType.INTEGER);

  private final Vertx vertx;
  private final Redis redis;
  private final Keys keys;
  private final Clock clock;
  private long timer = -1;

  public QuestionSweeper(Vertx vertx, Redis redis, Clock clock) {
    this.vertx = vertx;
    this.redis = redis;
    this.keys = new Keys(redis);
    this.clock = clock;
  }

  public void start(long periodMs) {
    timer = vertx.setPeriodic(periodMs, id -> sweep());
  }

  public Future<Long> sweep() {
    if (!redis.isConnected()) {
      return Future.succeededFuture(0L);
    }
    String[] k = {keys.questionExpiry(), keys.questionLapse(), redis.key("outbox:interactive")};
    String prefix = keys.question("");
    return SWEEP.<Long>run(redis, k, Long.toString(clock.millis()), prefix)
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("{} lapsed question(s) answered", n);
          }
        })
        .onFailure(err -> LOG.debug("question sweep failed: {}", err.getMessage()));
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
