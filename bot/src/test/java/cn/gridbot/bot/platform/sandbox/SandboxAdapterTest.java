package cn.gridbot.bot.platform.sandbox;

import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookOutcome;
import cn.gridbot.bot.http.WebhookRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SandboxAdapterTest {
  final SandboxAdapter adapter = new SandboxAdapter();

  WebhookRequest req(String contentType, String body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    return new WebhookRequest(HttpMethod.POST, "demo", headers, MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer(body), Instant.EPOCH);
  }

  int status(String contentType, String body) {
    return assertThrows(HttpFailure.class, () -> adapter.parse(req(contentType, body))).status();
  }

  @Test
  void aResidentMessageBecomesANeutralMessage() {
    var outcome = (WebhookOutcome.Accepted) adapter.parse(req("application/json; charset=utf-8",
        "{\"from\":\"r-1\",\"text\":\"  3号楼楼道灯坏了 \",\"id\":\"m-7\",\"name\":\"王阿姨\"}"));
    var m = outcome.message();
    assertEquals("sandbox", m.platform());
    assertEquals("demo", m.channelId());
    assertEquals("m-7", m.messageId());
    assertEquals("r-1", m.conversationId());
    assertEquals("3号楼楼道灯坏了", m.text());
    assertFalse(m.inGroup());
  }

  @Test
  void aGroupMessageIsAnsweredInTheGroup() {
    var m = ((WebhookOutcome.Accepted) adapter.parse(req("application/json",
        "{\"from\":\"s-1\",\"text\":\"接单 #A1\",\"group\":\"grid:heping-01\",\"mobile\":\"13800000102\"}"))).message();
    assertEquals("grid:heping-01", m.conversationId());
    assertEquals("13800000102", m.senderMobile());
    assertFalse(m.messageId().isEmpty(), "a random id is given when none is sent");
  }

  @Test
  void malformedRequestsAreRefusedWith4xx() {
    assertEquals(415, status("text/plain", "{\"from\":\"r\",\"text\":\"x\"}"));
    assertEquals(415, status(null, "{\"from\":\"r\",\"text\":\"x\"}"));
    assertEquals(400, status("application/json", "{\"from\":\"r\",\"te"));
    assertEquals(400, status("application/json", "[1,2]"));
    assertEquals(400, status("application/json", ""));
    assertEquals(400, status("application/json", "{\"from\":\"r\"}"));
    assertEquals(400, status("application/json", "{\"from\":\"r\",\"text\":42}"));
    assertEquals(400, status("application/json", "{\"text\":\"x\"}"));
    assertEquals(400, status("application/json", "{\"from\":\"a b\",\"text\":\"x\"}"));
    assertEquals(400, status("application/json", "{\"from\":\"r\",\"text\":\"" + "长".repeat(2001) + "\"}"));
  }
}
