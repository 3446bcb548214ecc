/** Benchmarks of shiftlab's own costs; see {@code bench/README.md}. */
package io.shiftlab.bench;
