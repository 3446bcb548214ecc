/** File output that is never seen half-written. */
package io.shiftlab.io;
