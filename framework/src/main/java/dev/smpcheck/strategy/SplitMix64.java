package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * A tiny seeded generator (Steele, Lea and Flood's SplitMix64) with a bounded draw that is the same on every JDK.
 *
 * <p>We do not use {@code java.util.Random} or {@code SplittableRandom} so that the algorithm behind a published
 * seed can never change with the JDK: a seed printed today must replay the same schedule on any later JDK.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SplitMix64 {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** @param seed any value */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /** @return the next 64 pseudo-random bits */
    public long nextLong() {
        return mix(state += GAMMA);
    }

    /**
     * @param bound at least 1
     * @return a value in {@code [0, bound)}, by rejection so that every value is equally likely
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        // Lemire's multiply-shift with rejection of the biased low range.
        long threshold = (1L << 32) % bound;
        for (;;) {
            long r = nextLong() >>> 32;
            long m = r * bound;
            if ((m & 0xFFFFFFFFL) >= threshold) {
                return (int) (m >>> 32);
            }
        }
    }

    /**
     * Mixes one value into a well-spread one; used to derive per-schedule seeds from a base seed.
     *
     * @param z any value
     * @return the mixed value
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
