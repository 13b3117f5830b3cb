package dev.smpcheck.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
public final class BoundedDfsStrategy implements Strategy {

    /** One decision of the current schedule and where the search stands at it. */
    private static final class Decision {
        /** Whether this is a data choice ({@link #pickData}) rather than a schedule point ({@link #pick}). */
        final boolean data;
        /** Options the program offered here, at least 2. */
        final int options;
        /** For a schedule point, which options are preemptions; {@code null} for a data choice. */
        final boolean[] preemptive;
        /** Preemptions the schedule had taken before this decision; 0 for a data choice. */
        final int preemptionsBefore;
        /** The allowed options in the order they are tried: distinct, each in {@code [0, options)}, never empty. */
        final int[] order;
        /** The option taken now is {@code order[tried]}; every {@code order[j]} with {@code j < tried} is done. */
        int tried;

        Decision(boolean data, int options, boolean[] preemptive, int preemptionsBefore, int[] order) {
            this.data = data;
            this.options = options;
            this.preemptive = preemptive;
            this.preemptionsBefore = preemptionsBefore;
            this.order = order;
            assert order.length >= 1 && order.length <= options;
        }

        int chosen() {
            return order[tried];
        }

        boolean hasUntried() {
            return tried + 1 < order.length;
        }

        static String describe(boolean data, int options) {
            return data ? "a data choice among " + options + " values"
                    : "a schedule point with " + options + " options";
        }
    }

    private final int schedules;
    /** The most preemptions a schedule may take; {@link Integer#MAX_VALUE} when unbounded. */
    private final int bound;
    /**
     * The decisions of the current schedule, root first. Before a schedule starts, {@code stack.size() == replay};
     * while it runs, entries {@code [0, cursor)} are the decisions met so far.
     */
    private final List<Decision> stack = new ArrayList<>();
    /** Decisions of the stack this schedule must meet again as recorded: {@code 0 <= replay <= stack.size()}. */
    private int replay;
    /**
     * Decisions met so far in this schedule: {@code cursor <= stack.size()}, and {@code cursor == stack.size()} once
     * {@code cursor >= replay} (decisions past the replayed prefix are pushed as they are met).
     */
    private int cursor;
    /** Index of the current schedule, -1 before the first. */
    private int index = -1;
    private boolean exhausted;
    /** Why the program was found nondeterministic, or {@code null}; once set, the search refuses to go on. */
    private String nondeterminism;

    /**
     * @param schedules the most schedules to run; the search stops earlier when the bounded space is covered
     * @param preemptions the most preemptions per schedule; negative or {@link Integer#MAX_VALUE} for no bound
     */
    public BoundedDfsStrategy(int schedules, int preemptions) {
        this.schedules = schedules;
        this.bound = preemptions < 0 ? Integer.MAX_VALUE : preemptions;
    }

    @Override
    public boolean nextSchedule() {
        if (nondeterminism != null) {
            throw new IllegalStateException(nondeterminism);
        }
        if (exhausted) {
            return false;
        }
        if (index >= 0) {
            if (cursor < replay) {
                nondeterminism = "nondeterministic program: schedule " + index + " ended after " + cursor
                        + " decisions, but the same choices led to at least " + replay + " decisions before; "
                        + "an exhaustive search needs a program that behaves the same under the same choices";
                throw new IllegalStateException(nondeterminism);
            }
            assert cursor == stack.size();
            int deepest = stack.size() - 1;
            while (deepest >= 0 && !stack.get(deepest).hasUntried()) {
                deepest--;
            }
            if (deepest < 0) {
                exhausted = true;
                return false;
            }
            if (index + 1 >= schedules) {
                return false;
            }
            stack.subList(deepest + 1, stack.size()).clear();
            stack.get(deepest).tried++;
        } else if (schedules < 1) {
            return false;
        }
        replay = stack.size();
        cursor = 0;
        index++;
        return true;
    }

    @Override
    public int pick(ChoicePoint point) {
        int n = point.size();
        if (cursor < replay) {
            Decision d = replayed(false, n);
            for (int i = 0; i < n; i++) {
                if (d.preemptive[i] != point.isPreemption(i)) {
                    throw diverged("option " + i + " was " + (d.preemptive[i] ? "" : "not ") + "a preemption");
                }
            }
            if (d.preemptionsBefore != point.preemptions()) {
                throw diverged("it came after " + d.preemptionsBefore + " preemptions, now after "
                        + point.preemptions());
            }
            return d.chosen();
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
        return push(new Decision(false, n, preemptive, taken, Arrays.copyOf(order, count)));
    }

    @Override
    public int pickData(int values) {
        if (cursor < replay) {
            return replayed(true, values).chosen();
        }
        int[] order = new int[values];
        for (int i = 0; i < values; i++) {
            order[i] = i;
        }
        return push(new Decision(true, values, null, 0, order));
    }

    private int push(Decision d) {
        assert cursor == stack.size();
        stack.add(d);
        cursor++;
        return d.chosen();
    }

    /** The next recorded decision, checked against what the program offers now. */
    private Decision replayed(boolean data, int options) {
        Decision d = stack.get(cursor);
        if (d.data != data || d.options != options) {
            throw diverged("it was " + Decision.describe(d.data, d.options) + ", now "
                    + Decision.describe(data, options));
        }
        cursor++;
        return d;
    }

    private IllegalStateException diverged(String what) {
        nondeterminism = "nondeterministic program: decision " + cursor + " of schedule " + index + " changed under "
                + "the same earlier choices (" + what + "); an exhaustive search needs a program that behaves the same "
                + "under the same choices (no time, randomness, hash order or threads outside the engine's control)";
        return new IllegalStateException(nondeterminism);
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    /** @return the index of the current schedule in the search order */
    @Override
    public long scheduleSeed() {
        return index;
    }

    @Override
    public String name() {
        return "dfs";
    }

    @Override
    public String describe() {
        return bound == Integer.MAX_VALUE ? "DFS (unbounded)" : "bounded DFS (preemptions <= " + bound + ")";
    }
}
