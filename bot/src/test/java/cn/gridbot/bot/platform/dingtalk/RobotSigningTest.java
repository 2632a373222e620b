package cn.gridbot.bot.platform.dingtalk;

import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.config.Secret;
import cn.gridbot.bot.platform.feishu.FeishuRobotBodies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The group robots' signing against the reference vectors. */
class RobotSigningTest {
  static ChannelsConfig.Group group(String platform, String url, String secret) {
    return new ChannelsConfig.Group("grid:a", platform, new Secret("W", url), secret == null ? null : new Secret("S", secret), List.of());
  }

  @Test
  void verifiesTheDingTalkSignedUrlAgainstTheReferenceVector() {
    String url = DingTalkSender.signedUrl(group("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=XX",
        "this is secret"), 1577262236757L);
    assertEquals("https://oapi.dingtalk.com/robot/send?access_token=XX&timestamp=1577262236757"
        + "&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D", url);
    assertEquals("https://x/robot/send?access_token=1", DingTalkSender.signedUrl(group("dingtalk", "https://x/robot/send?access_token=1", null), 1));
  }

  @Test
  void verifiesTheFeishuSignedBodyAgainstTheReferenceVector() {
    var body = FeishuRobotBodies.body(group("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/t", "demo"), "hi", 1599360473L);
    assertEquals("1599360473", body.getString("timestamp"));
    assertEquals("l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=", body.getString("sign"));
    assertEquals("hi", body.getJsonObject("content").getString("text"));
    assertEquals("text", body.getString("msg_type"));
  }
}
