package cn.gridbot.handlers.broadcast;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How a set of groups is reached: groups per platform and the time the rate limits need. */
public interface Estimator {
  record Estimate(Map<String, Integer> groupsByPlatform, Duration duration) {}

  Estimate estimate(List<String> groupIds);
}
