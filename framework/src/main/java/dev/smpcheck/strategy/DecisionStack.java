package dev.smpcheck.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * The decisions of a stateless depth-first search: the current schedule's decisions as a stack, replayed up to the
 * deepest one with an untried option and extended past it, with the checks that the program behaves the same under
 * the same choices. {@link BoundedDfsStrategy} and {@link DporStrategy} differ only in what a decision holds and which
 * of its options are worth trying.
 *
 * @param <D> what one decision holds
 */
final class DecisionStack<D extends DecisionStack.Decision> {

    /** One decision and where the search stands at it. */
    abstract static class Decision {
        /** Whether this is a data choice rather than a schedule point. */
        final boolean data;
        /** The number of options (or values) the program offered here. */
        final int options;

        Decision(boolean data, int options) {
            this.data = data;
            this.options = options;
        }

        /** @return whether an option not taken yet is still to be tried here */
        abstract boolean hasUntried();

        /** Moves to the next option to try; called only when {@link #hasUntried()}. */
        abstract void advance();
    }

    private final List<D> stack = new ArrayList<>();
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
     * Sets up the next schedule: the same decisions up to the deepest one with an untried option, which advances.
     *
     * @param schedules the budget
     * @return {@code false} when the space is covered ({@link #exhausted()}) or the budget is spent
     * @throws IllegalStateException when the program was found nondeterministic
     */
    boolean next(int schedules) {
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
            stack.get(deepest).advance();
        } else if (schedules < 1) {
            return false;
        }
        replay = stack.size();
        cursor = 0;
        index++;
        return true;
    }

    /** @return whether the next decision is one recorded by an earlier schedule */
    boolean replaying() {
        return cursor < replay;
    }

    /** @return the next recorded decision, checked to have the kind and size the program offers now */
    D replayed(boolean data, int options) {
        D d = stack.get(cursor);
        if (d.data != data || d.options != options) {
            throw diverged("it was " + describe(d.data, d.options) + ", now " + describe(data, options));
        }
        cursor++;
        return d;
    }

    /** Appends a decision met for the first time. */
    D push(D d) {
        assert cursor == stack.size();
        stack.add(d);
        cursor++;
        return d;
    }

    /** @return a failure saying that the decision at the cursor changed; the search refuses to go on after it */
    IllegalStateException diverged(String what) {
        nondeterminism = "nondeterministic program: decision " + cursor + " of schedule " + index + " changed under "
                + "the same earlier choices (" + what + "); an exhaustive search needs a program that behaves the same "
                + "under the same choices (no time, randomness, hash order or threads outside the engine's control)";
        return new IllegalStateException(nondeterminism);
    }

    private static String describe(boolean data, int options) {
        return data ? "a data choice among " + options + " values" : "a schedule point with " + options + " options";
    }

    /** @return the decision at {@code i}, from the root */
    D get(int i) {
        return stack.get(i);
    }

    /** @return the decisions met so far in this schedule */
    int cursor() {
        return cursor;
    }

    /** @return whether the whole space was covered */
    boolean exhausted() {
        return exhausted;
    }

    /** @return the current schedule's index in the search order */
    int index() {
        return index;
    }
}
