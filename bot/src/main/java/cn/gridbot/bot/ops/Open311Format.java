package cn.gridbot.bot.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes an Open311 answer as JSON or, for paths ending in {@code .xml}, as the spec's XML. */
final class Open311Format {
  private Open311Format() {}

  static boolean xml(RoutingContext ctx) {
    return ctx.request().path().endsWith(".xml") || "xml".equals(ctx.pathParam("format"));
  }

  static void send(RoutingContext ctx, String root, String element, JsonArray items) {
    if (!xml(ctx)) {
      ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(items.encode());
      return;
    }
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<").append(root).append('>');
    for (Object o : items) {
      b.append('<').append(element).append('>');
      ((JsonObject) o).forEach(e -> {
        b.append('<').append(e.getKey()).append('>');
        if (e.getValue() != null) {
          b.append(escape(String.valueOf(e.getValue())));
        }
        b.append("</").append(e.getKey()).append('>');
      });
      b.append("</").append(element).append('>');
    }
    b.append("</").append(root).append(">\n");
    ctx.response().putHeader("Content-Type", "text/xml; charset=utf-8").end(b.toString());
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
