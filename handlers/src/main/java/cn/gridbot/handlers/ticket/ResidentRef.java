package cn.gridbot.handlers.ticket;

import cn.gridbot.handlers.InboundMessage;

/** Where a resident can be answered: the platform conversation they wrote from. */
public record ResidentRef(String platform, String channelId, String conversationId, String senderId) {
  public static ResidentRef of(InboundMessage m) {
    return new ResidentRef(m.platform(), m.channelId(), m.conversationId(), m.senderId());
  }

  /** A stable key for per-resident state and indexes. */
  public String key() {
    return platform + ":" + channelId + ":" + senderId;
  }
}
