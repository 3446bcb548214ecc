/**
 * The one runner of shiftlab's measuring jobs: {@link io.shiftlab.run.Runner} gives an experiment
 * or a set of probes a staging directory, times it, collects the checksums of the data it reads,
 * writes {@code manifest.json} and publishes the directory atomically, or leaves the previous
 * results untouched when the job fails or is interrupted.
 */
package io.shiftlab.run;
