/** The model catalog: named architectures with documented, tested parameter counts. */
package io.shiftlab.nn.zoo;
