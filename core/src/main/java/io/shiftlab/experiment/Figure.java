package io.shiftlab.experiment;

import java.util.Objects;

/**
 * A figure an experiment wrote into its directory.
 *
 * @param file the PNG's path relative to the experiment directory, e.g. {@code accuracy.png}
 * @param caption what it shows, one sentence
 */
public record Figure(String file, String caption) {
  /** Validates the fields. */
  public Figure {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(caption, "caption");
    if (file.startsWith("/") || file.contains("..")) {
      throw new IllegalArgumentException("figure path must be relative: " + file);
    }
  }
}
