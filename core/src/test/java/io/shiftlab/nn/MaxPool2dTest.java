package io.shiftlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.shiftlab.runtime.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;

class MaxPool2dTest {
  @Test
  void writesTheSameParameterRecordAsDjlsPoolLambda() throws Exception {
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), TorchRuntime.ENGINE)) {
      Shape in = new Shape(1, 3, 8, 8);
      var lambda = Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
      lambda.initialize(m, DataType.FLOAT32, in);
      MaxPool2d pool = MaxPool2d.of(2);
      pool.initialize(m, DataType.FLOAT32, in);
      ByteArrayOutputStream a = new ByteArrayOutputStream();
      lambda.saveParameters(new DataOutputStream(a));
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      pool.saveParameters(new DataOutputStream(b));
      assertThat(b.toByteArray()).containsExactly(a.toByteArray());
      pool.loadParameters(m, new DataInputStream(new ByteArrayInputStream(a.toByteArray())));
    }
  }

  @Test
  void rejectsBadSettings() {
    assertThatThrownBy(() -> new MaxPool2d(2, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MaxPool2d(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void outputShapesLeaveTheCallersShapeAlone() {
    Shape in = new Shape(2, 3, 8, 8);
    Shape[] out = new MaxPool2d(2, 2, 0).getOutputShapes(new Shape[] {in});
    assertThat(out[0]).isEqualTo(new Shape(2, 3, 4, 4));
    assertThat(in).isEqualTo(new Shape(2, 3, 8, 8));
  }
}
