package dev.smpcheck.strategy;

/**
 * The schedules of a seeded strategy: schedule {@code i} of a budget draws from {@code mix(baseSeed + i)}, so any one
 * schedule can be regenerated on its own, whatever ran before it. A shard {@code s} of {@code n} runs only the
 * schedules {@code i} with {@code i mod n == s}, so shards never share a seed.
 */
final class SeedSequence {
    private final long baseSeed;
    private final int schedules;
    private final Shard shard;
    private int index = -1;
    private long seed;
    private SplitMix64 random;

    SeedSequence(long baseSeed, int schedules, Shard shard) {
        this.baseSeed = baseSeed;
        this.schedules = schedules;
        this.shard = shard;
    }

    /** @return whether another schedule is within the budget; if so, its generator is ready */
    boolean advance() {
        int next = index < 0 ? shard.index() : index + shard.count();
        if (next >= schedules) {
            return false;
        }
        at(next);
        return true;
    }

    /** Moves to schedule {@code i} and readies its generator. */
    void at(int i) {
        index = i;
        seed = SplitMix64.mix(baseSeed + i);
        random = new SplitMix64(seed);
    }

    /** @return the current schedule's number in the unsharded search, from 0 */
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
