package io.bidsift.training;

import io.bidsift.cli.CommandRunner;
import io.bidsift.cli.Reasons;
import io.bidsift.json.JsonInputException;
import io.bidsift.bundle.JsonTrees;
import io.bidsift.training.evaluate.GroupMetrics;
import io.bidsift.training.preprocess.PreprocessException;
import io.bidsift.training.report.TrainingRun;
import io.bidsift.training.train.CanarySelector;
import io.bidsift.training.train.Hyperparameters;
import io.bidsift.training.train.TrainingException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./bidsift train --logs DIR --out DIR [--target-recall R]} (contracts.md §2): preprocess,
 * train, evaluate and package a model bundle; see docs/training.md.
 *
 * <p>Runs Spark in-process, which on Java 17 needs the JVM options Spark's launcher adds:
 * <pre>
 * --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
 * --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
 * --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 * --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
 * --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
 * --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
 * --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
 * </pre>
 * (the {@code spark.java17.opens} property of training-pipeline/pom.xml). The training set of
 * 3.4 M rows needs about 4 GB of heap ({@code -Xmx4g} or more).
 *
 * <p>Progress goes to stderr, a short summary to stdout. Exit 0 on success, 1 with
 * {@code bidsift: <reason>} on stderr when the input or the parameters are unusable, 2 for a
 * usage error.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Preprocess auction logs, train the bid model (XGBoost), evaluate it against the baseline "
        + "lookup on the held-out last day, and write OUT/bundle/, OUT/metrics.json and OUT/report.html."})
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--logs", required = true, paramLabel = "DIR",
      description = "auction logs v1 (*.jsonl, *.jsonl.gz, any directory tree); a local directory or s3a:// prefix")
  private String logs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory (local)")
  private Path out;

  @Option(names = "--target-recall", paramLabel = "R", defaultValue = "0.95",
      description = "share of each DSP's bids the thresholds keep on validation (default: ${DEFAULT-VALUE})")
  private double targetRecall;

  @Option(names = "--target-value-recall", paramLabel = "V", defaultValue = "0.98",
      description = "share of each DSP's bid value (sum of bid prices) the thresholds keep too; 0 for none "
          + "(default: ${DEFAULT-VALUE})")
  private double targetValueRecall;

  @Option(names = "--hyperparameters", paramLabel = "FILE",
      description = "JSON overriding any of the default XGBoost parameters (see docs/training.md)")
  private Path hyperparameters;

  @Option(names = "--min-bids", paramLabel = "N", defaultValue = "30",
      description = "fewest validation bids for a DSP to get a threshold; below, it is always called (default: ${DEFAULT-VALUE})")
  private int minBids;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master (default: spark-submit's, else local[*])")
  private String master;

  private final PrintStream stdout;
  private final PrintStream stderr;

  public TrainCommand() {
    this(System.out, System.err);
  }

  public TrainCommand(PrintStream stdout, PrintStream stderr) {
    this.stdout = stdout;
    this.stderr = stderr;
  }

  @Override
  public Integer call() {
    try {
      Hyperparameters hp = Hyperparameters.defaults();
      if (hyperparameters != null) {
        hp = hp.overriddenBy(JsonTrees.parseObject(Files.readAllBytes(hyperparameters)));
      }
      TrainPipeline.Config config = new TrainPipeline.Config(logs, out, targetRecall, targetValueRecall, hp, master,
          minBids, CanarySelector.DEFAULT_SIZE);
      TrainPipeline.Result result = new TrainPipeline(Clock.systemUTC(), stderr::println).run(config);
      summary(result);
      return 0;
    } catch (PreprocessException | TrainingException | IllegalArgumentException | JsonInputException e) {
      stderr.println("bidsift: " + Reasons.firstLine(e));
      return 1;
    } catch (NoSuchFileException e) {
      stderr.println("bidsift: no such file: " + e.getFile());
      return 1;
    } catch (IOException | UncheckedIOException e) {
      stderr.println("bidsift: I/O error: " + Reasons.firstLine(e));
      return 1;
    }
  }

  private void summary(TrainPipeline.Result result) {
    TrainingRun run = result.run();
    GroupMetrics m = run.model().overall();
    GroupMetrics b = run.baseline().overall();
    stdout.printf(Locale.ROOT, "model %s (%d rounds), trained on %s to %s, tested on %s%n", result.manifest().version(),
        run.rounds(), run.trainingWindow().from(), run.trainingWindow().to(), run.testDays());
    stdout.printf(Locale.ROOT, "callouts saved %.1f%% at bid recall %.1f%% (target %.1f%%), value recall %.1f%%%n",
        100 * m.point().saved(), 100 * m.point().bidRecall(), 100 * run.targetRecall(), 100 * m.point().valueRecall());
    stdout.printf(Locale.ROOT, "baseline lookup saves %.1f%% at bid recall %.1f%%: lift %+.1f pp%n",
        100 * b.point().saved(), 100 * b.point().bidRecall(), run.liftPercentagePoints());
    stdout.printf(Locale.ROOT, "ROC-AUC %.4f, PR-AUC %.4f, log-loss %.4f%n", m.rocAuc(), m.prAuc(), m.logLoss());
    long always = run.thresholds().values().stream().filter(t -> t.threshold() == null).count();
    if (always > 0) {
      stdout.printf(Locale.ROOT, "%d DSP(s) without threshold (always called), see the report%n", always);
    }
    stdout.println("bundle  " + result.bundle().toAbsolutePath());
    stdout.println("metrics " + out.resolve("metrics.json").toAbsolutePath());
    stdout.println("report  " + out.resolve("report.html").toAbsolutePath());
  }

  public static void main(String[] args) {
    System.exit(CommandRunner.run("bidsift", new TrainCommand(), args, System.out, System.err,
        Reasons::firstLine));
  }
}
