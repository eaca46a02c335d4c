package io.bidsift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Every {@code ./bidsift} command's contract (contracts.md §2), on a command made for the test. */
class CommandRunnerTest {

  @Command(name = "bidsift try", mixinStandardHelpOptions = true, description = "A command for the runner's tests.")
  static final class TryCommand implements Callable<Integer> {

    @Option(names = "--fail", paramLabel = "HOW", description = "refuse, throw, silent or multiline")
    String fail;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N", description = "a number")
    int count;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (fail == null) {
        spec.commandLine().getOut().println("did it " + count + " time(s)");
        return 0;
      }
      switch (fail) {
        case "refuse" -> throw CommandRunner.invalid(this, "--fail refuse is refused");
        case "silent" -> throw new IllegalStateException();
        case "multiline" -> throw new IllegalStateException("first\n  second\r\nthird\n");
        default -> throw new IllegalStateException("it failed");
      }
    }
  }

  private record Run(int code, String out, String err) {
  }

  private static Run onStreams(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CommandRunner.run("bidsift try", new TryCommand(), args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run onWriters(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // Not auto-flushing, as a command's main builds them over System.out: the runner flushes.
    int code = CommandRunner.run("bidsift try", new TryCommand(), args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void successExitsZeroWithTheCommandsOutput() {
    for (Run run : new Run[] {onStreams("--count", "3"), onWriters("--count", "3")}) {
      assertThat(run.code()).isZero();
      assertThat(run.out()).isEqualTo("did it 3 time(s)" + System.lineSeparator());
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void helpGoesToStdoutAndExitsZero() {
    for (Run run : new Run[] {onStreams("--help"), onWriters("--help")}) {
      assertThat(run.code()).isZero();
      assertThat(run.out()).startsWith("Usage: bidsift try").contains("--fail=HOW", "--count=N");
      assertThat(run.err()).isEmpty();
    }
  }

  @Test
  void anInvalidCommandLineExitsTwoWithOneLineEndingInSeeHelp() {
    for (Run run : new Run[] {onStreams("--count", "many"), onWriters("--count", "many"), onStreams("--nope")}) {
      assertThat(run.code()).isEqualTo(CommandRunner.USAGE).isEqualTo(2);
      assertThat(run.out()).isEmpty();
      assertThat(run.err().strip()).doesNotContain("\n").startsWith("bidsift try: ").endsWith(" (see --help)");
    }
    assertThat(onStreams("--count", "many").err().strip())
        .isEqualTo("bidsift try: Invalid value for option '--count': 'many' is not an int (see --help)");
  }

  @Test
  void argumentsTheCommandRefusesWhenRunAreAnInvalidCommandLineToo() {
    Run run = onWriters("--fail", "refuse");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("bidsift try: --fail refuse is refused (see --help)");
  }

  @Test
  void aFailedRunExitsOneWithItsReasonOnOneLine() {
    assertThat(onStreams("--fail", "throw")).isEqualTo(new Run(1, "", "bidsift try: it failed" + System.lineSeparator()));
    assertThat(onWriters("--fail", "multiline").err().strip()).isEqualTo("bidsift try: first second third");
    assertThat(onWriters("--fail", "silent").err().strip()).isEqualTo("bidsift try: java.lang.IllegalStateException");
  }

  @Test
  void aCommandMayDescribeItsFailuresItself() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CommandRunner.run("bidsift try", new TryCommand(), new String[] {"--fail", "multiline"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Reasons::firstLine);

    assertThat(code).isEqualTo(CommandRunner.FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8).strip()).isEqualTo("bidsift try: first");
  }
}
