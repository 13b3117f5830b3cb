package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a non-linearizable history to a 1-minimal one: a sub-history that is still not linearizable, but becomes
 * linearizable when any one of its operations is dropped.
 *
 * <p>Deleting an operation can make a history linearizable or not in either direction (dropping a write can leave a
 * read with a value from nowhere), so a single pass of deletions does not guarantee 1-minimality. The minimizer first
 * drops chunks of halving size, which removes most of a long history in few re-checks, then repeats single deletions
 * until a whole pass deletes nothing.
 *
 * <p>Several 1-minimal sub-histories may exist, and deletion can change the story (any read of a written value is,
 * without its write, a violation of its own). So the operation where the search of the whole history got stuck is
 * kept until everything else that can go is gone, and only then tried itself: the core is about that operation
 * whenever a 1-minimal core containing it exists.
 *
 * <p>All re-checks together may explore at most one state budget, so minimizing at most doubles the cost of a check.
 * A re-check left undecided keeps its operations and marks the result as not proven minimal; the sub-history returned
 * is always proven non-linearizable.
 */
final class SubHistoryMinimizer<S> {

    /**
     * @param operations the sub-history
     * @param deadEnd where the search of {@code operations} got furthest
     * @param minimal whether every single deletion was re-checked and found linearizable
     */
    record Minimal(List<Operation> operations, Counterexample.DeadEnd deadEnd, boolean minimal) {}

    private final SequentialSpec<S> spec;
    /** The whole history's blocked operation, kept until the end so the core is about it when it can be. */
    private Operation keep;
    private long budgetLeft;
    private boolean undecided;
    private Counterexample.DeadEnd deadEnd;

    private SubHistoryMinimizer(SequentialSpec<S> spec, long budget, Counterexample.DeadEnd deadEnd) {
        this.spec = spec;
        this.budgetLeft = budget;
        this.deadEnd = deadEnd;
        this.keep = deadEnd.blocked();
    }

    /**
     * @param ops a history that is not linearizable
     * @param deadEnd where its search got furthest; its blocked operation is dropped last
     * @param spec its specification
     * @param budget the most states all re-checks together may explore
     * @param <S> the state type
     * @return a non-linearizable sub-history, 1-minimal unless a re-check was undecided
     */
    static <S> Minimal minimize(List<Operation> ops, Counterexample.DeadEnd deadEnd, SequentialSpec<S> spec,
            long budget) {
        return new SubHistoryMinimizer<>(spec, budget, deadEnd).run(ops);
    }

    private Minimal run(List<Operation> ops) {
        List<Operation> cur = ops;
        for (int chunk = cur.size() / 2; chunk >= 2; chunk /= 2) {
            cur = dropChunks(cur, chunk);
        }
        cur = dropSinglesUntilStable(cur);
        if (keep != null && cur.size() > 1) {
            List<Operation> without = new ArrayList<>(cur);
            without.remove(keep);
            if (stillFails(without)) {
                keep = null;
                cur = dropSinglesUntilStable(without);
            }
        }
        return new Minimal(cur, deadEnd, !undecided);
    }

    /** Single deletions until a whole pass deletes nothing; {@link #undecided} then tells about that last pass. */
    private List<Operation> dropSinglesUntilStable(List<Operation> ops) {
        List<Operation> cur = ops;
        boolean changed = true;
        while (changed) {
            undecided = false;
            int before = cur.size();
            cur = dropChunks(cur, 1);
            changed = cur.size() < before;
        }
        return cur;
    }

    /**
     * Tries to drop each run of {@code chunk} operations in turn, keeping every drop that leaves a violation; a run
     * holding the protected operation is left alone.
     */
    private List<Operation> dropChunks(List<Operation> ops, int chunk) {
        List<Operation> cur = ops;
        int i = 0;
        while (i < cur.size()) {
            List<Operation> run = cur.subList(i, Math.min(cur.size(), i + chunk));
            List<Operation> candidate = new ArrayList<>(cur.subList(0, i));
            candidate.addAll(cur.subList(i + run.size(), cur.size()));
            if (!run.contains(keep) && !candidate.isEmpty() && stillFails(candidate)) {
                cur = candidate;
            } else {
                i += chunk;
            }
        }
        return cur;
    }

    private boolean stillFails(List<Operation> candidate) {
        if (budgetLeft <= 0) {
            undecided = true;
            return false;
        }
        WingGongSearch.Result r = WingGongSearch.run(candidate, spec, budgetLeft);
        budgetLeft -= r.states();
        if (r.kind() == Verdict.Kind.UNKNOWN) {
            undecided = true;
            budgetLeft = 0;
        }
        if (r.kind() != Verdict.Kind.NOT_LINEARIZABLE) {
            return false;
        }
        deadEnd = r.deadEnd();
        return true;
    }
}
