# The process environment of every shiftlab JVM started from this checkout: sourced by ./shiftlab,
# bench/java and bench/sweep-cost (the test JVMs get the same values from the root pom's surefire
# configuration). A value already set in the environment wins.

export DJL_OFFLINE=true
# jemalloc, where installed (Debian package libjemalloc2), with page purging off: measured over 20
# epochs of cnn2 (2 threads, 6400 images an epoch) RSS stayed within 0.6% of epoch 1, at glibc's
# speed (37.6 s against 36.8 s wall, 2.9 s against 2.7 s system time). glibc's heap, tuned below,
# fragments instead: the same run grew by 3.6% to 14% after epoch 1, in steps of about 22 MiB,
# from one run to the next. jemalloc's default purging returns freed pages to the kernel after 10 s
# and faults them back in at the next batch: 17 s of system time, 25% slower. bench/README.md,
# "Memory", has the curves. SHIFTLAB_MALLOC=glibc keeps glibc; an LD_PRELOAD already set is kept.
if [ "${SHIFTLAB_MALLOC:-jemalloc}" = jemalloc ] && [ -z "${LD_PRELOAD:-}" ]; then
  for lib in /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/aarch64-linux-gnu/libjemalloc.so.2 \
      /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2; do
    if [ -r "$lib" ]; then
      export LD_PRELOAD="$lib"
      export MALLOC_CONF=${MALLOC_CONF:-dirty_decay_ms:-1,muzzy_decay_ms:-1}
      break
    fi
  done
fi
# Without jemalloc: each training batch allocates and frees activations of tens of MB. glibc serves
# those with mmap and returns them to the kernel on free, so every batch pays page faults
# (measured: 24 s of system time in a 55 s nn-article run). Keeping them on the heap removes that
# cost. (jemalloc ignores these two.)
export MALLOC_MMAP_THRESHOLD_=${MALLOC_MMAP_THRESHOLD_:-4294967296}
export MALLOC_TRIM_THRESHOLD_=${MALLOC_TRIM_THRESHOLD_:-17179869184}
# libtorch's OpenMP threads (GNU libgomp) spin while they wait for work by default. On a machine
# whose cores are busy with other processes the spinning thread takes the core from the one that
# has work: measured with 2 threads under a load of 12 on 2 cores, a cnn2 training step ran 5 to 10
# times slower than with passive waiting (bench/README.md, "Profile"). Passive waiting costs a
# futex wake per parallel region on an idle machine; numbers do not change (same thread count).
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
# libtorch's OpenMP pool follows --threads (set by the CLI); keep MKL/OpenBLAS from adding their own.
export MKL_NUM_THREADS=${MKL_NUM_THREADS:-1}
