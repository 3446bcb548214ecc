package io.shiftlab.run;

import io.shiftlab.io.AtomicFiles;
import io.shiftlab.io.OutputFolder;
import io.shiftlab.report.Json;
import io.shiftlab.train.Manifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs one measuring job into a self-describing directory: the job writes its files into a staging
 * directory, the runner adds {@code manifest.json} (the seed, versions, threads, device, the
 * checksum of every data file the job recorded, for a probed model its file, and the list of the
 * files the directory consists of, by which {@link OutputFolder} knows it may replace it) and moves
 * the directory into place only when everything is written. A failed or interrupted job leaves the
 * previous results untouched and no staging debris ({@link AtomicFiles#writeDirectory}).
 *
 * <p>Experiments ({@code ExperimentJob}) and probes ({@code ProbeJob}) are the two kinds of job;
 * the command line runs both through here and re-implements none of it.
 */
public final class Runner {
  /** The manifest's file name in every directory the runner publishes. */
  public static final String MANIFEST = "manifest.json";

  private Runner() {}

  /**
   * What a job gets: its staging directory, a clock started when the job began, and the map into
   * which it records the checksum of every data file it reads.
   */
  public static final class Staging {
    private final Path dir;
    private final long start = System.nanoTime();
    private final Map<String, String> dataSha256 = new TreeMap<>();
    private Map<String, Object> model;

    private Staging(Path dir) {
      this.dir = dir;
    }

    /**
     * The staging directory, empty when the job starts.
     *
     * @return the directory
     */
    public Path dir() {
      return dir;
    }

    /**
     * Seconds since the job started.
     *
     * @return the wall time so far
     */
    public double seconds() {
      return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The mutable map, file name to SHA-256, of the data the job read; the manifest lists it.
     *
     * @return the map
     */
    public Map<String, String> dataSha256() {
      return dataSha256;
    }

    /**
     * Names the model file the job measured, for the manifest.
     *
     * @param description the model's description (file, checksum, transform)
     */
    public void model(Map<String, Object> description) {
      this.model = Objects.requireNonNull(description, "description");
    }
  }

  /**
   * The body of a run.
   *
   * @param <T> what the job returns
   */
  @FunctionalInterface
  public interface Job<T> {
    /**
     * Measures and writes the job's files into {@code staging.dir()}.
     *
     * @param staging the staging directory, clock and data checksums
     * @return the job's value
     * @throws IOException if an output cannot be written
     */
    T run(Staging staging) throws IOException;
  }

  /**
   * Runs a job into {@code target}, replacing it when the job and the manifest are written.
   *
   * @param target the final directory
   * @param seed the master seed, recorded in the manifest
   * @param job the job
   * @param <T> what the job returns
   * @return the job's value
   * @throws IOException if an output cannot be written
   */
  public static <T> T run(Path target, long seed, Job<T> job) throws IOException {
    Objects.requireNonNull(job, "job");
    return AtomicFiles.writeDirectory(
        target,
        dir -> {
          Staging staging = new Staging(dir);
          T value = job.run(staging);
          Manifest manifest = Manifest.capture(seed, staging.dataSha256);
          List<String> files = new ArrayList<>(OutputFolder.listFiles(dir));
          files.add(MANIFEST);
          manifest = manifest.withFiles(files);
          Json.write(
              dir.resolve(MANIFEST),
              staging.model == null ? manifest : manifest.withModel(staging.model));
          return value;
        });
  }
}
