package cn.gridbot.bot.ops;

import cn.gridbot.bot.testing.BotHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls with an optional bearer token, for the operators' interfaces. */
final class Http {
  static final String STREET = "gridbot-demo-guilinlu";
  static final String HEPING = "gridbot-demo-heping";
  static final String ZIJIN = "gridbot-demo-zijin";

  private final BotHarness h;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Http(BotHarness h) {
    this.h = h;
  }

  HttpResponse<String> call(String method, String path, String token, String contentType, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.url(path))).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path, String token) throws Exception {
    return call("GET", path, token, null, null);
  }

  HttpResponse<String> post(String path, String token, String json) throws Exception {
    return call("POST", path, token, json == null ? null : "application/json", json);
  }
}
