package cn.gridbot.bot.redis;

import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.StatefulRedisConnectionImpl;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.PushHandler;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * A Lettuce client whose connections build their synchronous API only when it is asked for. The
 * service uses the asynchronous API alone; Lettuce builds the synchronous one (a dynamic proxy
 * over several hundred command methods, matched by reflection) in every connection's constructor,
 * and the first time costs a few hundred milliseconds of start-up on the thread that connects.
 */
final class LeanRedisClient extends RedisClient {
  LeanRedisClient(ClientResources resources) {
    super(resources, new RedisURI());
  }

  @Override
  protected <K, V> StatefulRedisConnectionImpl<K, V> newStatefulRedisConnection(RedisChannelWriter writer,
      PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout) {
    return new Connection<>(writer, pushHandler, codec, timeout, this);
  }

  private static final class Connection<K, V> extends StatefulRedisConnectionImpl<K, V> {
    private volatile RedisCommands<K, V> lazySync;

    Connection(RedisChannelWriter writer, PushHandler pushHandler, RedisCodec<K, V> codec, Duration timeout,
        LeanRedisClient client) {
      super(writer, pushHandler, codec, timeout, client.getOptions().getJsonParser());
    }

    /** Called by the constructor: nothing yet (see {@link #sync}). */
    @Override
    protected RedisCommands<K, V> newRedisSyncCommandsImpl() {
      return null;
    }

    @Override
    public RedisCommands<K, V> sync() {
      RedisCommands<K, V> s = lazySync;
      if (s == null) {
        synchronized (this) {
          s = lazySync;
          if (s == null) {
            s = super.newRedisSyncCommandsImpl();
            lazySync = s;
          }
        }
      }
      return s;
    }
  }
}
