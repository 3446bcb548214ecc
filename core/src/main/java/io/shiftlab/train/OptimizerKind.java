package io.shiftlab.train;

import io.shiftlab.UserInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The optimisers a run can use. */
public enum OptimizerKind {
  /** Adam (Kingma &amp; Ba 2015) with the bias-corrected step size and epsilon outside the root. */
  ADAM,
  /** Stochastic gradient descent with optional heavy-ball momentum. */
  SGD,
  /**
   * Adadelta (Zeiler 2012, "ADADELTA: An Adaptive Learning Rate Method", arXiv:1212.5701) with
   * PyTorch's {@code torch.optim.Adadelta} semantics: learning rate, &rho; = {@code beta2},
   * &epsilon; and L2 weight decay added to the gradient (see {@link StatefulOptimizer}).
   */
  ADADELTA;

  /** The lower-case name used on the command line and in configs. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a lower-case name.
   *
   * @param option the option name, for the error message
   * @param text the value
   * @return the kind
   */
  public static OptimizerKind parse(String option, String text) {
    for (OptimizerKind k : values()) {
      if (k.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new UserInputException(
        option,
        "unknown optimizer '"
            + text
            + "'; choose "
            + Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", ")));
  }
}
