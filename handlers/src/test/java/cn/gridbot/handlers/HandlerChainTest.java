package cn.gridbot.handlers;

import static org.junit.jupiter.api.Assertions.*;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandlerChainTest {
  static InboundMessage msg(String text, String group) {
    return new InboundMessage("sandbox", "demo", "m1", group != null ? group : "r1", "r1", null,
        null, group, text, Instant.EPOCH);
  }

  static ChatHandler taking(String name, String word) {
    return new ChatHandler() {
      public String name() {
        return name;
      }

      public Future<Optional<Decision>> handle(InboundMessage m) {
        return Future.succeededFuture(m.text().contains(word)
            ? Optional.of(Decision.reply(name, m, name)) : Optional.empty());
      }
    };
  }

  @Test
  void theFirstHandlerThatTakesAMessageDecides() {
    HandlerChain chain = new HandlerChain(List.of(taking("a", "接单"), taking("b", "单")), new HelpHandler());
    assertEquals("a", chain.handle(msg("接单 #A1", null)).result().handler());
    assertEquals("b", chain.handle(msg("工单", null)).result().handler());
    assertEquals(List.of("a", "b", "help"), chain.names());
  }

  @Test
  void theFallbackAnswersWithHelpInADirectChatAndStaysQuietInAGroup() {
    HandlerChain chain = new HandlerChain(List.of(taking("a", "接单")), new HelpHandler());
    Decision direct = chain.handle(msg("你好", null)).result();
    assertEquals("help", direct.handler());
    Outgoing.Reply reply = (Outgoing.Reply) direct.outgoing().get(0);
    assertEquals("r1", reply.conversationId());
    assertTrue(reply.text().contains("119"));
    assertTrue(chain.handle(msg("大家好", "grid:heping-01")).result().outgoing().isEmpty());
  }

  @Test
  void aFailingHandlerFailsTheChainSoTheMessageIsRetried() {
    ChatHandler broken = new ChatHandler() {
      public String name() {
        return "broken";
      }

      public Future<Optional<Decision>> handle(InboundMessage m) {
        return Future.failedFuture(new IllegalStateException("store down"));
      }
    };
    Future<Decision> f = new HandlerChain(List.of(broken), new HelpHandler()).handle(msg("x", null));
    assertTrue(f.failed());
    assertEquals("store down", f.cause().getMessage());
  }

  @Test
  void inboundMessageToStringHidesTheText() {
    assertFalse(msg("我的电话13800000000", null).toString().contains("1380000"));
  }
}
