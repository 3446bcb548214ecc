package io.shiftlab.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs get the permissions of any new file or folder under the process's umask (0644 and 0755
 * for the usual 022), not the owner-only 0600 and 0700 of Java's temporary files they start as.
 */
class AtomicFilesPermissionsTest {
  @TempDir Path dir;

  @Test
  void filesAndStagingFoldersGetTheUmasksPermissions() throws Exception {
    Path reference = Files.createFile(dir.resolve("reference"));
    Path referenceDir = Files.createDirectory(dir.resolve("reference-dir"));
    Path written = dir.resolve("out.csv");
    AtomicFiles.writeString(written, "a,b\n");
    assertThat(Files.getPosixFilePermissions(written))
        .isEqualTo(Files.getPosixFilePermissions(reference));
    Path staged = AtomicFiles.stagingDirectory(dir.resolve("run"));
    assertThat(Files.getPosixFilePermissions(staged))
        .isEqualTo(Files.getPosixFilePermissions(referenceDir));
    AtomicFiles.publishDirectory(staged, dir.resolve("run"));
    assertThat(Files.getPosixFilePermissions(dir.resolve("run")))
        .isEqualTo(Files.getPosixFilePermissions(referenceDir));
    assertThat(AtomicFiles.pendingTargets()).doesNotContain(dir.resolve("run"));
  }
}
