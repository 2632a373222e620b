package cn.gridbot.bot.redis;

import cn.gridbot.bot.config.BotConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.core.ExecutableProvider;

/**
 * The real Redis server binary shipped inside {@code com.github.codemonstur:embedded-redis},
 * started on a free loopback port with AOF on and its files under the data directory, so that a
 * restart replays what it held.
 *
 * <p>The package's own {@code RedisServer} registers a JVM shutdown hook that stops Redis at the
 * same time as ours, so in-flight requests would lose their store during a graceful stop. This
 * class takes only the binary from the package and owns the process: Redis stops last.
 * Blocking: call from {@code main}, a shutdown hook or a test, never an event loop.
 */
public final class EmbeddedRedis implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
  private final Process process;
  private final int port;
  private final Path dataDir;

  private EmbeddedRedis(Process process, int port, Path dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Starts a server on a free port. */
  public static EmbeddedRedis start(BotConfig.Embedded config) throws IOException {
    return start(config, 0);
  }

  /**
   * Starts a server on a given loopback port (0: a free one). A fixed port is for tests that stop
   * and restart the same server.
   *
   * @throws IOException when the data directory cannot be created or the server does not start
   */
  public static EmbeddedRedis start(BotConfig.Embedded config, int fixedPort) throws IOException {
    Path dir = config.dataDir().toAbsolutePath().normalize();
    Files.createDirectories(dir);
    if (!Files.isWritable(dir)) {
      throw new IOException("data directory " + dir + " is not writable");
    }
    File binary = ExecutableProvider.newJarResourceProvider().get();
    IOException last = null;
    for (int attempt = 0; attempt < (fixedPort > 0 ? 1 : 3); attempt++) {
      int port = fixedPort > 0 ? fixedPort : freePort();
      List<String> cmd = new ArrayList<>(List.of(binary.getAbsolutePath(),
          "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dir", dir.toString(),
          "--appendonly", config.appendOnly() ? "yes" : "no", "--appendfsync", "everysec",
          "--maxmemory", config.maxMemoryMb() + "mb", "--maxmemory-policy", "noeviction",
          "--protected-mode", "yes", "--save", ""));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      try {
        awaitReady(p, port);
        LOG.info("embedded Redis started on 127.0.0.1:{} with data in {}", port, dir);
        return new EmbeddedRedis(p, port, dir);
      } catch (IOException e) {
        p.destroyForcibly();
        last = e;
        LOG.warn("embedded Redis did not start on port {}: {}", port, e.getMessage());
      }
    }
    throw last;
  }

  /** Reads the server's output until it is ready; keeps draining it afterwards. */
  private static void awaitReady(Process p, int port) throws IOException {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    List<String> seen = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!ready.isDone()) {
            synchronized (seen) {
              seen.add(line);
            }
            if (line.contains("Ready to accept connections")) {
              ready.complete(null);
            }
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      ready.completeExceptionally(new IOException("exited"));
    }, "embedded-redis-" + port);
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(20, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      String output;
      synchronized (seen) {
        output = seen.isEmpty() ? "no output" : seen.get(seen.size() - 1);
      }
      throw new IOException("Redis did not become ready (" + output + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting Redis");
    }
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

  /** Stops the server with SIGTERM (Redis flushes the AOF and exits), forcibly after 10 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      LOG.info("embedded Redis stopped");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
