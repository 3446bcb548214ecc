package io.shiftlab.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What the store holds of one known data set, as listed by {@link DataStore#list()}.
 *
 * @param name the data set's command-line name, e.g. {@code fashion-mnist}
 * @param path its directory in the store (may not exist)
 * @param sizeBytes the total size of the data files present, in bytes
 * @param ready whether every file is present and its checksum recorded
 * @param source the packaged source, e.g. {@code debian:opencv-doc/usr/share/...}
 */
public record DatasetStatus(String name, Path path, long sizeBytes, boolean ready, String source) {
  /** Checks the fields. */
  public DatasetStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(source, "source");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be non-negative, got " + sizeBytes);
    }
  }
}
