/** Engine set-up: offline mode, thread counts, native cache, versions and seeding of libtorch. */
package io.shiftlab.runtime;
