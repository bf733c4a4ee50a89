package org.healthtimeline.demo;

/**
 * Derives independent seeds. Every day gets random numbers of its own, made from the person's seed and the
 * date alone, so a day comes out the same whichever window it is generated in: that is what lets a second
 * load tomorrow replay the 89 days it shares with today's instead of conflicting with them.
 */
final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser over the two values: neighbouring inputs give unrelated outputs. */
  static long mix(long seed, long salt) {
    long z = seed * 0x9e3779b97f4a7c15L + salt;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
