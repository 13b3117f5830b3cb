package dev.smpcheck.strategy;

/**
 * What the seeded strategies share: schedule {@code i} draws from its own generator seeded with
 * {@code mix(baseSeed + i)} ({@link SeedSequence}), so a search can run its schedules in order, and a portfolio can
 * run any one of them on its own ({@link #startAt}).
 */
abstract class SeededStrategy implements Strategy {
    final SeedSequence seeds;

    SeededStrategy(long baseSeed, int schedules, Shard shard) {
        this.seeds = new SeedSequence(baseSeed, schedules, shard);
    }

    @Override
    public final boolean nextSchedule() {
        if (!seeds.advance()) {
            return false;
        }
        begin(seeds.random());
        return true;
    }

    /** Sets up schedule {@code index}, whatever ran before; for a portfolio that takes turns among strategies. */
    final void startAt(int index) {
        seeds.at(index);
        begin(seeds.random());
    }

    /** Prepares a schedule that draws from {@code random}. */
    abstract void begin(SplitMix64 random);

    @Override
    public final long scheduleSeed() {
        return seeds.seed();
    }
}
