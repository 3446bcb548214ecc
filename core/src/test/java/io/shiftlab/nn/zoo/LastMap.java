package io.shiftlab.nn.zoo;

import ai.djl.nn.Block;
import io.shiftlab.rf.BlockGeometry;
import io.shiftlab.rf.ReceptiveField;
import io.shiftlab.rf.RfRow;

/** The receptive-field row of a network's last spatial map, for the zoo's golden RF checks. */
final class LastMap {
  private LastMap() {}

  /**
   * The last row of the network's receptive-field table that is not global.
   *
   * @param net the network
   * @param input the input side in pixels
   * @return that row
   */
  static RfRow of(Block net, int input) {
    return ReceptiveField.forward(BlockGeometry.of(net), input).stream()
        .filter(r -> !r.global())
        .reduce((a, b) -> b)
        .orElseThrow();
  }
}
