package io.shiftlab.rf;

import ai.djl.nn.Block;
import io.shiftlab.report.Column;
import io.shiftlab.report.Table;
import java.util.List;
import java.util.Locale;

/**
 * The per-layer receptive-field table of a model along one axis: layer, kind, kernel, stride,
 * padding, dilation, output size, r, jump and start. The input is the first row; a global layer (a
 * flatten and everything after it) shows {@code global} as its r, with no jump or start.
 */
public final class RfTable {
  private RfTable() {}

  /**
   * The table of computed rows.
   *
   * @param rows rows from {@link ReceptiveField#forward}, the input first
   * @return the table
   */
  public static Table of(List<RfRow> rows) {
    Table.Builder t =
        Table.builder(
            Column.text("layer"),
            Column.text("kind"),
            Column.number("kernel"),
            Column.number("stride"),
            Column.number("padding"),
            Column.number("dilation"),
            Column.number("size"),
            Column.number("r"),
            Column.number("jump"),
            Column.fixed("start", 1));
    for (RfRow row : rows) {
      LayerGeometry g = row.layer();
      if (g == null) {
        t.row(row.name(), "input", null, null, null, null, row.size(), row.r(), row.jump(), 0.0);
        continue;
      }
      t.row(
          row.name(),
          g.kind().name().toLowerCase(Locale.ROOT),
          g.kernel(),
          g.stride(),
          g.padding(),
          g.dilation(),
          row.size(),
          row.global() ? "global" : (Object) row.r(),
          row.global() ? null : (Object) row.jump(),
          row.global() ? null : (Object) row.start());
    }
    return t.build();
  }

  /**
   * The table of a model's block.
   *
   * @param block the model's block
   * @param inputSize the input size along the axis
   * @return the table
   * @throws IllegalArgumentException if a layer's geometry is unknown
   */
  public static Table of(Block block, int inputSize) {
    return of(ReceptiveField.forward(BlockGeometry.of(block), inputSize));
  }
}
