package cn.gridbot.nlp.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options; {@code --param} may repeat. Fails with a one-line message. */
final class Args {
  private final Map<String, String> single = new HashMap<>();
  private final List<String> params = new ArrayList<>();

  static final class BadArguments extends Exception {
    BadArguments(String message) {
      super(message);
    }
  }

  private Args() {}

  static Args parse(String[] args, Set<String> known) throws BadArguments {
    Args parsed = new Args();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--") || !known.contains(name.substring(2))) {
        throw new BadArguments("unknown option " + name + " (known: --" + String.join(", --",
            known.stream().sorted().toList()) + ")");
      }
      if (i + 1 >= args.length) {
        throw new BadArguments(name + " needs a value");
      }
      String value = args[++i];
      if (name.equals("--param")) {
        parsed.params.add(value);
      } else if (parsed.single.put(name.substring(2), value) != null) {
        throw new BadArguments(name + " given twice");
      }
    }
    return parsed;
  }

  String get(String name) {
    return single.get(name);
  }

  String required(String name) throws BadArguments {
    String v = single.get(name);
    if (v == null) {
      throw new BadArguments("missing --" + name);
    }
    return v;
  }

  long longValue(String name, long dflt) throws BadArguments {
    String v = single.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new BadArguments("--" + name + " must be an integer, got " + v);
    }
  }

  List<String> params() {
    return params;
  }
}
