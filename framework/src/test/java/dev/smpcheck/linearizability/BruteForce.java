package dev.smpcheck.linearizability;

import java.util.List;
import java.util.Objects;

/**
 * Linearizability by definition, for tiny histories: tries every order of the completed operations and any subset of
 * the pending ones that respects real time, with no memoization and no event list, so it shares nothing with
 * {@link WingGongSearch} but the specification.
 */
final class BruteForce {
    private BruteForce() {}

    static <S> boolean linearizable(List<Operation> ops, SequentialSpec<S> spec) {
        return extend(ops, spec, spec.initialState(), new boolean[ops.size()]);
    }

    private static <S> boolean extend(List<Operation> ops, SequentialSpec<S> spec, S state, boolean[] placed) {
        boolean done = true;
        for (int i = 0; i < ops.size(); i++) {
            done &= placed[i] || ops.get(i).isPending();
        }
        if (done) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (placed[i] || !predecessorsPlaced(ops, placed, i)) {
                continue;
            }
            Transition<S> t = spec.apply(state, ops.get(i));
            if (fits(t, ops.get(i))) {
                placed[i] = true;
                boolean ok = extend(ops, spec, t.state(), placed);
                placed[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The definition of a legal step, written out here rather than shared with {@link Transition#matches}. */
    private static boolean fits(Transition<?> t, Operation op) {
        if (!t.legal() || op.isPending()) {
            return t.legal();
        }
        return op.failure() == null
                ? t.failure() == null && Objects.deepEquals(t.result(), op.result())
                : t.failure() != null && t.failure().isInstance(op.failure());
    }

    private static boolean predecessorsPlaced(List<Operation> ops, boolean[] placed, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (!placed[j] && ops.get(j).precedes(ops.get(i))) {
                return false;
            }
        }
        return true;
    }
}
