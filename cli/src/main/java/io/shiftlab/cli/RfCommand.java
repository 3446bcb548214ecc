package io.shiftlab.cli;

import ai.djl.nn.Block;
import io.shiftlab.UserInputException;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.ModelEntry;
import io.shiftlab.rf.RfTable;
import io.shiftlab.train.RunDirectory;
import io.shiftlab.train.TrainResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code shiftlab rf}: the theoretical receptive field of every layer of a run's model, as a
 * Markdown table. Geometry does not depend on the weights, so the model's block is built from the
 * catalog for the run's input shape without loading parameters or starting the engine.
 */
@Command(
    name = "rf",
    description =
        "Print the receptive field of every layer of a run's model: kernel, stride, padding,"
            + " dilation, output size, receptive field r, jump and start (PROTOCOLS card 12).")
final class RfCommand extends Subcommand {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished run directory.")
  Path runDir;

  @Override
  public Integer call() {
    PrintWriter out = out();
    RunDirectory run = RunDirectory.open(runDir);
    TrainResult result = run.result();
    ModelEntry entry = ModelCatalog.get(run.metricsFile().toString(), result.model());
    InputShape in = result.inputShape();
    Block block = entry.build(in, result.numClasses());
    // Both tables before the first line, so a shape the model cannot take prints nothing but the
    // one error line.
    String rows;
    String columns;
    try {
      rows = RfTable.of(block, in.height()).toMarkdown();
      columns = in.height() == in.width() ? null : RfTable.of(block, in.width()).toMarkdown();
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          run.metricsFile().toString(),
          "model " + result.model() + " cannot take input " + in + " (" + e.getMessage() + ")",
          e);
    }
    out.printf(Locale.ROOT, "%s (%s), input %s%n%n", runDir, result.model(), in);
    if (columns == null) {
      out.print(rows);
    } else {
      out.printf(Locale.ROOT, "rows (height %d):%n%n", in.height());
      out.print(rows);
      out.printf(Locale.ROOT, "%ncolumns (width %d):%n%n", in.width());
      out.print(columns);
    }
    out.flush();
    return 0;
  }
}
