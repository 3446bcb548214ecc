/**
 * Seeded synthetic data sets of the position experiments, generated in memory as {@link
 * io.shiftlab.data.ImageSet}s (8-bit, NCHW).
 *
 * <p>{@link io.shiftlab.data.synthetic.PatchLocation} builds the two images of PROTOCOLS card 4
 * (patch-location); {@link io.shiftlab.data.synthetic.RedGreen} draws the red/green box splits of
 * card 5 (red-green) from independent named {@link io.shiftlab.random.Streams}, with val and test
 * disjoint by image content from train; {@link io.shiftlab.data.synthetic.SampleGrid} renders the
 * first images of any set as a PNG contact sheet for previews. For the position read-out of card 6,
 * {@link io.shiftlab.data.synthetic.PositionTarget} generates the PosENet target maps at any size,
 * {@link io.shiftlab.data.synthetic.TileMosaic} draws random crops of a tile mosaic (no centre
 * bias) and {@link io.shiftlab.data.synthetic.SyntheticFill} the black, white and noise images.
 * Pure Java: no tensors, no native code.
 */
package io.shiftlab.data.synthetic;
