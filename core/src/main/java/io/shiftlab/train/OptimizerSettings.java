package io.shiftlab.train;

/**
 * Hyper-parameters of the optimiser.
 *
 * @param kind Adam or SGD
 * @param learningRate the step size, positive
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, in [0, 1)
 * @param epsilon Adam's denominator term, positive (Keras default 1e-7)
 * @param momentum SGD momentum, in [0, 1)
 * @param weightDecay L2 weight decay, non-negative
 */
public record OptimizerSettings(
    OptimizerKind kind,
    float learningRate,
    float beta1,
    float beta2,
    float epsilon,
    float momentum,
    float weightDecay) {

  /** Validates the ranges. */
  public OptimizerSettings {
    if (kind == null) {
      throw new IllegalArgumentException("optimizer kind is required");
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
    }
  }

  /**
   * Adam with the Keras defaults (beta .9/.999, epsilon 1e-7).
   *
   * @param learningRate the step size
   * @return the settings
   */
  public static OptimizerSettings adam(float learningRate) {
    return new OptimizerSettings(OptimizerKind.ADAM, learningRate, 0.9f, 0.999f, 1e-7f, 0f, 0f);
  }

  /**
   * SGD with momentum.
   *
   * @param learningRate the step size
   * @param momentum the momentum
   * @return the settings
   */
  public static OptimizerSettings sgd(float learningRate, float momentum) {
    return new OptimizerSettings(
        OptimizerKind.SGD, learningRate, 0.9f, 0.999f, 1e-7f, momentum, 0f);
  }
}
