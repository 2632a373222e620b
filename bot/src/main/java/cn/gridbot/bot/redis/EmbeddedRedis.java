package cn.gridbot.bot.redis;

import cn.gridbot.bot.config.BotConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The real Redis server binary shipped inside {@code com.github.codemonstur:embedded-redis},
 * started on a free loopback port with AOF on and its files under the data directory, so that a
 * restart replays what it held. Blocking: call from {@code main} or a worker, never an event loop.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private final RedisServer server;
  private final int port;
  private final Path dataDir;

  private EmbeddedRedis(RedisServer server, int port, Path dataDir) {
    this.server = server;
    this.port = port;
    this.dataDir = dataDir;
  }

  /**
   * Starts a server.
   *
   * @throws IOException when the data directory cannot be created or the server does not start
   */
  public static EmbeddedRedis start(BotConfig.Embedded config) throws IOException {
    return start(config, 0);
  }

  /**
   * Starts a server on a given loopback port (0: a free one). A fixed port is for tests that stop
   * and restart the same server.
   */
  public static EmbeddedRedis start(BotConfig.Embedded config, int fixedPort) throws IOException {
    Path dir = config.dataDir().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      throw new IOException("data directory " + dir + " is not writable");
    }
    IOException last = null;
    for (int attempt = 0; attempt < (fixedPort > 0 ? 1 : 3); attempt++) {
      int port = fixedPort > 0 ? fixedPort : freePort();
      RedisServer server = RedisServer.newRedisServer()
          .bind("127.0.0.1")
          .port(port)
          .setting("dir " + dir)
          .setting("appendonly " + (config.appendOnly() ? "yes" : "no"))
          .setting("appendfsync everysec")
          .setting("maxmemory " + config.maxMemoryMb() + "mb")
          .setting("maxmemory-policy noeviction")
          .setting("protected-mode yes")
          .onShutdownForceStop(false)
          .build();
      try {
        server.start();
        LOG.info("embedded Redis started on 127.0.0.1:{} with data in {}", port, dir);
        return new EmbeddedRedis(server, port, dir);
      } catch (IOException | RuntimeException e) {
        last = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        LOG.warn("embedded Redis did not start on port {}: {}", port, e.getMessage());
      }
    }
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server; Redis rewrites nothing on SIGTERM beyond flushing the AOF. */
  @Override
  public void close() {
    try {
      server.stop();
      LOG.info("embedded Redis stopped");
    } catch (IOException e) {
      LOG.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
    }
  }
}
