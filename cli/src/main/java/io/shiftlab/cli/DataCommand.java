package io.shiftlab.cli;

import io.shiftlab.data.DataInstaller;
import io.shiftlab.data.DatasetStatus;
import io.shiftlab.data.KnownDataset;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shiftlab data}: install and list the offline data sets. */
@Command(
    name = "data",
    description = "Install and list the offline data sets (from Debian packages).",
    mixinStandardHelpOptions = true,
    subcommands = {DataCommand.Install.class, DataCommand.ListSets.class, PreviewCommand.class})
final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code shiftlab data install [NAME...]}. */
  @Command(
      name = "install",
      description =
          "Fetch digits (opencv-doc) and fashion-mnist (dataset-fashion-mnist) with apt-get"
              + " download, extract the needed files with dpkg-deb and record their SHA-256.")
  static final class Install extends Subcommand {
    @Parameters(
        arity = "0..*",
        paramLabel = "NAME",
        description = "Data sets to install: digits, fashion-mnist (default: both).")
    List<String> names;

    @Mixin DataDirOption data;

    @Option(names = "--force", description = "Install again even if the files are ready.")
    boolean force;

    @Override
    public Integer call() {
      PrintWriter out = out();
      DataInstaller installer = DataOptions.installer(data.dir, err());
      List<KnownDataset> sets =
          names == null || names.isEmpty()
              ? List.of(KnownDataset.values())
              : names.stream().map(n -> KnownDataset.fromName(n, "NAME")).toList();
      for (KnownDataset d : sets) {
        if (force || !installer.store().isReady(d)) {
          installer.install(d);
        }
        out.println(d.cliName() + ": ready in " + installer.store().directory(d));
      }
      return 0;
    }
  }

  /** {@code shiftlab data list}. */
  @Command(
      name = "list",
      description = "Show each data set, its size, where it lives and whether it is ready.")
  static final class ListSets extends Subcommand {
    @Mixin DataDirOption data;

    @Override
    public Integer call() {
      PrintWriter out = out();
      List<DatasetStatus> sets = DataOptions.store(data.dir).list();
      out.printf(Locale.ROOT, "%-14s %-6s %10s  %s%n", "data set", "ready", "size", "path");
      for (DatasetStatus s : sets) {
        out.printf(
            Locale.ROOT,
            "%-14s %-6s %10s  %s%n",
            s.name(),
            s.ready() ? "yes" : "no",
            human(s.sizeBytes()),
            s.path());
        out.printf(Locale.ROOT, "%-14s source: %s%n", "", s.source());
      }
      return 0;
    }

    private static String human(long bytes) {
      if (bytes < 1024) {
        return bytes + " B";
      }
      double v = bytes;
      String[] units = {"KiB", "MiB", "GiB"};
      int u = -1;
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
      }
      return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
  }
}
