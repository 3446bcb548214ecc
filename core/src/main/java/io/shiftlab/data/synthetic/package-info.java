/**
 * Seeded synthetic data sets of the position experiments, generated in memory as {@link
 * io.shiftlab.data.ImageSet}s (8-bit, NCHW).
 *
 * <p>{@link io.shiftlab.data.synthetic.PatchLocation} builds the two images of PROTOCOLS card 4
 * (patch-location); {@link io.shiftlab.data.synthetic.RedGreen} draws the red/green box splits of
 * card 5 (red-green) from independent named {@link io.shiftlab.random.Streams}, with val and test
 * disjoint by image content from train; {@link io.shiftlab.data.synthetic.SampleGrid} renders the
 * first images of any set as a PNG contact sheet for previews. Pure Java: no tensors, no native
 * code.
 */
package io.shiftlab.data.synthetic;
