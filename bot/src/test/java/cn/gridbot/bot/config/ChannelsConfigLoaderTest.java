package cn.gridbot.bot.config;

import static org.junit.jupiter.api.Assertions.*;

import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelsConfigLoaderTest {
  @TempDir Path dir;
  static final String AES = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";

  ChannelsConfig load(String yaml, Map<String, String> env) throws Exception {
    Files.writeString(dir.resolve("channels.yaml"), yaml);
    return ChannelsConfigLoader.load(new ConfigFiles(dir), env);
  }

  ConfigException failing(String yaml, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> load(yaml, env));
  }

  @Test
  void verifiesThatTheShippedFileConfiguresNothing() {
    ChannelsConfig c = ChannelsConfigLoader.load(ConfigFiles.builtIn(), Map.of());
    assertTrue(c.channels().isEmpty());
    assertTrue(c.groups().isEmpty());
  }

  @Test
  void verifiesAFullChannelAndGroupWithSecretsFromTheEnvironment() throws Exception {
    ChannelsConfig c = load("""
        channels:
          wecom:
            heping:
              corp_id: ww1
              agent_id: "1000002"
              token_env: WECOM_TOKEN
              aes_key_env: WECOM_AES
        groups:
          "grid:heping-01":
            platform: dingtalk
            webhook_env: DT_HOOK
            secret_env: DT_SECRET
            chat_ids: [cid1]
        """, Map.of("WECOM_TOKEN", "t0ken-value", "WECOM_AES", AES, "DT_HOOK",
        "https://oapi.dingtalk.com/robot/send?access_token=abc", "DT_SECRET", "SECxyz"));
    var ch = c.of("wecom").get("heping");
    assertEquals("t0ken-value", ch.secretValue("token"));
    assertEquals("ww1", ch.value("corp_id"));
    var g = c.groups().get("grid:heping-01");
    assertEquals("dingtalk", g.platform());
    assertEquals("SECxyz", g.secret().value());
    String printed = c.toString();
    assertFalse(printed.contains("t0ken-value") || printed.contains(AES) || printed.contains("SECxyz")
        || printed.contains("access_token=abc"), printed);
    assertTrue(printed.contains("WECOM_TOKEN"));
  }

  @Test
  void verifiesThatAMissingVariableIsNamed() {
    ConfigException e = failing("channels:\n  dingtalk:\n    heping:\n      app_secret_env: GRIDBOT_DT_SECRET\n", Map.of());
    assertTrue(e.getMessage().contains("GRIDBOT_DT_SECRET"), e.getMessage());
    assertEquals("channels.dingtalk.heping.app_secret_env", e.key());
  }

  @Test
  void verifiesThatBadFilesNameFileAndKey() {
    assertEquals("channels.dingtalk.heping.app_secret",
        failing("channels:\n  dingtalk:\n    heping:\n      app_secret: inline\n", Map.of()).key());
    assertEquals("channels.slack", failing("channels:\n  slack: {}\n", Map.of()).key());
    assertEquals("channels.dingtalk.heping.colour",
        failing("channels:\n  dingtalk:\n    heping:\n      app_secret_env: X\n      colour: red\n", Map.of("X", "s")).key());
    assertEquals("channels.wecom.heping.aes_key_env", failing("channels:\n  wecom:\n    heping:\n      corp_id: a\n"
        + "      token_env: T\n      aes_key_env: A\n", Map.of("T", "t", "A", "too-short")).key());
    assertEquals("channels.wecom.heping.corp_id", failing("channels:\n  wecom:\n    heping:\n"
        + "      token_env: T\n      aes_key_env: A\n", Map.of("T", "t", "A", AES)).key());
    assertEquals("groups.grid-1", failing("groups:\n  grid-1:\n    platform: wecom\n    webhook_env: W\n", Map.of("W", "https://x/y")).key());
    assertEquals("groups.grid:a.platform", failing("groups:\n  \"grid:a\":\n    platform: slack\n    webhook_env: W\n", Map.of("W", "https://x")).key());
    assertEquals("groups.grid:a.webhook_env", failing("groups:\n  \"grid:a\":\n    platform: wecom\n    webhook_env: W\n", Map.of("W", "not a url")).key());
    assertEquals("tokens", failing("tokens: {}\n", Map.of()).key());
    ConfigException yaml = failing("channels: [", Map.of());
    assertTrue(yaml.file().endsWith("channels.yaml"));
  }

  @Test
  void verifiesThatATimestampWindowLongerThanTheDedupeTtlIsRefused() throws Exception {
    Files.writeString(dir.resolve("channels.yaml"), "channels:\n  feishu:\n    heping:\n      verification_token_env: V\n");
    Files.writeString(dir.resolve("gridbot.yaml"), "inbox:\n  dedupe_ttl_hours: 2\n");
    ConfigException e = assertThrows(ConfigException.class, () -> BotConfigLoader.load(new ConfigFiles(dir), Map.of("V", "v")));
    assertEquals("channels.feishu.heping.max_skew_seconds", e.key());
    Files.writeString(dir.resolve("gridbot.yaml"), "inbox:\n  dedupe_ttl_hours: 72\n");
    assertEquals(1, BotConfigLoader.load(new ConfigFiles(dir), Map.of("V", "v")).channels().of("feishu").size());
  }
}
