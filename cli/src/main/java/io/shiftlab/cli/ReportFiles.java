package io.shiftlab.cli;

import io.shiftlab.UserInputException;
import io.shiftlab.experiment.ReproductionReport;
import io.shiftlab.io.OutputFolder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The combined report's files ({@code report.html}, {@code report.md}) and the folder that holds
 * them and the experiment directories: shiftlab replaces a report only when it wrote it, which it
 * recognises by the report's title ({@code <title>shiftlab: reproduction report</title>} in the
 * HTML head, {@code # shiftlab: reproduction report} as the Markdown's first line), and writes into
 * a parent folder only when that holds nothing but shiftlab's outputs, unless {@code --force}.
 */
final class ReportFiles {
  /** The title {@link ReproductionReport#write} gives both files. */
  static final String TITLE = "shiftlab: reproduction report";

  private ReportFiles() {}

  /**
   * Refuses, before anything runs, a report.html or report.md in {@code dir} that shiftlab did not
   * write (unless {@code force}), or one that is not a file.
   *
   * @param dir the folder the reports go to
   * @param force whether the user allowed replacing them
   */
  static void claim(Path dir, boolean force) {
    for (String name : List.of(ReproductionReport.HTML, ReproductionReport.MARKDOWN)) {
      Path f = dir.resolve(name);
      if (!Files.exists(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new UserInputException(f.toString(), "exists and is not a plain file");
      }
      if (!force && !ownReport(f)) {
        throw new UserInputException(
            f.toString(),
            "shiftlab did not write it (it is not a shiftlab reproduction report); move it away,"
                + " or add --force to replace it");
      }
    }
  }

  /**
   * Refuses, unless {@code force}, a parent folder for {@code reproduce}'s experiments and report
   * that holds anything besides shiftlab's outputs (folders with a shiftlab manifest), shiftlab's
   * own reports, the experiment folders about to be written and hidden staging folders.
   *
   * @param dir the parent folder
   * @param option the option that named it
   * @param force whether the user allowed writing into it anyway
   * @param targets the experiment folders the run writes (each claimed on its own)
   */
  static void claimParent(Path dir, String option, boolean force, Collection<Path> targets) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UserInputException(option, dir + " exists and is not a folder");
    }
    claim(dir, force);
    if (force || !Files.isDirectory(dir)) {
      return;
    }
    List<Path> own = targets.stream().map(t -> t.toAbsolutePath().normalize()).toList();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s.sorted()::iterator) {
        String name = p.getFileName().toString();
        boolean ours =
            name.equals(ReproductionReport.HTML)
                || name.equals(ReproductionReport.MARKDOWN)
                || name.matches("^\\..+\\.(partial|old)-[0-9]+-.*")
                || own.contains(p.toAbsolutePath().normalize())
                || (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && OutputFolder.writtenByShiftlab(p));
        if (!ours) {
          throw new UserInputException(
              option,
              dir
                  + " holds files shiftlab did not write ("
                  + name
                  + "); choose a new or empty folder, or add --force to write into it");
        }
      }
    } catch (IOException e) {
      throw new UserInputException(option, "cannot read " + dir + " (" + e.getMessage() + ")", e);
    }
  }

  /** Whether a report file carries the title shiftlab writes into it. */
  private static boolean ownReport(Path f) {
    byte[] head;
    try (InputStream in = Files.newInputStream(f)) {
      head = in.readNBytes(8192);
    } catch (IOException e) {
      return false;
    }
    String text = new String(head, StandardCharsets.UTF_8);
    if (f.getFileName().toString().equals(ReproductionReport.MARKDOWN)) {
      return text.startsWith("# " + TITLE + "\n");
    }
    int end = text.indexOf("</head>");
    return end > 0 && text.substring(0, end).contains("<title>" + TITLE + "</title>");
  }
}
