package io.bidsift.simulator.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Runs a picocli command the way every {@code ./bidsift} command behaves (contracts.md §2): help on the
 * given stdout, a one-line reason on stderr, exit 2 for a bad command line and 1 for a failed run.
 */
public final class CommandRunner {

  private CommandRunner() {
  }

  /** Executes {@code command} with {@code args}; {@code name} prefixes the error lines. Returns the exit code. */
  public static int execute(Object command, String name, String[] args, PrintStream stdout, PrintStream stderr) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(stdout, true));
    cli.setErr(new PrintWriter(stderr, true));
    cli.setParameterExceptionHandler((e, a) -> {
      stderr.println(name + ": " + e.getMessage() + " (see --help)");
      return 2;
    });
    cli.setExecutionExceptionHandler((e, c, parsed) -> {
      stderr.println(name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      return 1;
    });
    return cli.execute(args);
  }
}
