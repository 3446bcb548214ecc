/**
 * Data sets: strict readers for IDX, the OpenCV digits sheet and CIFAR binary batches, the
 * installer that fetches the Debian packages holding the real data, and splits.
 */
package io.shiftlab.data;
