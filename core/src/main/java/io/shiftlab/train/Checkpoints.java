package io.shiftlab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import io.shiftlab.io.Sha256;
import io.shiftlab.report.Json;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Atomic end-of-epoch checkpoints: parameters, optimiser state, the best parameters so far and the
 * run's bookkeeping.
 *
 * <p>A checkpoint is a directory {@code checkpoints/epoch-NNNN/} holding {@code model.params},
 * {@code optimizer.bin}, {@code best.params}, {@code state.json} and {@code SHA256SUMS}. It is
 * filled under a hidden temporary name and renamed into place only when complete, so a run killed
 * at any moment leaves either the previous checkpoints or the new one. On resume the newest
 * checkpoint whose files all match {@code SHA256SUMS} is used; a damaged one is skipped with a
 * warning. The two newest are kept.
 */
public final class Checkpoints {
  static final String PARAMS = "model.params";
  static final String OPTIMIZER = "optimizer.bin";
  static final String BEST = "best.params";
  static final String STATE = "state.json";
  static final String SUMS = "SHA256SUMS";
  private static final int KEEP = 2;

  private Checkpoints() {}

  /** A verified checkpoint on disk. */
  public record Found(Path dir, TrainingState state) {}

  /**
   * Writes the checkpoint of a finished epoch.
   *
   * @param run the run directory
   * @param modelName the model's catalog name
   * @param block the model
   * @param optimizer the optimiser
   * @param bestParams the best parameters so far, as parameter-file bytes
   * @param state the bookkeeping after the epoch
   */
  public static void save(
      RunDirectory run,
      String modelName,
      Block block,
      StatefulOptimizer optimizer,
      byte[] bestParams,
      TrainingState state) {
    Path root = run.ensureCheckpointsDir();
    Path target = root.resolve(name(state.epochsCompleted()));
    try {
      AtomicFiles.writeDirectory(
          target,
          staged -> {
            Map<String, String> sums = new LinkedHashMap<>();
            sums.put(
                PARAMS,
                writeHashed(
                    staged.resolve(PARAMS), out -> ParameterFile.write(out, modelName, block)));
            sums.put(
                OPTIMIZER,
                writeHashed(
                    staged.resolve(OPTIMIZER),
                    out -> {
                      DataOutputStream d = new DataOutputStream(out);
                      optimizer.save(d);
                      d.flush();
                    }));
            sums.put(BEST, writeHashed(staged.resolve(BEST), out -> out.write(bestParams)));
            sums.put(
                STATE,
                writeHashed(
                    staged.resolve(STATE),
                    out -> out.write(Json.toString(state).getBytes(StandardCharsets.UTF_8))));
            Files.writeString(staged.resolve(SUMS), Sha256.format(sums));
            return null;
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + target, e);
    }
    prune(root);
  }

  /**
   * Finds the newest complete, undamaged checkpoint.
   *
   * @param run the run directory
   * @param warn receives one line per checkpoint skipped as damaged
   * @return the checkpoint, if any
   */
  public static Optional<Found> newest(RunDirectory run, Consumer<String> warn) {
    Path root = run.checkpointsDir();
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    cleanStaging(root);
    List<Path> dirs = list(root);
    for (int i = dirs.size() - 1; i >= 0; i--) {
      Path dir = dirs.get(i);
      String problem = verify(dir);
      if (problem == null) {
        try {
          TrainingState state = Json.read(dir.resolve(STATE), TrainingState.class);
          return Optional.of(new Found(dir, state));
        } catch (UserInputException e) {
          problem = e.reason();
        }
      }
      warn.accept("skipping damaged checkpoint " + dir + ": " + problem);
    }
    return Optional.empty();
  }

  /**
   * Loads a checkpoint's parameters and optimiser state.
   *
   * @param found the checkpoint
   * @param modelName the model's catalog name
   * @param block the initialised model
   * @param optimizer the optimiser
   * @param manager the model's manager
   * @return the best parameters stored with it, as parameter-file bytes
   */
  public static byte[] restore(
      Found found, String modelName, Block block, StatefulOptimizer optimizer, NDManager manager) {
    ParameterFile.load(found.dir().resolve(PARAMS), modelName, block, manager);
    Path opt = found.dir().resolve(OPTIMIZER);
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(opt)))) {
      optimizer.load(in);
    } catch (IOException e) {
      throw new UserInputException(opt.toString(), e.getMessage(), e);
    }
    try {
      return Files.readAllBytes(found.dir().resolve(BEST));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Checks every file of a checkpoint against its {@code SHA256SUMS}.
   *
   * @param dir the checkpoint directory
   * @return null when intact, else the problem
   */
  static String verify(Path dir) {
    Path sums = dir.resolve(SUMS);
    if (!Files.isRegularFile(sums)) {
      return "no " + SUMS;
    }
    try {
      Map<String, String> recorded = Sha256.readSums(sums);
      if (!recorded.keySet().equals(java.util.Set.of(PARAMS, OPTIMIZER, BEST, STATE))) {
        return SUMS + " lists " + recorded.keySet() + ", expected 4 files";
      }
      for (var e : recorded.entrySet()) {
        Path f = dir.resolve(e.getKey());
        if (!Files.isRegularFile(f)) {
          return "missing " + e.getKey();
        }
        if (!Sha256.of(f).equals(e.getValue())) {
          return e.getKey() + " does not match its checksum";
        }
      }
      return null;
    } catch (UserInputException e) {
      return e.reason();
    }
  }

  private static String name(int epoch) {
    return String.format(Locale.ROOT, "epoch-%04d", epoch);
  }

  private static List<Path> list(Path root) {
    List<Path> dirs = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root, "epoch-[0-9][0-9][0-9][0-9]")) {
      s.forEach(dirs::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    dirs.sort(null);
    return dirs;
  }

  private static void prune(Path root) {
    List<Path> dirs = list(root);
    for (int i = 0; i < dirs.size() - KEEP; i++) {
      try {
        AtomicFiles.deleteRecursively(dirs.get(i));
      } catch (IOException ignored) {
        // an old checkpoint left behind costs only disk
      }
    }
  }

  private static void cleanStaging(Path root) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root, ".epoch-*")) {
      for (Path p : s) {
        AtomicFiles.deleteRecursively(p);
      }
    } catch (IOException ignored) {
      // best effort
    }
  }

  private interface Body {
    void write(OutputStream out) throws IOException;
  }

  private static String writeHashed(Path file, Body body) throws IOException {
    MessageDigest md = Sha256.newDigest();
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream buffered = new BufferedOutputStream(raw, 1 << 16);
        java.security.DigestOutputStream out = new java.security.DigestOutputStream(buffered, md)) {
      body.write(out);
      out.flush();
    }
    try (var ch =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    return Sha256.hex(md);
  }
}
