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
 * until a whole pass deletes nothing. Each re-check gets the full state budget; an undecided re-check keeps the
 * operation and marks the result as not proven minimal, so the sub-history is always proven non-linearizable.
 */
final class SubHistoryMinimizer<S> {

    /**
     * @param operations the sub-history
     * @param minimal whether every single deletion was re-checked and found linearizable
     */
    record Minimal(List<Operation> operations, boolean minimal) {}

    private final SequentialSpec<S> spec;
    private final long budget;
    private boolean undecided;

    private SubHistoryMinimizer(SequentialSpec<S> spec, long budget) {
        this.spec = spec;
        this.budget = budget;
    }

    /**
     * @param ops a history that is not linearizable
     * @param spec its specification
     * @param budget the state budget of each re-check
     * @param <S> the state type
     * @return a non-linearizable sub-history, 1-minimal unless a re-check was undecided
     */
    static <S> Minimal minimize(List<Operation> ops, SequentialSpec<S> spec, long budget) {
        return new SubHistoryMinimizer<>(spec, budget).run(ops);
    }

    private Minimal run(List<Operation> ops) {
        List<Operation> cur = ops;
        for (int chunk = cur.size() / 2; chunk >= 2; chunk /= 2) {
            cur = dropChunks(cur, chunk);
        }
        boolean changed = true;
        while (changed) {
            undecided = false;
            int before = cur.size();
            cur = dropChunks(cur, 1);
            changed = cur.size() < before;
        }
        return new Minimal(cur, !undecided);
    }

    /** Tries to drop each run of {@code chunk} operations in turn, keeping every drop that leaves a violation. */
    private List<Operation> dropChunks(List<Operation> ops, int chunk) {
        List<Operation> cur = ops;
        int i = 0;
        while (i < cur.size()) {
            List<Operation> candidate = new ArrayList<>(cur.subList(0, i));
            candidate.addAll(cur.subList(Math.min(cur.size(), i + chunk), cur.size()));
            if (!candidate.isEmpty() && stillFails(candidate)) {
                cur = candidate;
            } else {
                i += chunk;
            }
        }
        return cur;
    }

    private boolean stillFails(List<Operation> candidate) {
        Verdict.Kind kind = WingGongSearch.run(candidate, spec, budget).kind();
        undecided |= kind == Verdict.Kind.UNKNOWN;
        return kind == Verdict.Kind.NOT_LINEARIZABLE;
    }
}
