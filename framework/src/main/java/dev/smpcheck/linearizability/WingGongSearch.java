package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether one history (one partition) is linearizable: the search of Wing and Gong (1993) over the order of
 * invocation and return events, with Lowe's memoization (2017) of every (specification state, set of linearized
 * operations) pair already explored, which prunes the re-exploration of equivalent partial linearizations.
 *
 * <h2>How it works</h2>
 * Events sit in a doubly linked list in time order. The search walks the list from its head: a call entry is a
 * candidate to linearize next (its operation may take effect now); reaching a return entry means that operation
 * should already have taken effect, so the search backtracks. Linearizing an operation unlinks its call and return
 * entries; backtracking relinks them in reverse order, so the list is restored exactly. A pending operation has no
 * return entry: the search may linearize it or leave it out, and succeeds once every completed operation is placed.
 *
 * <p>The budget counts distinct (state, linearized set) pairs; running out yields {@link Verdict.Kind#UNKNOWN}, never a
 * positive verdict. The search order depends only on the history and the specification, so verdicts and state counts
 * are reproducible.
 */
final class WingGongSearch<S> {

    /**
     * What one search found.
     *
     * @param kind the verdict for this history
     * @param states distinct search states explored
     * @param deadEnd for {@link Verdict.Kind#NOT_LINEARIZABLE}, where the search got furthest; else {@code null}
     */
    record Result(Verdict.Kind kind, long states, Counterexample.DeadEnd deadEnd) {}

    /** An event in the linked list. */
    private static final class Entry {
        final int index;
        final Operation op;
        final boolean call;
        final long time;
        /** For a call, its return entry ({@code null} when pending); for a return, its call. */
        Entry match;
        Entry prev;
        Entry next;

        Entry(int index, Operation op, boolean call) {
            this.index = index;
            this.op = op;
            this.call = call;
            this.time = op == null ? Long.MIN_VALUE : call ? op.invokedAt() : op.returnedAt();
        }
    }

    /** A linearized operation on the search stack and the state before it. */
    private record Frame<S>(Entry call, S before) {}

    /** A memoized configuration; {@code bits} is never changed after construction. */
    private static final class Config {
        final long[] bits;
        final Object state;
        final int hash;

        Config(long[] bits, Object state) {
            this.bits = bits;
            this.state = state;
            this.hash = 31 * Arrays.hashCode(bits) + state.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Config c && hash == c.hash && Arrays.equals(bits, c.bits) && state.equals(c.state);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final SequentialSpec<S> spec;
    /** The list's sentinel; it has no operation. */
    private final Entry head = new Entry(-1, null, false);
    private final long[] linearized;
    private final Set<Config> seen = new HashSet<>();
    private final List<Frame<S>> stack = new ArrayList<>();
    private int completedLeft;
    /** The deepest dead end so far: the best evidence of which operation cannot be placed. */
    private int bestDepth = -1;
    private Counterexample.DeadEnd deadEnd;

    private WingGongSearch(List<Operation> ops, SequentialSpec<S> spec) {
        this.spec = spec;
        this.linearized = new long[(ops.size() + 63) / 64];
        List<Entry> events = new ArrayList<>(2 * ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            Entry call = new Entry(i, op, true);
            events.add(call);
            if (!op.isPending()) {
                Entry ret = new Entry(i, op, false);
                call.match = ret;
                ret.match = call;
                events.add(ret);
                completedLeft++;
            }
        }
        // At equal times calls go first: operations then overlap, as Operation.precedes says (strictly earlier).
        events.sort(Comparator.<Entry>comparingLong(e -> e.time).thenComparing(e -> !e.call));
        Entry last = head;
        for (Entry e : events) {
            last.next = e;
            e.prev = last;
            last = e;
        }
    }

    /**
     * @param ops the operations, each with a distinct id, never {@code null}
     * @param spec the specification, never {@code null}
     * @param budget the most search states to explore, at least 1
     * @param <S> the state type
     * @return the verdict for {@code ops} with what supports it
     */
    static <S> Result run(List<Operation> ops, SequentialSpec<S> spec, long budget) {
        return new WingGongSearch<>(ops, spec).search(budget);
    }

    private Result search(long budget) {
        S state = Objects.requireNonNull(spec.initialState(), "the specification's initial state is null");
        Entry cur = head.next;
        while (completedLeft > 0) {
            // Invariant: every entry between head and cur is a call entry, so cur cannot run off the list while a
            // completed operation (whose return entry follows its call) is still unlinearized.
            if (cur.call) {
                Transition<S> t = apply(state, cur.op);
                if (t.matches(cur.op)) {
                    set(cur);
                    if (seen.add(new Config(linearized.clone(), t.state()))) {
                        if (seen.size() > budget) {
                            return new Result(Verdict.Kind.UNKNOWN, seen.size() - 1, null);
                        }
                        stack.add(new Frame<>(cur, state));
                        state = t.state();
                        lift(cur);
                        cur = head.next;
                        continue;
                    }
                    clear(cur);
                }
                cur = cur.next;
            } else {
                noteDeadEnd(state, cur.op);
                if (stack.isEmpty()) {
                    return new Result(Verdict.Kind.NOT_LINEARIZABLE, seen.size(), deadEnd);
                }
                Frame<S> top = stack.remove(stack.size() - 1);
                state = top.before();
                clear(top.call());
                unlift(top.call());
                cur = top.call().next;
            }
        }
        return new Result(Verdict.Kind.LINEARIZABLE, seen.size(), null);
    }

    private Transition<S> apply(S state, Operation op) {
        Transition<S> t;
        try {
            t = spec.apply(state, op);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the sequential specification failed on " + op + " in state " + state
                    + ": " + e, e);
        }
        if (t == null) {
            throw new IllegalStateException("the sequential specification returned no transition for " + op
                    + " in state " + state + "; return Transition.illegal() for an impossible operation");
        }
        return t;
    }

    /** Remembers the deepest dead end, where {@code op}'s return was reached with {@code op} not yet placed. */
    private void noteDeadEnd(S state, Operation op) {
        if (stack.size() <= bestDepth) {
            return;
        }
        bestDepth = stack.size();
        Transition<S> t = apply(state, op);
        deadEnd = new Counterexample.DeadEnd(stack.stream().map(f -> f.call().op).toList(), op,
                t.matches(op) ? null : t.expected());
    }

    private void lift(Entry call) {
        unlink(call);
        if (call.match != null) {
            unlink(call.match);
        }
    }

    /** Undoes {@link #lift} of the most recently lifted call still lifted; dancing links need LIFO order. */
    private void unlift(Entry call) {
        if (call.match != null) {
            relink(call.match);
        }
        relink(call);
    }

    private static void unlink(Entry e) {
        e.prev.next = e.next;
        if (e.next != null) {
            e.next.prev = e.prev;
        }
    }

    private static void relink(Entry e) {
        e.prev.next = e;
        if (e.next != null) {
            e.next.prev = e;
        }
    }

    private void set(Entry call) {
        linearized[call.index >>> 6] |= 1L << call.index;
        if (call.match != null) {
            completedLeft--;
        }
    }

    private void clear(Entry call) {
        linearized[call.index >>> 6] &= ~(1L << call.index);
        if (call.match != null) {
            completedLeft++;
        }
    }
}
