/** Explicit, seeded randomness: one master seed split into named, independent streams. */
package io.shiftlab.random;
