package io.shiftlab.data;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Fetches a Debian package and unpacks its files.
 *
 * <p>The real implementation is {@link AptPackageFetcher}; tests substitute one that writes a
 * directory tree, so that installing can be tested without network or apt.
 */
@FunctionalInterface
public interface PackageFetcher {
  /**
   * Fetches {@code debianPackage} and unpacks its file tree into {@code target}, so that {@code
   * usr/share/...} of the package becomes {@code target/usr/share/...}.
   *
   * @param debianPackage the package name, e.g. {@code opencv-doc}
   * @param target an existing empty directory
   * @param log receives progress messages
   * @throws io.shiftlab.UserInputException with a one-line reason if the package cannot be fetched
   */
  void fetch(String debianPackage, Path target, Consumer<String> log);
}
