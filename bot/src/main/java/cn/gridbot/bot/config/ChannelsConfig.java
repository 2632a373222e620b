package cn.gridbot.bot.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat channels and group robots of {@code config/channels.yaml}, validated. Secrets are
 * {@link Secret}s read from environment variables named in the file.
 */
public record ChannelsConfig(Map<String, Map<String, Channel>> channels, Map<String, Group> groups) {

  public ChannelsConfig {
    channels = Map.copyOf(channels);
    groups = Map.copyOf(groups);
  }

  public static ChannelsConfig empty() {
    return new ChannelsConfig(Map.of(), Map.of());
  }

  /** The channels of one platform by id; empty when none. */
  public Map<String, Channel> of(String platform) {
    return channels.getOrDefault(platform, Map.of());
  }

  /**
   * One inbound channel: an account, app or robot of one community.
   *
   * @param values plain settings (ids, URLs, numbers)
   * @param secrets secrets by their key without {@code _env} ({@code token}, {@code aes_key}, ...)
   */
  public record Channel(String platform, String id, Map<String, String> values, Map<String, Secret> secrets) {
    public Channel {
      values = Map.copyOf(values);
      secrets = Map.copyOf(secrets);
    }

    public String value(String key) {
      return values.get(key);
    }

    public Optional<Secret> secret(String key) {
      return Optional.ofNullable(secrets.get(key));
    }

    /** The value of a required secret (validated at load time). */
    public String secretValue(String key) {
      return secrets.get(key).value();
    }
  }

  /**
   * A directory group's robot: where pushes to {@code grid:…}, {@code community:…} etc. go.
   *
   * @param webhook the robot's full webhook URL (it carries the key, so it is a secret)
   * @param secret the signing secret (DingTalk 加签, Feishu 签名校验), or null
   * @param chatIds the platform's chat ids of this group, so inbound group messages map to it
   * @param markdown send as markdown (WeCom robots: {@code format: markdown}); plain text otherwise
   */
  public record Group(String id, String platform, Secret webhook, Secret secret, List<String> chatIds,
      boolean markdown) {
    public Group {
      chatIds = List.copyOf(chatIds);
    }

    public Group(String id, String platform, Secret webhook, Secret secret, List<String> chatIds) {
      this(id, platform, webhook, secret, chatIds, false);
    }
  }
}
