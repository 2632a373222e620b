package cn.gridbot.bot.platform;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.BiFunction;

/** Small helpers shared by the platform senders. */
public final class Senders {
  private Senders() {}

  /**
   * The robot configured for a group push on {@code platform}, handed to {@code push}; a group
   * with no such robot is a permanent failure (retrying cannot help).
   */
  public static Future<Void> toRobot(java.util.Map<String, cn.gridbot.bot.config.ChannelsConfig.Group> groups,
      String platform, String platformName, cn.gridbot.handlers.Outgoing.GroupPush g,
      java.util.function.Function<cn.gridbot.bot.config.ChannelsConfig.Group, Future<Void>> push) {
    cn.gridbot.bot.config.ChannelsConfig.Group robot = groups.get(g.groupId());
    if (robot == null || !robot.platform().equals(platform)) {
      return Future.failedFuture(new cn.gridbot.bot.outbound.PermanentSendFailure(
          "no " + platformName + " robot for group " + g.groupId()));
    }
    return push.apply(robot);
  }

  /** Sends the parts one after the other (order matters to a reader); stops at the first failure. */
  public static Future<Void> inOrder(List<String> parts, BiFunction<String, Integer, Future<?>> send) {
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < parts.size(); i++) {
      int index = i;
      chain = chain.compose(v -> send.apply(parts.get(index), index).mapEmpty());
    }
    return chain;
  }

  /** The text with each mention appended as {@code @mobile} (or {@code @name} when no mobile). */
  public static String withMentions(String text, List<cn.gridbot.handlers.directory.Person> mentions, boolean byMobile) {
    StringBuilder sb = new StringBuilder(text);
    for (var p : mentions) {
      String tag = byMobile && p.mobile() != null ? p.mobile() : p.name();
      if (tag != null && !text.contains("@" + tag)) {
        sb.append(sb.length() == text.length() ? "\n" : " ").append('@').append(tag);
      }
    }
    return sb.toString();
  }
}
