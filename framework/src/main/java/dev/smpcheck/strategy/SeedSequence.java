package dev.smpcheck.strategy;

/**
 * The schedules of a seeded strategy: schedule {@code i} of a budget draws from {@code mix(baseSeed + i)}, so any one
 * schedule can be regenerated on its own, whatever ran before it.
 */
final class SeedSequence {
    private final long baseSeed;
    private final int schedules;
    private int index = -1;
    private long seed;
    private SplitMix64 random;

    SeedSequence(long baseSeed, int schedules) {
        this.baseSeed = baseSeed;
        this.schedules = schedules;
    }

    /** @return whether another schedule is within the budget; if so, its generator is ready */
    boolean advance() {
        if (index + 1 >= schedules) {
            return false;
        }
        at(index + 1);
        return true;
    }

    /** Moves to schedule {@code i} and readies its generator. */
    void at(int i) {
        index = i;
        seed = SplitMix64.mix(baseSeed + i);
        random = new SplitMix64(seed);
    }

    /** @return the current schedule's number, from 0 */
    int index() {
        return index;
    }

    /** @return the current schedule's seed */
    long seed() {
        return seed;
    }

    /** @return the current schedule's generator */
    SplitMix64 random() {
        return random;
    }

    /** @return the seed of schedule 0, for descriptions */
    long baseSeed() {
        return baseSeed;
    }
}
