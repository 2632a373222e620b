package cn.gridbot.bot.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Lua script run by its SHA1 (EVALSHA), loaded on first use or after a server restart. */
public final class Script {
  private final String source;
  private final String sha;
  private final ScriptOutputType type;

  public Script(String source, ScriptOutputType type) {
    this.source = source;
    this.type = type;
    try {
      this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs the script; on NOSCRIPT sends the source once. Called on an event loop. */
  public <T> Future<T> run(Redis redis, String[] keys, String... args) {
    return redis.<T>call(c -> c.evalsha(sha, type, keys, args)).recover(err -> {
      if (err instanceof RedisNoScriptException
          || String.valueOf(err.getMessage()).startsWith("NOSCRIPT")) {
        return redis.<T>call(c -> c.eval(source, type, keys, args));
      }
      return Future.failedFuture(err);
    });
  }
}
