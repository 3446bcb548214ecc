/** Neural-network building blocks and model initialisation. */
package io.shiftlab.nn;
