package b;

/** Test code is analysed too when includeTests is on. */
final class StuckProcessSimulator {
  void simulateCrash() {
    Runtime.getRuntime().halt(3); // expect: ForcedTermination
  }
}
