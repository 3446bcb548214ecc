package io.shiftlab.nn;

import java.util.Locale;

/**
 * A {@link UnaryBlock} set by one constant of an enum (which norm, which pool, when to permute): it
 * rejects a null choice, keeps it, and names it in {@link #toString()}, e.g. {@code
 * GlobalPool(avg)}.
 *
 * @param <E> the enum of choices
 */
public abstract class ChoiceBlock<E extends Enum<E>> extends UnaryBlock {
  private final E choice;

  /**
   * Checks and keeps the choice.
   *
   * @param version the block's serialisation version
   * @param choice the constant
   * @param what what the choice is, for the error message, e.g. {@code global pool kind}
   */
  protected ChoiceBlock(byte version, E choice, String what) {
    super(version);
    if (choice == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
    this.choice = choice;
  }

  /** The constant the block was made with. */
  protected final E choice() {
    return choice;
  }

  /** The choice as {@link #toString()} shows it: its lower-case name. */
  protected String label() {
    return choice.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + label() + ")";
  }
}
