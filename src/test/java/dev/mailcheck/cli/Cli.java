package dev.mailcheck.cli;

import dev.mailcheck.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the command line in-process with captured output and the given MAILCHECK_* settings. */
record Cli(int exit, String out, String err) {

  static Cli run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), new Config(env));
    return new Cli(exit, out.toString(), err.toString());
  }

  static Cli run(String... args) {
    return run(Map.of(), args);
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
  }
}
