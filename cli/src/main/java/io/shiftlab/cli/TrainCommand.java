package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.ImageSet;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelRef;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.train.AugmentSpec;
import io.shiftlab.train.BatchNormRecalibration;
import io.shiftlab.train.BatchOrder;
import io.shiftlab.train.Checkpoints;
import io.shiftlab.train.OptimizerKind;
import io.shiftlab.train.OptimizerSettings;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainConfig;
import io.shiftlab.train.TrainResult;
import io.shiftlab.train.Training;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shiftlab train}: train a catalog model into a run directory, or resume one. */
@Command(
    name = "train",
    description =
        "Train a catalog model into a self-describing run directory (config, manifest, per-epoch"
            + " CSV, metrics, parameters, checkpoints), or resume an interrupted run.")
final class TrainCommand extends EngineCommand {
  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "Catalog model: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ModelNames.class)
  String model;

  @Option(
      names = "--dataset",
      paramLabel = "SET",
      defaultValue = "digits",
      description = "digits, fashion-mnist or idx:DIR (default: ${DEFAULT-VALUE}).")
  String dataset;

  @Option(
      names = "--epochs",
      defaultValue = "15",
      description = "Maximum epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "128",
      description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--optimizer",
      defaultValue = "adam",
      description =
          "adam, sgd or adadelta (rho 0.9, eps 1e-6, as PyTorch) (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--lr",
      defaultValue = "1e-3",
      description = "Learning rate (default: ${DEFAULT-VALUE}).")
  float lr;

  @Option(
      names = "--momentum",
      defaultValue = "0.9",
      description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  float momentum;

  @Option(
      names = "--augment",
      defaultValue = "none",
      description =
          "Shift augmentation: none, keras (the article's: ±10%% of the size, fill"
              + " nearest) or a shift spec MODE:AxB[:DIST], e.g. zero:4x3:int (default: ${DEFAULT-VALUE}).")
  String augment;

  @Option(
      names = "--patience",
      defaultValue = "0",
      description =
          "Stop after this many epochs without a lower validation loss and keep the best"
              + " epoch; 0 = off (default: ${DEFAULT-VALUE}).")
  int patience;

  @Mixin MasterSeed seed;

  @Option(
      names = "--max-train",
      defaultValue = "0",
      paramLabel = "N",
      description = "Use at most N training images, drawn with the seed; 0 = all.")
  int maxTrain;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run directory to create (default: runs/MODEL-DATASET-sSEED).")
  Path out;

  @Option(
      names = "--resume",
      paramLabel = "RUN_DIR",
      description = "Continue an interrupted run from its newest intact checkpoint.")
  Path resume;

  @Override
  public Integer call() {
    PrintWriter stdout = out();
    common.configureRuntime();
    RunDirectory run = null;
    Path dir = null;
    TrainConfig config;
    boolean resuming = resume != null;
    if (resuming) {
      run = RunDirectory.open(resume);
      config = run.config();
      if (run.finished()) {
        stdout.println(resume + ": the run has already finished");
        return 0;
      }
      // Before the data is loaded and an epoch trained, not when the first checkpoint is kept.
      run.requireCheckpointsDir();
    } else {
      if (model == null) {
        throw new UserInputException(
            "--model",
            "is required (or --resume RUN_DIR); choose one of "
                + String.join(", ", ModelCatalog.names()));
      }
      ModelRef modelRef = ModelRef.of("--model", model);
      OptimizerKind kind = OptimizerKind.parse("--optimizer", optimizer);
      if (!(lr > 0) || !Float.isFinite(lr)) {
        throw new UserInputException(
            "--lr",
            "must be a positive finite number, got "
                + lr
                + (Float.isInfinite(lr) ? " (beyond the range of a float)" : ""));
      }
      if (!(momentum >= 0 && momentum < 1)) {
        throw new UserInputException("--momentum", "must be in [0, 1), got " + momentum);
      }
      OptimizerSettings opt =
          switch (kind) {
            case ADAM -> OptimizerSettings.adam(lr);
            case SGD -> OptimizerSettings.sgd(lr, momentum);
            case ADADELTA -> OptimizerSettings.adadelta(lr, 0.9f, 1e-6f, 0f);
          };
      config =
          new TrainConfig(
              modelRef,
              dataset,
              epochs,
              batchSize,
              opt,
              AugmentSpec.parse(augment),
              patience,
              seed.value,
              maxTrain,
              BatchOrder.SHUFFLED);
      dir =
          out != null
              ? out
              : Path.of(
                  "runs",
                  model + "-" + dataset.replaceAll("[^A-Za-z0-9]+", "_") + "-s" + seed.value);
      requireCreatable(dir);
    }
    // Load (and check) the data before creating the run directory: a bad data set must not leave
    // an empty run behind that the next attempt refuses as "not empty".
    DataSplits data =
        DataOptions.load(
            common.data(), config.dataset(), config.seed(), config.maxTrain(), 0, log());
    InputShape input =
        new InputShape(data.train().channels(), data.train().height(), data.train().width());
    Path created = null;
    if (!resuming) {
      requireFits(config, input, data.train().numClasses());
      created = topmostMissing(dir);
      run = RunDirectory.create(dir);
    }
    Training training =
        new Training(
            config,
            data.train(),
            data.val(),
            config.augment().augmentation(input),
            common.progress(err(), config.model().name()));
    RunDirectory started = run;
    Main.onInterrupt(() -> interruptNote(started));
    TrainResult r;
    try {
      r = resuming ? training.resume(run) : training.start(run, data.sha256());
    } catch (RuntimeException e) {
      removeUnstarted(created, run, e);
      throw e;
    }
    stdout.printf(
        Locale.ROOT,
        "%s: %s, %d parameters, %d epochs (kept epoch %d), val accuracy %.4f, val loss %.4f%s%n",
        run.root(),
        r.model(),
        r.parameters(),
        r.epochsRun(),
        r.bestEpoch(),
        r.valAccuracy(),
        r.valLoss(),
        savedModelNote(run, data.val()));
    return 0;
  }

  /**
   * For a network with batch norm, the saved model's validation figures: training measured the kept
   * epoch with the running statistics it had then, and the saved model has them recomputed.
   */
  private static String savedModelNote(RunDirectory run, ImageSet val) {
    try (Network net = TrainResult.load(run)) {
      if (!BatchNormRecalibration.appliesTo(net.block())) {
        return "";
      }
      double[] v = Training.evaluate(net, val);
      return String.format(
          Locale.ROOT,
          " (as trained); saved model, batch norm recalibrated: val accuracy %.4f, val loss %.4f",
          v[1],
          v[0]);
    }
  }

  /**
   * Builds the model once on the data's image shape, before the run directory exists: a model that
   * cannot take the images (too small for its pooling, say) is refused in one line naming the
   * options, not found out by training after config.json and manifest.json were written.
   */
  private static void requireFits(TrainConfig config, InputShape input, int classes) {
    try (Network net = Network.create(config.model().entry(), input, classes, 0)) {
      net.parameterCount();
    } catch (UserInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new UserInputException(
          "--dataset",
          config.dataset()
              + " has "
              + input
              + " images, which --model "
              + config.model().name()
              + " cannot take ("
              + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip()
              + "); choose larger images or another model",
          e);
    }
  }

  /**
   * The outermost folder of {@code dir} that does not exist yet (what creating it adds), or null.
   */
  private static Path topmostMissing(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    Path top = null;
    for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
      top = p;
    }
    return top;
  }

  /**
   * After a failed new run that kept nothing to resume from (no checkpoint, no metrics.json):
   * removes the folders this command created, so a retry is not refused as "not empty". A run that
   * failed on a NaN loss keeps its metrics.json marked failed; a run with a checkpoint stays
   * resumable.
   */
  private static void removeUnstarted(Path created, RunDirectory run, RuntimeException cause) {
    if (run == null || Files.exists(run.metricsFile())) {
      return;
    }
    try {
      if (Checkpoints.newest(run, m -> {}).isPresent()) {
        return;
      }
      Path root = run.root().toAbsolutePath().normalize();
      if (created != null && root.startsWith(created)) {
        AtomicFiles.deleteRecursively(created);
      } else {
        // the folder was there before (empty: train refuses any other), so it stays; only what
        // this run wrote into it goes
        try (java.util.stream.Stream<Path> children = Files.list(root)) {
          for (Path child : children.toList()) {
            AtomicFiles.deleteRecursively(child);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Fails on an {@code --out} that {@link RunDirectory#create} would refuse (an existing file or
   * non-empty directory) before anything slow happens; create checks again.
   */
  private static void requireCreatable(Path dir) {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new UserInputException(
              dir.toString(), "already exists and is not empty; use --resume to continue it");
        }
      } catch (IOException e) {
        throw new UserInputException(dir.toString(), "cannot read: " + e.getMessage(), e);
      }
    } else if (Files.exists(dir)) {
      throw new UserInputException(dir.toString(), "exists and is not a directory");
    }
  }

  /** Completion candidates: the catalog names. */
  static final class ModelNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ModelCatalog.names().iterator();
    }
  }

  /** The interrupt line's note: the checkpoint a resume would start from. */
  private static String interruptNote(RunDirectory run) {
    String resume = "resume with: shiftlab train --resume " + run.root();
    try {
      return Checkpoints.newest(run, m -> {})
          .map(f -> "checkpoint kept at " + f.dir() + "; " + resume)
          .orElse(run.root() + " holds no checkpoint yet; " + resume);
    } catch (RuntimeException e) {
      return resume;
    }
  }
}
