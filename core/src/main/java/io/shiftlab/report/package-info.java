/**
 * Turns plain result values into files a person reads: tables (Markdown, CSV, JSON), line charts
 * and heatmaps (PNG, SVG), JSON documents, and Markdown reports.
 *
 * <p>Everything here is pure Java over plain values (no NDArrays) and every file is written through
 * {@link io.shiftlab.io.AtomicFiles}, so a report directory never holds a half-written file. Output
 * is deterministic: the same input gives byte-identical files, so reports can be golden-tested and
 * diffed between runs.
 */
package io.shiftlab.report;
