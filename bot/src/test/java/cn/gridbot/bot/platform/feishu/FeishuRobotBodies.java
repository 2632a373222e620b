package cn.gridbot.bot.platform.feishu;

import cn.gridbot.bot.config.ChannelsConfig;
import io.vertx.core.json.JsonObject;

/** Test access to {@link FeishuSender}'s package-private body builder. */
public final class FeishuRobotBodies {
  private FeishuRobotBodies() {}

  public static JsonObject body(ChannelsConfig.Group robot, String text, long nowSeconds) {
    return FeishuSender.robotBody(robot, text, nowSeconds);
  }
}
