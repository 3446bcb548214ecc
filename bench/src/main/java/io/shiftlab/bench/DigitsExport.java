package io.shiftlab.bench;

import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DataSplits;
import io.shiftlab.data.DataStore;
import io.shiftlab.data.DatasetSource;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.SplitLimits;
import io.shiftlab.experiment.BudgetLevel;
import io.shiftlab.experiment.ShiftedDigits;
import io.shiftlab.experiment.ShiftedDigitsReport;
import io.shiftlab.random.Streams;
import io.shiftlab.report.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the exact splits and budget that {@code shiftlab reproduce shifted-digits} uses, so that
 * the PyTorch script of workload (d) ({@code bench/torch_shifted_digits.py}) trains on the same
 * images for the same epochs: {@code SPLIT-images.u8} (uint8, N x C x H x W), {@code
 * SPLIT-labels.i32} (little-endian int32) and {@code budget.json}.
 *
 * <p>Usage: {@code DigitsExport --level smoke|quick|full --seed S --out DIR} (data set {@code
 * digits}, the experiment's default).
 */
public final class DigitsExport {
  private DigitsExport() {}

  /**
   * Exports the splits.
   *
   * @param args {@code --level L --seed S --out DIR}
   * @throws IOException on write failure
   */
  public static void main(String[] args) throws IOException {
    ToolArgs opts = ToolArgs.parse(args, "--level", "--seed", "--out");
    BudgetLevel level =
        BudgetLevel.valueOf(opts.textOr("--level", "quick").toUpperCase(java.util.Locale.ROOT));
    long seed = opts.longOr("--seed", 1);
    Path out = opts.requiredPath("--out", "DIR");
    ShiftedDigitsReport.Budget b = ShiftedDigits.budget("digits", level);
    SplitLimits limits = SplitLimits.NONE;
    if (b.maxTrain() > 0) {
      limits = limits.withMaxTrain(b.maxTrain());
    }
    if (b.maxTest() > 0) {
      limits = limits.withMaxTest(b.maxTest());
    }
    DataSplits data =
        DatasetSource.parse("digits")
            .load(
                DataInstaller.apt(
                    DataStore.fromEnvironment(), m -> System.err.println("data: " + m)),
                new Streams(seed),
                limits);
    Files.createDirectories(out);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("dataset", "digits");
    meta.put("level", level.name().toLowerCase(java.util.Locale.ROOT));
    meta.put("seed", seed);
    meta.put("epochs", b.epochs());
    meta.put("learning_rate", b.learningRate());
    meta.put("batch_size", b.batchSize());
    meta.put("patience", b.patience());
    for (var e : Map.of("train", data.train(), "val", data.val(), "test", data.test()).entrySet()) {
      ImageSet s = e.getValue();
      Files.write(out.resolve(e.getKey() + "-images.u8"), s.pixels());
      ByteBuffer labels = ByteBuffer.allocate(4 * s.size()).order(ByteOrder.LITTLE_ENDIAN);
      for (int y : s.labels()) {
        labels.putInt(y);
      }
      Files.write(out.resolve(e.getKey() + "-labels.i32"), labels.array());
      meta.put(
          e.getKey(),
          Map.of(
              "n", s.size(),
              "channels", s.channels(),
              "height", s.height(),
              "width", s.width(),
              "classes", s.numClasses()));
    }
    Json.write(out.resolve("budget.json"), meta);
  }
}
