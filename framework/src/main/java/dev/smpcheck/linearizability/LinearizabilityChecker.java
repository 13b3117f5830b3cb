package dev.smpcheck.linearizability;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Decides whether a history of operations is linearizable with respect to a {@link SequentialSpec}: whether each
 * operation can be given one instant between its invocation and its return at which it takes effect, such that the
 * operations in that order are legal for the specification (Herlihy and Wing, 1990).
 *
 * <h2>Algorithm</h2>
 * The Wing–Gong search with Lowe's memoization of (specification state, set of linearized operations). When the
 * specification is {@linkplain SequentialSpec#partitionedBy partitioned}, each key's operations are checked on their
 * own (P-compositionality), smallest partition first. On a violation the failing partition is shrunk to a 1-minimal
 * non-linearizable sub-history for the report.
 *
 * <h2>Budget</h2>
 * The budget counts search states, not wall time, so a verdict is the same on every machine and every run. One check
 * (all partitions together) may explore at most {@link #stateBudget()} states, and shrinking a violation at most as
 * many again, over all its re-checks. A check that runs out says {@link Verdict.Kind#UNKNOWN}: never "linearizable";
 * shrinking that runs out reports a smaller, but not proven 1-minimal, sub-history.
 *
 * <p>Instances are immutable and thread-safe; {@code with...} methods return changed copies.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LinearizabilityChecker {

    /**
     * Search states per check by default. On a busy 2-core machine a queue history used up 250,000 states in 0.1 to
     * 0.4 s, but 1,000,000 in 3 to 4 s (the memo table grows into garbage-collection work), and a check plus the
     * shrinking of its violation may take twice the budget; this keeps both well inside an after-all check's
     * watchdog time. Partitioned histories of 10,000 operations and single-object register histories of hundreds of
     * operations need a few thousand states.
     */
    public static final long DEFAULT_STATE_BUDGET = 250_000;

    private static final LinearizabilityChecker DEFAULTS = new LinearizabilityChecker(DEFAULT_STATE_BUDGET, false);

    private final long stateBudget;
    private final boolean allowUnknown;

    private LinearizabilityChecker(long stateBudget, boolean allowUnknown) {
        this.stateBudget = stateBudget;
        this.allowUnknown = allowUnknown;
    }

    /** @return a checker with {@link #DEFAULT_STATE_BUDGET} that fails on undecided histories */
    public static LinearizabilityChecker defaults() {
        return DEFAULTS;
    }

    /**
     * @param states the most search states one check may explore, at least 1
     * @return a copy with that budget
     * @throws IllegalArgumentException for a budget below 1
     */
    public LinearizabilityChecker withStateBudget(long states) {
        if (states < 1) {
            throw new IllegalArgumentException("stateBudget = " + states + " is out of range: the state budget must "
                    + "be at least 1");
        }
        return new LinearizabilityChecker(states, allowUnknown);
    }

    /** @return a copy whose {@link #assertLinearizable} passes undecided histories instead of failing them */
    public LinearizabilityChecker allowingUnknown() {
        return new LinearizabilityChecker(stateBudget, true);
    }

    /** @return the most search states one check may explore */
    public long stateBudget() {
        return stateBudget;
    }

    /** @return whether {@link #assertLinearizable} passes undecided histories */
    public boolean allowsUnknown() {
        return allowUnknown;
    }

    /**
     * @param history the recorded history, never {@code null}
     * @param spec its specification, never {@code null}
     * @return the verdict on the operations recorded so far
     */
    public Verdict check(History history, SequentialSpec<?> spec) {
        return check(history.operations(), spec);
    }

    /**
     * @param ops the operations, never {@code null}; times need not be dense, but each operation's must be its own
     * @param spec their specification, never {@code null}
     * @param <S> the state type
     * @return the verdict
     */
    public <S> Verdict check(List<Operation> ops, SequentialSpec<S> spec) {
        Objects.requireNonNull(ops, "ops");
        Objects.requireNonNull(spec, "spec");
        List<Partition> parts = partition(ops, spec);
        long used = 0;
        int checked = 0;
        for (Partition part : parts) {
            long left = stateBudget - used;
            WingGongSearch.Result r = WingGongSearch.run(part.ops(), spec, left);
            used += r.states();
            if (r.kind() == Verdict.Kind.NOT_LINEARIZABLE) {
                Counterexample evidence = counterexample(part, spec, r.deadEnd());
                return new Verdict(Verdict.Kind.NOT_LINEARIZABLE, String.format(Locale.ROOT,
                        "not linearizable: the %,d operation(s)%s have no legal linearization (%s)",
                        part.ops().size(), onKey(part.key()), states(used)), used, ops.size(), parts.size(), evidence);
            }
            if (r.kind() == Verdict.Kind.UNKNOWN) {
                return new Verdict(Verdict.Kind.UNKNOWN, String.format(Locale.ROOT, "undecided within budget: the "
                        + "budget of %,d search states ran out on %,d operation(s)%s, with %,d of %,d partition(s) "
                        + "decided", stateBudget, part.ops().size(), onKey(part.key()), checked, parts.size()),
                        used, ops.size(), parts.size(), null);
            }
            checked++;
        }
        return new Verdict(Verdict.Kind.LINEARIZABLE, String.format(Locale.ROOT, "linearizable: %,d operation(s) in "
                + "%,d partition(s), %s", ops.size(), parts.size(), states(used)), used, ops.size(),
                parts.size(), null);
    }

    /**
     * Checks and fails unless the history is linearizable (or undecided, when {@link #allowingUnknown()}).
     *
     * @param history the recorded history, never {@code null}
     * @param spec its specification, never {@code null}
     * @throws ViolationException of kind {@link Violation#NOT_LINEARIZABLE} with the report
     * @throws UndecidedException when the budget ran out and unknown verdicts are not allowed
     */
    public void assertLinearizable(History history, SequentialSpec<?> spec) {
        assertLinearizable(history.operations(), spec);
    }

    /**
     * As {@link #assertLinearizable(History, SequentialSpec)} for a list of operations.
     *
     * @param ops the operations, never {@code null}
     * @param spec their specification, never {@code null}
     */
    public void assertLinearizable(List<Operation> ops, SequentialSpec<?> spec) {
        Verdict v = check(ops, spec);
        if (v.kind() == Verdict.Kind.NOT_LINEARIZABLE) {
            throw new ViolationException(Violation.NOT_LINEARIZABLE, v.report());
        }
        if (v.kind() == Verdict.Kind.UNKNOWN && !allowUnknown) {
            throw new UndecidedException(v);
        }
    }

    private <S> Counterexample counterexample(Partition part, SequentialSpec<S> spec, Counterexample.DeadEnd whole) {
        SubHistoryMinimizer.Minimal min = SubHistoryMinimizer.minimize(part.ops(), whole, spec, stateBudget);
        return new Counterexample(min.operations(), min.deadEnd(), min.minimal(), part.ops(), whole, part.key());
    }

    /** The operations of one key, in invocation order; {@code key} is {@code null} for an unpartitioned check. */
    private record Partition(Object key, List<Operation> ops) {}

    /**
     * Splits by the specification's keys, smallest partition first so that a budget running out on a large
     * partition leaves as many decided as possible; ties keep the order of first appearance, for determinism.
     */
    private static List<Partition> partition(List<Operation> ops, SequentialSpec<?> spec) {
        Map<Object, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation op : ops) {
            Object key = spec.partitionKey(op);
            if (key == null) {
                return List.of(new Partition(null, ops));
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(op);
        }
        List<Partition> parts = new ArrayList<>();
        byKey.forEach((k, v) -> parts.add(new Partition(k, v)));
        parts.sort(Comparator.comparingInt(p -> p.ops().size()));
        return parts.isEmpty() ? List.of(new Partition(null, ops)) : parts;
    }

    private static String states(long n) {
        return String.format(Locale.ROOT, n == 1 ? "%,d search state" : "%,d search states", n);
    }

    private static String onKey(Object key) {
        return key == null ? "" : " on key " + Operation.show(key);
    }
}
