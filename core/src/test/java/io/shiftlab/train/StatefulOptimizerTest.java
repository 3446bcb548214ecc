package io.shiftlab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.nn.zoo.Network;
import io.shiftlab.runtime.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class StatefulOptimizerTest {
  /** Sets the gradient of every parameter to d(sum(logits * 0.5))/dw by a backward pass. */
  private static void backward(Network net, NDManager m) {
    NDArray x = m.ones(new Shape(2, 1, 28, 28)).mul(0.3f);
    try (GradientCollector gc = TorchRuntime.engine().newGradientCollector()) {
      gc.backward(net.forward(x, true).mul(0.5f).sum());
    }
  }

  /**
   * Takes {@code steps} optimiser steps on a fresh MLP (seed 1) whose final bias starts at its
   * initial value, or at {@code start} if given. The gradient of that bias is exactly 1.0 for every
   * class at every step (the bias gradient of sum(0.5 * logits) over a batch of 2), checked here.
   *
   * @return the final bias before the first step (index 0) and after each step
   */
  private static float[][] finalBiasOverSteps(OptimizerSettings settings, int steps, Float start) {
    try (Network net = Network.create(ModelCatalog.get("mlp"), InputShape.MNIST, 10, 1);
        NDManager m = net.manager().newSubManager();
        StatefulOptimizer opt = new StatefulOptimizer(settings, net.manager())) {
      Parameter bias = net.block().getParameters().get(5).getValue();
      if (start != null) {
        bias.getArray().muli(0f).addi(start);
      }
      float[][] trace = new float[steps + 1][];
      trace[0] = bias.getArray().toFloatArray();
      for (int s = 1; s <= steps; s++) {
        backward(net, m);
        assertThat(bias.getArray().getGradient().toFloatArray()).containsOnly(1.0f);
        opt.step(net.block());
        trace[s] = bias.getArray().toFloatArray();
      }
      assertThat(opt.step()).isEqualTo(steps);
      return trace;
    }
  }

  @Test
  void firstAdamStepMovesEachWeightByAboutTheLearningRate() {
    // Adam's first step is lr * g / (|g| + eps') with bias correction, i.e. ~lr * sign(g).
    float[][] w = finalBiasOverSteps(OptimizerSettings.adam(0.01f), 1, null);
    for (int i = 0; i < w[0].length; i++) {
      assertThat(w[0][i] - w[1][i]).isCloseTo(0.01f, within(1e-6f));
    }
  }

  @Test
  void sgdStepIsLearningRateTimesGradient() {
    float[][] w = finalBiasOverSteps(OptimizerSettings.sgd(0.1f, 0f), 1, null);
    for (int i = 0; i < w[0].length; i++) {
      assertThat(w[0][i] - w[1][i]).isCloseTo(0.1f, within(1e-7f));
    }
  }

  @Test
  void steppingAnotherBlockUpdatesThatBlocksParameters() {
    // the optimiser lists a block's trainable parameters once; a different block gets its own list
    try (Network a = Network.create(ModelCatalog.get("mlp"), InputShape.MNIST, 10, 1);
        Network b = Network.create(ModelCatalog.get("mlp"), InputShape.MNIST, 10, 2);
        NDManager ma = a.manager().newSubManager();
        NDManager mb = b.manager().newSubManager();
        StatefulOptimizer opt =
            new StatefulOptimizer(OptimizerSettings.sgd(0.1f, 0f), a.manager())) {
      Parameter biasA = a.block().getParameters().get(5).getValue();
      Parameter biasB = b.block().getParameters().get(5).getValue();
      float[] a0 = biasA.getArray().toFloatArray();
      float[] b0 = biasB.getArray().toFloatArray();
      backward(a, ma);
      opt.step(a.block());
      backward(b, mb);
      opt.step(b.block());
      float[] a1 = biasA.getArray().toFloatArray();
      float[] b1 = biasB.getArray().toFloatArray();
      for (int i = 0; i < a0.length; i++) {
        assertThat(a0[i] - a1[i]).isCloseTo(0.1f, within(1e-7f));
        assertThat(b0[i] - b1[i]).isCloseTo(0.1f, within(1e-7f));
      }
    }
  }

  /**
   * Two Adadelta steps on the final bias, whose gradient is exactly 1.0 (see above), by hand with
   * rho .9, eps 1e-6, lr 1 (PyTorch's defaults):
   *
   * <pre>
   * step 1: E[g2] = .1;  delta = sqrt(0 + 1e-6) / sqrt(.1 + 1e-6) = .00316226185;
   *         E[d2] = .1 * delta^2 = 9.9999e-7;            w = w0 - .00316226185
   * step 2: E[g2] = .19; delta = sqrt(9.9999e-7 + 1e-6) / sqrt(.19 + 1e-6) = .00324441177;
   *                                                      w = w0 - .00640667362
   * </pre>
   */
  @Test
  void twoAdadeltaStepsMatchTheHandComputedValues() {
    float[][] w = finalBiasOverSteps(OptimizerSettings.adadelta(1f, 0.9f, 1e-6f, 0f), 2, null);
    for (int i = 0; i < w[0].length; i++) {
      assertThat(w[0][i] - w[1][i]).isCloseTo(0.00316226185f, within(2e-8f));
      assertThat(w[0][i] - w[2][i]).isCloseTo(0.00640667362f, within(4e-8f));
    }
  }

  /**
   * Weight decay is L2 added to the gradient before both averages (PyTorch): with wd 100 and the
   * bias set to .01, g = 1 + 100 w.
   *
   * <pre>
   * step 1: g = 2;  E[g2] = .4;  delta = sqrt(1e-6) / sqrt(.400001) * 2 = .00316227371
   *         E[d2] = 9.99998e-7;   w = .00683772629
   * step 2: g = 1 + 100 * .00683772629 = 1.68377263; E[g2] = .36 + .1 g^2 = .643509027
   *         delta = sqrt(9.99998e-7 + 1e-6) / sqrt(.643510027) * g = .00296838694
   *         w = .00386933935
   * </pre>
   */
  @Test
  void adadeltaWeightDecayIsAddedToTheGradient() {
    float[][] w = finalBiasOverSteps(OptimizerSettings.adadelta(1f, 0.9f, 1e-6f, 100f), 2, 0.01f);
    for (int i = 0; i < w[0].length; i++) {
      assertThat(w[1][i]).isCloseTo(0.00683772629f, within(3e-8f));
      assertThat(w[2][i]).isCloseTo(0.00386933935f, within(6e-8f));
    }
  }

  @Test
  void savedStateContinuesExactly() throws IOException {
    for (OptimizerSettings settings :
        new OptimizerSettings[] {
          OptimizerSettings.adam(1e-3f),
          OptimizerSettings.sgd(0.05f, 0.9f),
          OptimizerSettings.adadelta(1f, 0.9f, 1e-6f, 5e-5f)
        }) {
      try (Network a = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 4);
          Network b = Network.create(ModelCatalog.get("cnn2"), InputShape.MNIST, 10, 4);
          NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch");
          StatefulOptimizer oa = new StatefulOptimizer(settings, a.manager());
          StatefulOptimizer ob = new StatefulOptimizer(settings, b.manager())) {
        for (int i = 0; i < 3; i++) {
          backward(a, m);
          oa.step(a.block());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        oa.save(new DataOutputStream(bytes));
        ParameterFile.read(
            new ByteArrayInputStream(ParameterFile.toBytes("cnn2", a.block())),
            "mem",
            "cnn2",
            b.block(),
            b.manager());
        ob.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(ob.step()).isEqualTo(3);
        for (int i = 0; i < 2; i++) {
          backward(a, m);
          oa.step(a.block());
          backward(b, m);
          ob.step(b.block());
        }
        assertThat(ParameterFile.toBytes("cnn2", b.block()))
            .as(settings.kind().id())
            .isEqualTo(ParameterFile.toBytes("cnn2", a.block()));
      }
    }
  }

  @Test
  void stateOfAnotherKindIsRejected() throws IOException {
    try (Network a = Network.create(ModelCatalog.get("mlp"), InputShape.MNIST, 10, 4);
        StatefulOptimizer adam = new StatefulOptimizer(OptimizerSettings.adam(1e-3f), a.manager());
        StatefulOptimizer sgd =
            new StatefulOptimizer(OptimizerSettings.sgd(1e-3f, 0.9f), a.manager())) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      adam.save(new DataOutputStream(bytes));
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> sgd.load(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("ADAM");
    }
  }
}
