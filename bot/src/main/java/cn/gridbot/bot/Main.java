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
    ConfigFiles files = configFiles(args);
    BotConfig config = BotConfigLoader.load(files, env);
    Directory directory;
    try (InputStream dir = files.open("directory.yaml")) {
      directory = DirectoryLoader.load(dir, files.describe("directory.yaml"));
    } catch (java.io.IOException e) {
      throw new ConfigException(files.describe("directory.yaml"), "", "cannot read: " + e.getMessage());
    }
    Schedules schedules = SchedulesLoader.load(files, directory);
    Brain brain = brain(files, directory);
    String instance = env.getOrDefault("GRIDBOT_INSTANCE_ID", hostName() + "-" + config.http().port());
    ApiConfig api = ApiConfig.load(files, directory, env);
    GridBot bot = new GridBot(config, directory, schedules, brain, Clock.systemUTC(), instance, api);
    try {
      bot.start();
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
   * {@code understanding.yaml} and the router. Loaded in {@code main}, before any event loop runs.
   */
  public static Brain brain(ConfigFiles files, Directory directory) {
    UnderstandingRules rules;
    try (InputStream in = files.open(UnderstandingRules.FILE)) {
      rules = RulesLoader.load(in, files.describe(UnderstandingRules.FILE));
    } catch (java.io.IOException e) {
      throw new ConfigException(files.describe(UnderstandingRules.FILE), "", "cannot read: " + e.getMessage());
    }
    Analyzer analyzer = Analyzer.of(Scorers.builtIn(), Scorers.builtInEmergency().orElse(null), rules, directory);
    Router router = analyzer.router();
    return new Brain(analyzer.understanding(), (reading, place, text) -> router.route(
        new Reading(reading.best(), reading.ranked(), reading.emergency(), place, reading.atHome()), text),
        rules.askBelow(), analyzer);
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
