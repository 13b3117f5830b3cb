package dev.smpcheck.strategy;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * Bounded exhaustive search: every schedule with at most {@code preemptions} preemptions, each exactly once, in
 * depth-first order. This is the iterative context bounding of Musuvathi and Qadeer, "Iterative context bounding for
 * systematic testing of multithreaded programs", PLDI 2007 (the CHESS tool), run for one bound.
 *
 * <h2>The algorithm</h2>
 * A stateless depth-first search over the tree of decisions. The strategy keeps the decisions of the current schedule
 * as a stack. The next schedule replays that stack up to the deepest decision that still has an untried
 * <em>allowed</em> option, takes that option there, and at every decision past it takes the first allowed option. An
 * option is allowed unless it is a preemption and the schedule has already taken {@code preemptions} of them. At a new
 * scheduling decision the continuation of the running thread ({@link ChoicePoint#continueIndex()}) is tried first and
 * the other options follow in index order, so schedule 0 is a schedule with the fewest preemptions. Data choices
 * ({@link #pickData}) are branch points too, with values tried from 0 up.
 *
 * <h2>Soundness</h2>
 * There is no partial-order reduction: two schedules are different when their sequences of decisions differ, and
 * every sequence the bound allows is run. So when {@link #nextSchedule()} returns {@code false} because no decision
 * has an untried option left, {@link #exhausted()} is {@code true} and the count of schedules run is the size of the
 * bounded space; a search cut short by the {@code schedules} budget does not claim it. The claim holds only for a
 * deterministic program, one that offers the same options whenever it is given the same decisions. A replayed
 * decision with another kind or number of options than before, or a schedule that ends inside the replayed prefix,
 * fails with an {@link IllegalStateException} ("nondeterministic program: ...") instead of counting something else.
 *
 * <p>{@link #scheduleSeed()} is the schedule's index in the search order; the search itself uses no randomness.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class BoundedDfsStrategy extends DepthFirst<BoundedDfsStrategy.Decision> {

    /** One decision of the current schedule and where the search stands at it. */
    static final class Decision extends DecisionStack.Decision {
        /** For a schedule point, which options are preemptions; {@code null} for a data choice. */
        final boolean[] preemptive;
        /** Preemptions the schedule had taken before this decision; 0 for a data choice. */
        final int preemptionsBefore;
        /** The allowed options in the order they are tried: distinct, each in {@code [0, options)}, never empty. */
        final int[] order;
        /** The option taken now is {@code order[tried]}; every {@code order[j]} with {@code j < tried} is done. */
        int tried;

        Decision(boolean data, int options, boolean[] preemptive, int preemptionsBefore, int[] order) {
            super(data, options);
            this.preemptive = preemptive;
            this.preemptionsBefore = preemptionsBefore;
            this.order = order;
            assert order.length >= 1 && order.length <= options;
        }

        int chosen() {
            return order[tried];
        }

        @Override
        boolean hasUntried() {
            return nextOwned(tried, order.length) >= 0;
        }

        @Override
        void advance() {
            tried = nextOwned(tried, order.length);
        }
    }

    /** The most preemptions a schedule may take; {@link Integer#MAX_VALUE} when unbounded. */
    private final int bound;

    /**
     * @param schedules the most schedules to run; the search stops earlier when the bounded space is covered
     * @param preemptions the most preemptions per schedule; negative or {@link Integer#MAX_VALUE} for no bound
     */
    public BoundedDfsStrategy(int schedules, int preemptions) {
        this(schedules, preemptions, Shard.NONE);
    }

    /**
     * @param schedules the most schedules to run; the search stops earlier when its part of the space is covered
     * @param preemptions the most preemptions per schedule; negative or {@link Integer#MAX_VALUE} for no bound
     * @param shard which subtrees to search (see {@link Shard})
     */
    public BoundedDfsStrategy(int schedules, int preemptions, Shard shard) {
        super(schedules, shard);
        this.bound = preemptions < 0 ? Integer.MAX_VALUE : preemptions;
    }

    @Override
    public int pick(ChoicePoint point) {
        int n = point.size();
        if (stack.replaying()) {
            Decision d = stack.replayed(false, n);
            for (int i = 0; i < n; i++) {
                if (d.preemptive[i] != point.isPreemption(i)) {
                    throw stack.diverged("option " + i + " was " + (d.preemptive[i] ? "" : "not ") + "a preemption");
                }
            }
            if (d.preemptionsBefore != point.preemptions()) {
                throw stack.diverged("it came after " + d.preemptionsBefore + " preemptions, now after "
                        + point.preemptions());
            }
            return follow(d);
        }
        boolean[] preemptive = new boolean[n];
        for (int i = 0; i < n; i++) {
            preemptive[i] = point.isPreemption(i);
        }
        int taken = point.preemptions();
        boolean mayPreempt = taken < bound;
        int first = point.continueIndex() >= 0 && !preemptive[point.continueIndex()] ? point.continueIndex() : -1;
        int[] order = new int[n];
        int count = 0;
        if (first >= 0) {
            order[count++] = first;
        }
        for (int i = 0; i < n; i++) {
            if (i != first && (mayPreempt || !preemptive[i])) {
                order[count++] = i;
            }
        }
        if (count == 0) {
            // Every option is a preemption: the engine never offers that (continuing is free), but should it, all are
            // allowed, as in RandomWalkStrategy, rather than getting stuck.
            for (int i = 0; i < n; i++) {
                order[count++] = i;
            }
        }
        return first(new Decision(false, n, preemptive, taken, Arrays.copyOf(order, count)));
    }

    @Override
    public int pickData(int values) {
        if (stack.replaying()) {
            return follow(stack.replayed(true, values));
        }
        int[] order = new int[values];
        for (int i = 0; i < values; i++) {
            order[i] = i;
        }
        return first(new Decision(true, values, null, 0, order));
    }

    /** Pushes a decision met for the first time and takes its first option that this shard searches. */
    private int first(Decision d) {
        stack.split(d);
        d.tried = d.nextOwned(-1, d.order.length);
        return follow(stack.push(d));
    }

    private int follow(Decision d) {
        stack.descend(d, d.tried, d.order.length);
        return d.chosen();
    }

    @Override
    public String describe() {
        return bound == Integer.MAX_VALUE ? "DFS (unbounded)" : "bounded DFS (preemptions <= " + bound + ")";
    }
}
