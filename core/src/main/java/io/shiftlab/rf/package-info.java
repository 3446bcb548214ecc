/**
 * Receptive-field arithmetic (PROTOCOLS card 12), in plain Java: the geometry of each layer ({@link
 * io.shiftlab.rf.LayerGeometry}), the forward and backward recurrences ({@link
 * io.shiftlab.rf.ReceptiveField}), the geometry of a DJL block ({@link
 * io.shiftlab.rf.BlockGeometry}), the per-layer table ({@link io.shiftlab.rf.RfTable}) and the pure
 * functions of the effective receptive field ({@link io.shiftlab.rf.EffectiveRf}).
 *
 * <p>Modelled on google-research/receptive_field: three one-line recurrences and a value class.
 */
package io.shiftlab.rf;
