/**
 * Probes run a model and return typed results (values that know nothing of files); one writer per
 * probe renders a result into CSV, JSON and PNG files, {@link io.shiftlab.probe.ProbeJob} runs a
 * command's probes and publishes their directory, and metrics are pure functions over plain arrays.
 */
package io.shiftlab.probe;
