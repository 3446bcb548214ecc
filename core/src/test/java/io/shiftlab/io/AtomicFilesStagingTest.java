package io.shiftlab.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder written through a staging folder: all of it or nothing, and no debris on failure. */
class AtomicFilesStagingTest {
  @TempDir Path dir;

  @Test
  void aFailedWriteLeavesNoFoldersItCreated() {
    Path target = dir.resolve("deep/a/b/out");
    assertThatThrownBy(
            () ->
                AtomicFiles.writeDirectory(
                    target,
                    staging -> {
                      Files.writeString(staging.resolve("half.txt"), "half");
                      throw new IOException("refused");
                    }))
        .hasMessage("refused");
    assertThat(dir.resolve("deep")).doesNotExist();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aFailedWriteKeepsFoldersThatWereThereAndAnythingElseInThem() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Path target = mine.resolve("new/out");
    Files.createDirectories(dir.resolve("mine/keep"));
    assertThatThrownBy(
            () ->
                AtomicFiles.writeDirectory(
                    target,
                    staging -> {
                      throw new IOException("refused");
                    }))
        .hasMessage("refused");
    assertThat(mine.resolve("new")).doesNotExist();
    assertThat(mine).exists();
    assertThat(mine.resolve("keep")).exists();
  }

  @Test
  void aSuccessfulWriteKeepsItsParents() throws IOException {
    Path target = dir.resolve("x/y/out");
    String v =
        AtomicFiles.writeDirectory(
            target,
            staging -> {
              Files.writeString(staging.resolve("a.txt"), "a");
              return "ok";
            });
    assertThat(v).isEqualTo("ok");
    assertThat(target.resolve("a.txt")).hasContent("a");
  }
}
