package cn.gridbot.bot.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The service's logging set-up, in code: one line per event on standard output, the root level
 * from {@code GRIDBOT_LOG_LEVEL} (system property or environment variable, default INFO), the
 * libraries' chatter at WARN. Registered with Logback as a service so that start-up does not load
 * the XML configurator and its parser (about 600 classes, a few hundred milliseconds).
 *
 * <p>Never log message text, tokens or full phone numbers at INFO. A Logback file still wins when
 * one is asked for: {@code -Dlogback.configurationFile=…}, or a {@code logback-test.xml} or
 * {@code logback.xml} on the class path.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";
  static final Map<String, Level> LIBRARIES = Map.of(
      "io.lettuce", Level.WARN,
      "io.netty", Level.WARN,
      "io.vertx", Level.WARN,
      "org.quartz", Level.WARN,
      "opennlp", Level.WARN,
      // Vert.x registers one "active connections" gauge per event loop under the same name: harmless.
      "io.micrometer.core.instrument.MeterRegistry", Level.ERROR);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = LogSetup.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
    out.setContext(context);
    out.setName("STDOUT");
    out.setEncoder(encoder);
    out.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(rootLevel());
    root.addAppender(out);
    LIBRARIES.forEach((name, level) -> context.getLogger(name).setLevel(level));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  static Level rootLevel() {
    String v = System.getProperty("GRIDBOT_LOG_LEVEL");
    if (v == null || v.isBlank()) {
      v = System.getenv("GRIDBOT_LOG_LEVEL");
    }
    return v == null || v.isBlank() ? Level.INFO : Level.toLevel(v.trim(), Level.INFO);
  }
}
