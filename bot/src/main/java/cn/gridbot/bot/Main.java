package cn.gridbot.bot;

import cn.gridbot.bot.config.BotConfig;
import cn.gridbot.bot.ops.ApiConfig;
import cn.gridbot.bot.config.BotConfigLoader;
import cn.gridbot.bot.config.Schedules;
import cn.gridbot.bot.config.SchedulesLoader;
import cn.gridbot.handlers.config.ConfigException;
import cn.gridbot.handlers.config.ConfigFiles;
import cn.gridbot.handlers.directory.Directory;
import cn.gridbot.handlers.directory.DirectoryLoader;
import cn.gridbot.handlers.routing.Router;
import cn.gridbot.handlers.understanding.Reading;
import cn.gridbot.nlp.cli.AnalyzeCommand;
import cn.gridbot.nlp.cli.BenchCommand;
import cn.gridbot.nlp.cli.EvalCommand;
import cn.gridbot.nlp.cli.TrainCommand;
import cn.gridbot.nlp.rules.RulesLoader;
import cn.gridbot.nlp.rules.UnderstandingRules;
import cn.gridbot.nlp.understanding.Analyzer;
import cn.gridbot.nlp.understanding.CategoryScorer;
import cn.gridbot.nlp.understanding.Scorers;
import java.io.InputStream;
import java.time.Clock;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The jar's entry point: {@code serve} (the default), {@code analyze}, {@code train} and
 * {@code eval}, as in {@code shared/spec/cli.md}. Exit codes: 0 normal, 2 bad configuration or
 * arguments, 1 anything else.
 */
public final class Main {
  static final String USAGE = String.join("\n",
      "usage: java -jar gridbot.jar [serve] [--config DIR]",
      "       java -jar gridbot.jar analyze [--config DIR] [--model FILE] < in.jsonl > out.jsonl",
      "       java -jar gridbot.jar train --corpus FILE.jsonl --out MODEL.bin",
      "       java -jar gridbot.jar eval --corpus FILE.jsonl [--folds 5] [--seed 1]");

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err, System.getenv());
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
    String command = args.length == 0 || args[0].startsWith("--") ? "serve" : args[0];
    String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (command) {
        case "serve" -> serve(rest, err, env);
        case "analyze" -> AnalyzeCommand.run(rest, in, out, err);
        case "train" -> TrainCommand.run(rest, in, out, err);
        case "eval" -> EvalCommand.run(rest, in, out, err);
        case "bench" -> BenchCommand.run(rest, in, out, err);
        case "help", "-h" -> {
          out.println(USAGE);
          yield 0;
        }
        default -> {
          err.println("unknown command '" + command + "'\n" + USAGE);
          yield 2;
        }
      };
    } catch (ConfigException e) {
      err.println("configuration error: " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage() + "\n" + USAGE);
      return 2;
    }
  }

  /** Parses {@code --config DIR} and nothing else. */
  static ConfigFiles configFiles(String[] args) {
    Path dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        dir = Path.of(args[++i]);
        if (!Files.isDirectory(dir)) {
          throw new ConfigException(dir.toString(), "--config", "not a readable directory");
        }
      } else {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
      }
    }
    return new ConfigFiles(dir);
  }

  private static int serve(String[] args, PrintStream err, Map<String, String> env) {
    StartupTimes times = new StartupTimes();
    // Netty and Lettuce set up Java Flight Recorder events when they start (a few hundred classes,
    // some generated); nobody records them unless asked, so they are off unless set with -D.
    setIfAbsent("io.netty.jfr.enabled", "false");
    setIfAbsent("io.lettuce.core.jfr", "false");
    ConfigFiles files = configFiles(args);
    // The rules and models need no settings: loaded on a thread of their own from the start.
    CompletableFuture<Models> models = background("gridbot-models", () -> models(files, times));
    // Vert.x, Redis (connecting, once the settings are read) and the admin API contract are built
    // on a thread of their own meanwhile; everything else below is needed before wiring.
    CompletableFuture<BotConfig> configured = new CompletableFuture<>();
    CompletableFuture<GridBot.Foundation> foundation = GridBot.lay(configured, times);
    BotConfig config;
    GridBot bot;
    try {
      config = times.time("config", () -> BotConfigLoader.load(files, env));
      configured.complete(config);
      Directory directory = times.time("directory", () -> {
        try (InputStream dir = files.open("directory.yaml")) {
          return DirectoryLoader.load(dir, files.describe("directory.yaml"));
        } catch (java.io.IOException e) {
          throw new ConfigException(files.describe("directory.yaml"), "", "cannot read: " + e.getMessage());
        }
      });
      Schedules schedules = times.time("schedules", () -> SchedulesLoader.load(files, directory));
      Brain brain = brain(join(models), directory, times);
      String instance = env.containsKey("GRIDBOT_INSTANCE_ID") ? env.get("GRIDBOT_INSTANCE_ID")
          : hostName() + "-" + config.http().port();
      ApiConfig api = times.time("api config", () -> ApiConfig.load(files, directory, env));
      bot = new GridBot(config, directory, schedules, brain, Clock.systemUTC(), instance, api).timedBy(times);
    } catch (RuntimeException e) {
      configured.completeExceptionally(e);
      GridBot.abandon(foundation);
      throw e;
    }
    try {
      bot.start(foundation);
    } catch (Exception e) {
      bot.stop();
      if (isBind(e)) {
        err.println("configuration error: http.port: port " + config.http().port()
            + " is already in use (set GRIDBOT_HTTP_PORT)");
        return 2;
      }
      err.println("startup failed: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(bot::stop, "gridbot-shutdown"));
    return 0;
  }

  /**
   * The understanding step over the directory: the packaged classifier, the rules of
   * {@code understanding.yaml} and the router. Blocking; {@code serve} loads the rules and models on
   * a thread of its own and builds the brain before the service is wired (never on an event loop).
   */
  public static Brain brain(ConfigFiles files, Directory directory) {
    return brain(files, directory, new StartupTimes());
  }

  /** The understanding rules and the packaged models: everything of the brain but the directory. */
  record Models(UnderstandingRules rules, CategoryScorer category, CategoryScorer emergency) {}

  static Models models(ConfigFiles files, StartupTimes times) {
    UnderstandingRules rules = times.time("rules", () -> {
      try (InputStream in = files.open(UnderstandingRules.FILE)) {
        return RulesLoader.load(in, files.describe(UnderstandingRules.FILE));
      } catch (java.io.IOException e) {
        throw new ConfigException(files.describe(UnderstandingRules.FILE), "", "cannot read: " + e.getMessage());
      }
    });
    CategoryScorer category = times.time("category model", Scorers::builtIn);
    CategoryScorer emergency = times.time("emergency model", () -> Scorers.builtInEmergency().orElse(null));
    return new Models(rules, category, emergency);
  }

  static Brain brain(ConfigFiles files, Directory directory, StartupTimes times) {
    return brain(models(files, times), directory, times);
  }

  static Brain brain(Models models, Directory directory, StartupTimes times) {
    UnderstandingRules rules = models.rules();
    Analyzer analyzer = times.time("analyzer",
        () -> Analyzer.of(models.category(), models.emergency(), rules, directory));
    Router router = analyzer.router();
    return new Brain(analyzer.understanding(), (reading, place, text) -> router.route(
        new Reading(reading.best(), reading.ranked(), reading.emergency(), place, reading.atHome()), text),
        rules.askBelow(), analyzer);
  }

  /** Runs {@code work} on a new daemon thread. */
  static <T> CompletableFuture<T> background(String name, java.util.function.Supplier<T> work) {
    CompletableFuture<T> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        done.complete(work.get());
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return done;
  }

  /** The result of {@code f}, its failure rethrown as it was thrown. */
  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private static boolean isBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
        return true;
      }
    }
    return false;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "gridbot";
    }
  }
}
