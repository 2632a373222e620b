package cn.gridbot.bot.platform;

import cn.gridbot.bot.config.ChannelsConfig;
import cn.gridbot.bot.http.HttpFailure;
import cn.gridbot.bot.http.WebhookRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** What every platform adapter checks, in one place, each failure mapped to its 4xx. */
public final class Webhooks {
  /** How deep an XML body may nest (WeChat / WeCom messages are two or three levels deep). */
  static final int MAX_XML_DEPTH = 32;
  private static final DocumentBuilderFactory XML = safeFactory();
  /** Factories are not thread-safe; a builder per event-loop thread, reset before each use. */
  private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
    try {
      return XML.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  });
  private static final org.xml.sax.ErrorHandler SILENT = new org.xml.sax.ErrorHandler() {
    @Override
    public void warning(org.xml.sax.SAXParseException e) {}

    @Override
    public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
      throw e;
    }

    @Override
    public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
      throw e;
    }
  };

  private Webhooks() {}

  /** The configured channel of that id, or 404. */
  public static ChannelsConfig.Channel channel(Map<String, ChannelsConfig.Channel> channels, String id) {
    ChannelsConfig.Channel c = channels.get(id);
    if (c == null) {
      throw HttpFailure.notFound("unknown channel");
    }
    return c;
  }

  public static void requireMethod(WebhookRequest req, HttpMethod... allowed) {
    for (HttpMethod m : allowed) {
      if (req.method() == m) {
        return;
      }
    }
    throw new HttpFailure(405, "method not allowed");
  }

  public static void requireContentType(WebhookRequest req, Set<String> types) {
    if (!types.contains(req.contentType())) {
      throw HttpFailure.unsupportedType("Content-Type must be one of " + types);
    }
  }

  /** A required query parameter, or 400. */
  public static String query(WebhookRequest req, String name) {
    String v = req.query().get(name);
    if (v == null || v.isEmpty()) {
      throw HttpFailure.badPayload("missing query parameter " + name);
    }
    return v;
  }

  /** A required header, or 401 (a missing signature header is an unsigned request). */
  public static String header(WebhookRequest req, String name) {
    String v = req.headers().get(name);
    if (v == null || v.isEmpty()) {
      throw HttpFailure.rejected("missing " + name);
    }
    return v;
  }

  /**
   * Rejects a request whose timestamp is further than {@code maxSkewSeconds} from now (401).
   *
   * @param epoch the timestamp as sent; {@code millis} says its unit
   */
  public static void requireFresh(String epoch, boolean millis, Instant now, long maxSkewSeconds) {
    long t;
    try {
      t = Long.parseLong(epoch.trim());
    } catch (NumberFormatException e) {
      throw HttpFailure.rejected("timestamp is not a number");
    }
    long nowUnit = millis ? now.toEpochMilli() : now.getEpochSecond();
    long window = millis ? maxSkewSeconds * 1000 : maxSkewSeconds;
    // Compared without subtracting first: now - t overflows for t near Long.MIN_VALUE, and
    // Math.abs(Long.MIN_VALUE) is negative, which would let such a timestamp through as fresh.
    if (t < nowUnit - window || t > nowUnit + window) {
      throw HttpFailure.rejected("stale or future timestamp");
    }
  }

  /** The channel's {@code max_skew_seconds}, else the platform's default. */
  public static long maxSkew(ChannelsConfig.Channel c, long dflt) {
    String v = c.value("max_skew_seconds");
    return v == null ? dflt : Long.parseLong(v);
  }

  /** The body as a JSON object, or 400. */
  public static JsonObject json(byte[] body) {
    try {
      Object v = io.vertx.core.json.Json.decodeValue(io.vertx.core.buffer.Buffer.buffer(body));
      if (v instanceof JsonObject o) {
        return o;
      }
    } catch (DecodeException | ClassCastException | IllegalStateException e) {
      // fall through
    }
    throw HttpFailure.badPayload("body is not a JSON object");
  }

  public static JsonObject json(String text) {
    return json(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * The text of each child element of the XML root ({@code <xml><A>..</A></xml>}), or 400.
   * DTDs and external entities are refused (XXE).
   */
  public static Map<String, String> xml(byte[] body) {
    try {
      DocumentBuilder b = BUILDER.get();
      b.reset();
      b.setErrorHandler(SILENT);
      Element root = b.parse(new ByteArrayInputStream(body)).getDocumentElement();
      Map<String, String> out = new LinkedHashMap<>();
      NodeList kids = root.getChildNodes();
      for (int i = 0; i < kids.getLength(); i++) {
        Node n = kids.item(i);
        if (n.getNodeType() == Node.ELEMENT_NODE) {
          out.putIfAbsent(n.getNodeName(), n.getTextContent());
        }
      }
      return out;
    } catch (Exception e) {
      throw HttpFailure.badPayload("body is not valid XML");
    }
  }

  public static Map<String, String> xml(String text) {
    return xml(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A required XML element, or 400. */
  public static String element(Map<String, String> xml, String name) {
    String v = xml.get(name);
    if (v == null || v.isEmpty()) {
      throw HttpFailure.badPayload("missing " + name);
    }
    return v;
  }

  private static DocumentBuilderFactory safeFactory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("cannot configure a safe XML parser", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    // Platform messages are two levels deep; a deeply nested body would overflow the stack of
    // the event loop (StackOverflowError → 500) when its text is read. The JDK parser stops it.
    f.setAttribute("jdk.xml.maxElementDepth", MAX_XML_DEPTH);
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    return f;
  }

  /** An id usable in a Redis key and a log line, or 400. */
  public static String id(String v, String what) {
    if (v == null || v.isEmpty() || v.length() > 200 || v.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
      throw HttpFailure.badPayload(what + ": missing or not an id");
    }
    return v;
  }
}
