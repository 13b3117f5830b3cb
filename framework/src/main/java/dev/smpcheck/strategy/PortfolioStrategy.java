package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * The default strategy: a portfolio that takes turns among PCT at every depth {@code d = 1 .. preemptions + 1} and a
 * random walk bounded by {@code preemptions}, one schedule each, round robin.
 *
 * <p>No single strategy is best for every bug: PCT at depth {@code d} is good at bugs of depth {@code d} and spends
 * its change points badly on shallower ones; a random walk finds shallow bugs cheaply and spreads preemptions where
 * PCT's priorities would not. Running several, as Coyote's default portfolio does, costs each at most a constant
 * factor of schedules against the best member for the bug at hand.
 *
 * <h2>Schedules and seeds</h2>
 * Portfolio schedule {@code i} is member {@code i mod m}'s schedule {@code i / m}, where {@code m = preemptions + 2}
 * and the members are ordered PCT d=1, ..., PCT d=preemptions+1, random walk. Each member draws from its own seed
 * stream, derived from the base seed and its position, so changing one member's turn never changes another's
 * schedules. A schedule's replay token names the member ({@link #name()}, such as {@code default/pct-d2}) and
 * carries that member's schedule seed. PCT members learn their estimate of the schedule length from their own
 * schedules only.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PortfolioStrategy implements Strategy {
    /** Spreads the members' seed streams apart (the 64-bit golden ratio, odd). */
    private static final long STREAM = 0x9E3779B97F4A7C15L;

    private final long baseSeed;
    private final int schedules;
    private final Shard shard;
    private final SeededStrategy[] members;
    private final String[] names;
    private int index = -1;
    private int member = -1;

    /**
     * @param baseSeed the seed the members' streams derive from
     * @param schedules how many schedules to run, in all members together, at least 1
     * @param preemptions the preemption setting, at least 0: PCT depths up to {@code preemptions + 1}, and the random
     *     walk's bound
     */
    public PortfolioStrategy(long baseSeed, int schedules, int preemptions) {
        this(baseSeed, schedules, preemptions, Shard.NONE);
    }

    /**
     * @param baseSeed the seed the members' streams derive from
     * @param schedules how many schedules the whole (unsharded) search runs, at least 1
     * @param preemptions the preemption setting, at least 0
     * @param shard which part of the search to run: portfolio schedules {@code i} with {@code i mod count == index}
     */
    public PortfolioStrategy(long baseSeed, int schedules, int preemptions, Shard shard) {
        if (preemptions < 0) {
            throw new IllegalArgumentException("a portfolio needs a preemption bound of at least 0, got "
                    + preemptions);
        }
        this.baseSeed = baseSeed;
        this.schedules = schedules;
        this.shard = shard;
        int m = preemptions + 2;
        members = new SeededStrategy[m];
        names = new String[m];
        for (int d = 1; d <= preemptions + 1; d++) {
            members[d - 1] = new PctStrategy(streamSeed(d - 1), schedules, d);
            names[d - 1] = "default/pct-d" + d;
        }
        members[m - 1] = new RandomWalkStrategy(streamSeed(m - 1), schedules, preemptions);
        names[m - 1] = "default/random";
    }

    private long streamSeed(int position) {
        return SplitMix64.mix(baseSeed ^ STREAM * (position + 1));
    }

    @Override
    public boolean nextSchedule() {
        int next = index < 0 ? shard.index() : index + shard.count();
        if (next >= schedules) {
            return false;
        }
        index = next;
        member = index % members.length;
        members[member].startAt(index / members.length);
        return true;
    }

    @Override
    public int pick(ChoicePoint point) {
        return members[member].pick(point);
    }

    @Override
    public int pickData(int bound) {
        return members[member].pickData(bound);
    }

    @Override
    public void stepped(ChoicePoint point, int index) {
        members[member].stepped(point, index);
    }

    @Override
    public void widened() {
        members[member].widened();
    }

    @Override
    public void scheduleEnded() {
        members[member].scheduleEnded();
    }

    /** @return the current member's schedule seed */
    @Override
    public long scheduleSeed() {
        return members[member].scheduleSeed();
    }

    /** @return the current member's name, such as {@code default/pct-d2} or {@code default/random} */
    @Override
    public String name() {
        return member < 0 ? "default" : names[member];
    }

    @Override
    public String describe() {
        int depth = members.length - 1;
        return "portfolio of PCT d=" + (depth == 1 ? "1" : "1.." + depth) + " and random walk, round robin (seed 0x"
                + Long.toHexString(baseSeed) + ")";
    }

    @Override
    public String describeSchedule() {
        return members[member].describe() + " in the default portfolio";
    }
}
