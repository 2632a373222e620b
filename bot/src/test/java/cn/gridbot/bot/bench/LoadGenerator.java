package cn.gridbot.bot.bench;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A load generator on loopback: closed loop (N requests in flight for a time) or open loop (a
 * fixed rate), recording every response's latency and status. Bounded in count and time.
 */
final class LoadGenerator implements AutoCloseable {
  /** One request to send: path, headers, body. */
  record Request(String path, MultiMap headers, Buffer body) {}

  /** What a run measured. */
  record Result(long ok, long failed, double seconds, long[] latenciesNanos) {
    double perSecond() {
      return ok / seconds;
    }

    double percentileMs(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      long[] sorted = latenciesNanos.clone();
      Arrays.sort(sorted);
      int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
      return sorted[Math.max(0, i)] / 1e6;
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;

  LoadGenerator(int connections) {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(connections));
  }

  private Future<Integer> send(int port, Request r) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(r.path()).setHeaders(r.headers());
    return client.request(o).compose(req -> req.send(r.body())).compose(resp -> resp.body().map(b -> resp.statusCode()));
  }

  /** {@code inFlight} requests at a time for {@code seconds}; {@code next} makes request number i. */
  Result closedLoop(int[] ports, int inFlight, double seconds, Function<Long, Request> next) throws InterruptedException {
    AtomicLong seq = new AtomicLong();
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Long> lat = java.util.Collections.synchronizedList(new ArrayList<>());
    long end = System.nanoTime() + (long) (seconds * 1e9);
    CountDownLatch done = new CountDownLatch(inFlight);
    long start = System.nanoTime();
    for (int w = 0; w < inFlight; w++) {
      vertx.runOnContext(v -> loop(ports, end, seq, ok, failed, lat, next, done));
    }
    done.await();
    double secs = (System.nanoTime() - start) / 1e9;
    return new Result(ok.get(), failed.get(), secs, lat.stream().mapToLong(Long::longValue).toArray());
  }

  private void loop(int[] ports, long end, AtomicLong seq, AtomicLong ok, AtomicLong failed, List<Long> lat,
      Function<Long, Request> next, CountDownLatch done) {
    if (System.nanoTime() > end) {
      done.countDown();
      return;
    }
    long i = seq.getAndIncrement();
    long t0 = System.nanoTime();
    send(ports[(int) (i % ports.length)], next.apply(i)).onComplete(ar -> {
      lat.add(System.nanoTime() - t0);
      if (ar.succeeded() && ar.result() == 200) {
        ok.incrementAndGet();
      } else {
        failed.incrementAndGet();
      }
      loop(ports, end, seq, ok, failed, lat, next, done);
    });
  }

  /** A fixed rate for {@code seconds}, whatever the responses do (open loop: no coordinated omission). */
  Result openLoop(int[] ports, double perSecond, double seconds, Function<Long, Request> next)
      throws InterruptedException {
    long total = (long) (perSecond * seconds);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long[] lat = new long[(int) total];
    CountDownLatch done = new CountDownLatch((int) total);
    long start = System.nanoTime();
    long intervalNanos = (long) (1e9 / perSecond);
    // Sends are scheduled in 1 ms ticks; each request's latency counts from its scheduled time.
    vertx.setPeriodic(1, id -> {
      long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
      while (sentCount < due) {
        long i = sentCount++;
        long scheduled = start + i * intervalNanos;
        send(ports[(int) (i % ports.length)], next.apply(i)).onComplete(ar -> {
          lat[(int) i] = System.nanoTime() - scheduled;
          if (ar.succeeded() && ar.result() == 200) {
            ok.incrementAndGet();
          } else {
            failed.incrementAndGet();
          }
          done.countDown();
        });
      }
      if (sentCount >= total) {
        vertx.cancelTimer(id);
      }
    });
    done.await(Math.round(seconds + 30), java.util.concurrent.TimeUnit.SECONDS);
    sentCount = 0;
    return new Result(ok.get(), failed.get(), (System.nanoTime() - start) / 1e9, lat);
  }

  private long sentCount;

  @Override
  public void close() {
    vertx.close().await();
  }
}
