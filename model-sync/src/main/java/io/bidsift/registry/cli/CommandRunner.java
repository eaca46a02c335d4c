package io.bidsift.registry.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command the way every {@code ./bidsift} command behaves: exit 0 on success; on
 * failure a one-line reason on stderr and a non-zero exit (1 for a failed operation, 2 for a
 * usage error).
 */
final class CommandRunner {

  static final int FAILED = 1;
  static final int USAGE = 2;

  private CommandRunner() {
  }

  static int run(String name, Object command, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(command).setOut(out).setErr(err);
    cli.setParameterExceptionHandler((e, a) -> {
      err.println(name + ": " + oneLine(e.getMessage()) + " (see --help)");
      err.flush();
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, c, parsed) -> {
      err.println(name + ": " + oneLine(e.getMessage() == null ? e.toString() : e.getMessage()));
      err.flush();
      return FAILED;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String oneLine(String message) {
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
