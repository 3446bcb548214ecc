/** Probes run a model and collect plain arrays; metrics are pure functions over those arrays. */
package io.shiftlab.probe;
