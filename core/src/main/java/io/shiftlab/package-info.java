/**
 * shiftlab: how does a convolutional network deal with position?
 *
 * <p>The library is organised by concept: {@code data} reads and generates images, {@code shift}
 * moves them, {@code nn} and {@code nn.zoo} build models, {@code train} fits them into
 * self-describing run directories, {@code run} publishes every measuring job (an experiment or a
 * set of probes) atomically with its manifest, {@code experiment} reproduces published results and
 * {@code report} writes tables and charts.
 */
package io.shiftlab;
