package cn.gridbot.bot.http;

/**
 * A request failure that carries its HTTP status and a short, safe reason (no secrets, no
 * payload). Mapped once to a JSON body by {@link HttpServerVerticle}'s failure handler.
 */
public class HttpFailure extends RuntimeException {
  private final int status;

  public HttpFailure(int status, String reason) {
    super(reason, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 400: the body is not what the endpoint takes. */
  public static HttpFailure badPayload(String reason) {
    return new HttpFailure(400, reason);
  }

  /** 401: the signature or token does not verify. */
  public static HttpFailure rejected(String reason) {
    return new HttpFailure(401, reason);
  }

  /** 404: no such platform or channel. */
  public static HttpFailure notFound(String reason) {
    return new HttpFailure(404, reason);
  }

  /** 415: the content type is not the platform's. */
  public static HttpFailure unsupportedType(String reason) {
    return new HttpFailure(415, reason);
  }

  /** 503: a dependency (Redis) cannot answer now; platforms retry. */
  public static HttpFailure unavailable(String reason) {
    return new HttpFailure(503, reason);
  }
}
