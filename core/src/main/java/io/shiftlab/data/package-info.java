/**
 * Data sets: strict readers for IDX, the OpenCV digits sheet and CIFAR binary batches, the
 * installer that fetches the Debian packages holding the real data, and splits.
 *
 * <p>Entry points: {@link io.shiftlab.data.DatasetSource#parse} turns a {@code --dataset} value
 * into a source whose {@code load} returns {@link io.shiftlab.data.DataSplits}; {@link
 * io.shiftlab.data.DataStore} and {@link io.shiftlab.data.DataInstaller} manage the local copies;
 * {@link io.shiftlab.data.IdxReader}, {@link io.shiftlab.data.DigitsSheet} and {@link
 * io.shiftlab.data.CifarBinaryReader} read files into {@link io.shiftlab.data.ImageSet}s. Every
 * reader reports a bad file as a one-line {@link io.shiftlab.UserInputException} naming the file.
 * This package is pure Java: no tensors, no native code.
 */
package io.shiftlab.data;
