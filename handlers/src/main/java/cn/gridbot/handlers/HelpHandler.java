package cn.gridbot.handlers;

import io.vertx.core.Future;
import java.util.Optional;

/** The fallback: answers anything with what the bot can do. In a group chat it stays quiet. */
public final class HelpHandler implements ChatHandler {
  static final String HELP = String.join("\n",
      "您好，这里是社区网格通 🙂 我可以帮您：",
      "1. 反映问题：直接说哪里出了什么事，如「和平小区3号楼2单元楼道灯坏了」，我会转给您所在网格的网格员并跟进到办结；",
      "2. 紧急情况（着火、燃气泄漏、有人晕倒、电梯困人）请先拨打 119 / 110 / 120，再告诉我；",
      "3. 办事咨询、法律咨询、微心愿、意见建议，也都可以直接发给我。",
      "发送「帮助」可再次查看本说明。");

  @Override
  public String name() {
    return "help";
  }

  @Override
  public Future<Optional<Decision>> handle(InboundMessage message) {
    if (message.inGroup()) {
      return Future.succeededFuture(Optional.of(new Decision(name(), java.util.List.of())));
    }
    return Future.succeededFuture(Optional.of(Decision.reply(name(), message, HELP)));
  }
}
