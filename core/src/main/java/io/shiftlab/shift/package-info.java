/**
 * Shifting images by whole or fractional pixels, and seeded samplers of shift offsets.
 *
 * <p>Conventions (PROTOCOLS "Conventions"): layout NCHW, {@code x} is the column (to the right),
 * {@code y} the row (downwards), and a shift {@code (dx, dy) > 0} moves the content right and down:
 * {@code out(x, y) = in(x - dx, y - dy)}. Source pixels that fall outside the image are handled by
 * a {@link io.shiftlab.shift.ShiftMode}.
 *
 * <ul>
 *   <li>{@link io.shiftlab.shift.ShiftMode}: what lies outside the image (zero, circular,
 *       replicate, reflect).
 *   <li>{@link io.shiftlab.shift.ShiftMatrix}: the 1-D bilinear shift of one axis as a matrix.
 *   <li>{@link io.shiftlab.shift.BatchShifter}: shifts a batch tensor by per-image offsets with two
 *       batched matrix products, differentiable.
 *   <li>{@link io.shiftlab.shift.Offset}, {@link io.shiftlab.shift.OffsetSampler} and its
 *       implementations, {@link io.shiftlab.shift.Offsets}: seeded offsets.
 *   <li>{@link io.shiftlab.shift.ShiftSpec}: the {@code MODE:AxB[:DIST]} option value and the
 *       article's presets.
 * </ul>
 */
package io.shiftlab.shift;
