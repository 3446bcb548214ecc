/**
 * Interval estimates of effects over seeds and test images: pure functions over plain arrays, used
 * to decide every experiment's checks by one rule.
 */
package io.shiftlab.stats;
