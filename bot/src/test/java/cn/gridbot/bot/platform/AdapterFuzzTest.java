package cn.gridbot.bot.platform;

import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookAdapter;
import cn.gridbot.bot.http.WebhookOutcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes every adapter's {@code parse()} directly (pure and fast): {@value #CASES} generated cases per
 * target from a fixed seed ({@code -Dgridbot.fuzz.seed=…} to try another, {@code -Dgridbot.fuzz.cases=…}
 * for more). A parse may only end in an {@link HttpFailure} with a 4xx status or, for a request that
 * is not forged, in an outcome; any other exception would be a 500 at the edge.
 */
class AdapterFuzzTest {
  static final long SEED = Long.getLong("gridbot.fuzz.seed", 20261126L);
  static final int CASES = Integer.getInteger("gridbot.fuzz.cases", 10_000);

  static Stream<Arguments> targets() {
    return FuzzTargets.all().stream().map(t -> Arguments.of(t.name(), t));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  @Timeout(120)
  void verifiesThatGeneratedAbuseNeverEscapesAsAnythingButA4xx(String name, FuzzTargets.Target target) throws Exception {
    WebhookAdapter adapter = target.adapter();
    FuzzCases cases = new FuzzCases(target, SEED, System.currentTimeMillis());
    Map<String, Integer> outcomes = new TreeMap<>();
    long started = System.nanoTime();
    Map<String, Long> nanos = new TreeMap<>();
    for (int n = 0; n < CASES; n++) {
      long t0 = System.nanoTime();
      FuzzCases.Case c = cases.next(n);
      long t1 = System.nanoTime();
      String label = outcome(adapter, target, c);
      nanos.merge("gen " + c.kind(), t1 - t0, Long::sum);
      nanos.merge("parse " + c.kind(), System.nanoTime() - t1, Long::sum);
      outcomes.merge(c.kind() + " → " + label, 1, Integer::sum);
      if (c.kind().equals("replay")) {
        assertEquals(label, outcome(adapter, target, c), "a replay parses the same (dedupe is by message id)");
      }
    }
    System.out.printf("fuzz %s: %d cases in %d ms, seed %d%n  %s%n", name, CASES,
        (System.nanoTime() - started) / 1_000_000, SEED,
        String.join("\n  ", outcomes.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
    System.out.println("  slowest: " + nanos.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(6).map(e -> e.getKey() + " " + e.getValue() / 1_000_000 + " ms").toList());
    assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("valid → accepted")), "genuine requests pass");
  }

  /** Parses one case and checks it against its expectation; returns a label for the summary. */
  static String outcome(WebhookAdapter adapter, FuzzTargets.Target target, FuzzCases.Case c) {
    String where = target.name() + " case " + c.n() + " (" + c.kind() + ", seed " + SEED + ")";
    WebhookOutcome out;
    try {
      out = adapter.parse(c.req().build());
    } catch (HttpFailure f) {
      assertTrue(f.status() >= 400 && f.status() < 500, where + ": status " + f.status());
      assertNotEquals(FuzzCases.Expect.VALID, c.expect(), where + ": a genuine request was refused: " + f.getMessage());
      return Integer.toString(f.status());
    } catch (Throwable e) {
      throw new AssertionError(where + ": escaped as " + e, e);
    }
    assertNotNull(out, where);
    assertNotEquals(FuzzCases.Expect.REJECT, c.expect(), where + ": a forged or malformed request got " + out);
    if (out instanceof WebhookOutcome.Accepted a) {
      var m = a.message();
      assertEquals(target.platform, m.platform(), where);
      assertTrue(m.messageId().length() <= 200 && m.messageId().chars().noneMatch(ch -> ch < 0x21 || ch == 0x7f),
          where + ": message id unusable as a key");
      if (c.expect() == FuzzCases.Expect.VALID) {
        assertEquals(c.id(), m.messageId(), where);
      }
      return "accepted";
    }
    assertNotEquals(FuzzCases.Expect.VALID, c.expect(), where + ": a genuine message was not accepted: " + out);
    return out instanceof WebhookOutcome.Handshake ? "handshake" : "ignored";
  }
}
