package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * Random walk: at every schedule point, one of the allowed options uniformly at random.
 *
 * <p>Allowed means: every option while fewer than {@code preemptions} preemptions were taken in this schedule, and
 * after that only the options that are not preemptions (unless every option is one, which happens when the running
 * thread blocks). This keeps {@code preemptions} meaning the same for every strategy: no schedule it runs switches away
 * from a runnable thread more often than that.
 *
 * <p>Schedule {@code i} uses the seed {@code mix(baseSeed + i)}, so any one schedule can be re-run on its own and a
 * range of schedules can be given to another machine (sharding).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class RandomWalkStrategy extends SeededStrategy {
    private final int preemptionBound;
    private SplitMix64 random;
    private final int[] allowed = new int[64];

    /**
     * @param baseSeed the seed of schedule 0
     * @param schedules how many schedules to run, at least 1
     * @param preemptionBound the most preemptions a schedule may take, at least 0
     */
    public RandomWalkStrategy(long baseSeed, int schedules, int preemptionBound) {
        this(baseSeed, schedules, preemptionBound, Shard.NONE);
    }

    /**
     * @param baseSeed the seed of schedule 0
     * @param schedules how many schedules the whole (unsharded) search runs, at least 1
     * @param preemptionBound the most preemptions a schedule may take, at least 0
     * @param shard which part of the search to run: the schedules {@code i} with {@code i mod count == index}
     */
    public RandomWalkStrategy(long baseSeed, int schedules, int preemptionBound, Shard shard) {
        super(baseSeed, schedules, shard);
        this.preemptionBound = preemptionBound;
    }

    @Override
    void begin(SplitMix64 random) {
        this.random = random;
    }

    @Override
    public int pick(ChoicePoint point) {
        int n = point.size();
        if (point.preemptions() < preemptionBound) {
            return random.nextInt(n);
        }
        int[] candidates = n <= allowed.length ? allowed : new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!point.isPreemption(i)) {
                candidates[count++] = i;
            }
        }
        return count == 0 ? random.nextInt(n) : candidates[random.nextInt(count)];
    }

    @Override
    public int pickData(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String describe() {
        String bound = preemptionBound == Integer.MAX_VALUE ? "no preemption bound"
                : "preemptions <= " + preemptionBound;
        return "random walk (seed 0x" + Long.toHexString(seeds.baseSeed()) + ", " + bound + ")";
    }
}
