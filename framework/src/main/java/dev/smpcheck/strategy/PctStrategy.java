package dev.smpcheck.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Probabilistic Concurrency Testing: Burckhardt, Kothari, Musuvathi and Nagarakatte, "A Randomized Scheduler with
 * Probabilistic Guarantees of Finding Bugs", ASPLOS 2010.
 *
 * <h2>The algorithm</h2>
 * Every schedulable entity gets a distinct random priority above {@code d - 1}; {@code d - 1} change points are drawn
 * independently and uniformly from the steps {@code 1..k}. At every schedule point the enabled entity with the highest
 * priority runs; when the step count reaches change point {@code k_i}, the entity about to run drops to priority
 * {@code i}, below every initial priority. For a program with {@code n} threads and {@code k} steps, each schedule finds a given
 * bug of depth {@code d} with probability at least {@code 1 / (n * k^(d-1))}.
 *
 * <h2>Where we depart from the paper</h2>
 * <ul>
 *   <li><b>Interrupts are entities.</b> Delivering pending vector {@code v} to CPU {@code c} is ranked like a thread,
 *       keyed by {@code (c, v)}, so an interrupt can be delivered early or late depending on its priority. A logical
 *       thread and each of its deliveries have independent priorities.</li>
 *   <li><b>Entities appear lazily.</b> A thread or delivery first seen mid-schedule gets a random slot among the
 *       initial priorities, as the paper does for threads created at run time.</li>
 *   <li><b>{@code k} is learned</b>: the longest schedule seen so far (at least 1; the first schedule assumes 100),
 *       as in Coyote's and shuttle's variants.</li>
 *   <li><b>Data choices</b> are drawn uniformly; they are not part of the paper's model.</li>
 *   <li>The {@code preemptions} setting is used as {@code d - 1}: PCT bounds priority changes, not preemptions, so a
 *       schedule may take more preemptions than {@code d - 1} where a blocked high-priority thread wakes up.</li>
 * </ul>
 * Schedule {@code i} uses the seed {@code mix(baseSeed + i)}, like {@link RandomWalkStrategy}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PctStrategy extends SeededStrategy {
    private static final long INITIAL_K = 100;

    private final int depth;
    private SplitMix64 random;
    private long k = INITIAL_K;
    private long longest;
    private boolean learned;
    /**
     * Change points, drawn independently and not sorted: reaching step {@code changeAt[i]} lowers the entity about to
     * run to priority {@code i + 1}. That the labels are independent of the order of the steps matters: an entity
     * demoted early can then outrank one demoted later, which some orderings of three events need.
     */
    private long[] changeAt;
    private boolean[] changed;
    /** Priority per entity ({@link Choice#entity()}); all values are distinct. */
    private final Map<Integer, Long> priority = new HashMap<>();
    /** Initial priorities in use, to insert newcomers at a random rank among them. */
    private final List<Integer> ranked = new ArrayList<>();

    /**
     * @param baseSeed the seed of schedule 0
     * @param schedules how many schedules to run, at least 1
     * @param depth the bug depth {@code d} to target, at least 1 ({@code d - 1} change points)
     */
    public PctStrategy(long baseSeed, int schedules, int depth) {
        this(baseSeed, schedules, depth, Shard.NONE);
    }

    /**
     * @param baseSeed the seed of schedule 0
     * @param schedules how many schedules the whole (unsharded) search runs, at least 1
     * @param depth the bug depth {@code d} to target, at least 1 ({@code d - 1} change points)
     * @param shard which part of the search to run: the schedules {@code i} with {@code i mod count == index}
     */
    public PctStrategy(long baseSeed, int schedules, int depth, Shard shard) {
        super(baseSeed, schedules, shard);
        if (depth < 1) {
            throw new IllegalArgumentException("PCT depth must be at least 1, got " + depth);
        }
        this.depth = depth;
    }

    @Override
    void begin(SplitMix64 random) {
        this.random = random;
        priority.clear();
        ranked.clear();
        changeAt = new long[depth - 1];
        for (int i = 0; i < changeAt.length; i++) {
            changeAt[i] = 1 + (long) random.nextInt((int) Math.min(Integer.MAX_VALUE, k));
        }
        changed = new boolean[changeAt.length];
        longest = 0;
    }

    @Override
    public int pick(ChoicePoint point) {
        longest = Math.max(longest, point.step());
        int best = highest(point);
        // A change point reached (possibly at an earlier single-option step) demotes the entity about to take this
        // step below every initial priority; the next highest then runs, as in the paper.
        for (int i = 0; i < changeAt.length; i++) {
            if (!changed[i] && point.step() >= changeAt[i]) {
                changed[i] = true;
                int demoted = point.get(best).entity();
                ranked.remove(Integer.valueOf(demoted));
                priority.put(demoted, (long) (i + 1));
                best = highest(point);
            }
        }
        return best;
    }

    private int highest(ChoicePoint point) {
        int best = 0;
        long bestPriority = Long.MIN_VALUE;
        for (int i = 0; i < point.size(); i++) {
            long p = priorityOf(point.get(i).entity());
            if (p > bestPriority) {
                bestPriority = p;
                best = i;
            }
        }
        return best;
    }

    private long priorityOf(int key) {
        Long p = priority.get(key);
        if (p != null) {
            return p;
        }
        // A newcomer takes a random rank among the initial priorities; ranks are re-spread so all stay distinct.
        int rank = random.nextInt(ranked.size() + 1);
        ranked.add(rank, key);
        for (int r = 0; r < ranked.size(); r++) {
            priority.put(ranked.get(r), (long) depth + r);
        }
        return priority.get(key);
    }

    @Override
    public int pickData(int bound) {
        return random.nextInt(bound);
    }

    @Override
    public void scheduleEnded() {
        k = learned ? Math.max(k, longest) : Math.max(1, longest);
        learned = true;
    }

    @Override
    public String name() {
        return "pct";
    }

    @Override
    public String describe() {
        return "PCT (d=" + depth + ", seed 0x" + Long.toHexString(seeds.baseSeed()) + ")";
    }
}
