package io.shiftlab.train;

/**
 * Hyper-parameters of the optimiser.
 *
 * <p>Adadelta has no first moment; its decay &rho; of both running averages (squared gradients and
 * squared updates) plays the role of Adam's second-moment decay and is stored in {@code beta2}, its
 * &epsilon; in {@code epsilon}; {@code beta1} and {@code momentum} are unused.
 *
 * @param kind Adam, SGD or Adadelta
 * @param learningRate the step size, positive
 * @param beta1 Adam's first-moment decay, in [0, 1)
 * @param beta2 Adam's second-moment decay, or Adadelta's &rho;, in [0, 1)
 * @param epsilon Adam's or Adadelta's denominator term, positive (Keras default 1e-7)
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

  /**
   * Adadelta as in PyTorch's {@code torch.optim.Adadelta}.
   *
   * @param learningRate the factor on the update (PyTorch default 1.0)
   * @param rho the decay of the running averages (PyTorch default 0.9)
   * @param epsilon the term inside both square roots (PyTorch default 1e-6)
   * @param weightDecay L2 weight decay added to the gradient (PyTorch default 0)
   * @return the settings
   */
  public static OptimizerSettings adadelta(
      float learningRate, float rho, float epsilon, float weightDecay) {
    return new OptimizerSettings(
        OptimizerKind.ADADELTA, learningRate, 0.9f, rho, epsilon, 0f, weightDecay);
  }
}
