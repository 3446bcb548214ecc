package io.shiftlab.nn.zoo;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import io.shiftlab.Choices;
import io.shiftlab.nn.GlobalPool;
import java.util.List;

/**
 * How a backbone's last feature map (N, C, H, W) becomes logits: a global pool then a dense layer C
 * &rarr; classes (C &middot; classes + classes parameters, invariant to any permutation of
 * positions, hence to circular shifts), or a flatten then a dense layer CHW &rarr; classes (C H W
 * &middot; classes + classes parameters, position-specific).
 */
public enum Head implements Choices.Id {
  /** Global average pool (Lin et al., ICLR 2014), dense. */
  GAP,
  /** Global max pool, dense. */
  GMP,
  /** Flatten, dense. */
  FLATTEN;

  /**
   * Fresh blocks of the head.
   *
   * @param numClasses the number of logits
   * @return pool or flatten, then a dense layer
   */
  public List<Block> blocks(int numClasses) {
    Block dense = Linear.builder().setUnits(numClasses).build();
    return switch (this) {
      case GAP -> List.of(new GlobalPool(GlobalPool.Kind.AVG), dense);
      case GMP -> List.of(new GlobalPool(GlobalPool.Kind.MAX), dense);
      case FLATTEN -> List.of(Blocks.batchFlattenBlock(), dense);
    };
  }

  /**
   * The head's parameter count.
   *
   * @param channels C of the last feature map
   * @param height its H
   * @param width its W
   * @param numClasses the number of logits
   * @return weights plus biases of the dense layer
   */
  public long parameters(long channels, long height, long width, int numClasses) {
    long features = this == FLATTEN ? channels * height * width : channels;
    return features * numClasses + numClasses;
  }

  @Override
  public String toString() {
    return id();
  }
}
