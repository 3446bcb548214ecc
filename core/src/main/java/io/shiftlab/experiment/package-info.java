/**
 * One class per reproduced experiment. Each is library code that returns a typed result and writes
 * a self-describing output directory; the command line only calls it.
 */
package io.shiftlab.experiment;
