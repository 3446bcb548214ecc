package io.shiftlab.experiment;

/**
 * One trained model of an arm as every result records it: its run index, its training seed and its
 * run directory. Run lines of the reports start from these ({@link ReportPage#runTag}).
 */
interface ArmRun {
  /** The run index, 0 .. seeds-1. */
  int run();

  /** Its training seed. */
  long seed();

  /** Its run directory, relative to the output directory. */
  String runDir();
}
