package io.bidsift.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Runs a picocli command the way every {@code ./bidsift} command behaves (contracts.md §2): help
 * and version on stdout and exit 0; on failure one line on stderr, {@code NAME: reason}, and a
 * non-zero exit: {@value #USAGE} for an invalid command line (the line ends
 * {@code (see --help)}), {@value #FAILED} for a failed run. A command refuses its arguments from
 * {@code call()} by throwing {@link #invalid}; anything else it throws is a failed run.
 */
public final class CommandRunner {

  /** Exit code of a run that failed. */
  public static final int FAILED = 1;
  /** Exit code of an invalid command line. */
  public static final int USAGE = 2;

  private CommandRunner() {
  }

  /** Runs {@code command} with {@code args}; {@code name} starts the error line. Returns the exit code. */
  public static int run(String name, Object command, String[] args, PrintStream stdout, PrintStream stderr) {
    return run(name, command, args, stdout, stderr, Reasons::oneLine);
  }

  /** As {@link #run(String, Object, String[], PrintStream, PrintStream)}, a failed run described by {@code reason}. */
  public static int run(String name, Object command, String[] args, PrintStream stdout, PrintStream stderr,
      Function<Exception, String> reason) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(stdout, true));
    cli.setErr(new PrintWriter(stderr, true));
    return execute(cli, name, args, stderr::println, reason);
  }

  /** As {@link #run(String, Object, String[], PrintStream, PrintStream)}, on writers, flushed before it returns. */
  public static int run(String name, Object command, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(command).setOut(out).setErr(err);
    try {
      return execute(cli, name, args, line -> {
        err.println(line);
        err.flush();
      }, Reasons::oneLine);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The exception by which {@code command} refuses its arguments from {@code call()}: reported as
   * an invalid command line, {@code NAME: message (see --help)} and exit {@value #USAGE}.
   */
  public static CommandLine.ParameterException invalid(Object command, String message) {
    return new CommandLine.ParameterException(new CommandLine(command), message);
  }

  private static int execute(CommandLine cli, String name, String[] args, Consumer<String> errorLine,
      Function<Exception, String> reason) {
    cli.setParameterExceptionHandler((e, a) -> {
      errorLine.accept(name + ": " + Reasons.oneLine(e.getMessage()) + " (see --help)");
      return USAGE;
    });
    cli.setExecutionExceptionHandler((e, c, parsed) -> {
      errorLine.accept(name + ": " + reason.apply(e));
      return FAILED;
    });
    return cli.execute(args);
  }
}
