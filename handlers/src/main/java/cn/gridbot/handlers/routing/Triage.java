package cn.gridbot.handlers.routing;

import cn.gridbot.handlers.understanding.Place;
import cn.gridbot.handlers.understanding.Reading;

/** Routes a reading at a place (the stated one, or the remembered home) to grid, people and priority. */
@FunctionalInterface
public interface Triage {
  /**
   * Routes {@code reading} as if it named {@code place}; {@code text} is the report's wording
   * (priority exceptions such as a stopped elevator look at it). Pure and fast; event-loop safe.
   */
  Routing route(Reading reading, Place place, String text);
}
