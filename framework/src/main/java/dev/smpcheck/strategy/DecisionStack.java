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

        /**
         * The shards this decision's options are dealt among when they are searched by several shards together, or
         * {@code null} when this shard owns the whole subtree; set when the decision is first met.
         */
        int[] shards;
        /** The shard that runs this search. */
        int me;

        Decision(boolean data, int options) {
            this.data = data;
            this.options = options;
        }

        /**
         * @param after a position among {@code candidates} options, or -1
         * @param candidates how many options are dealt
         * @return the first position after {@code after} whose subtree this shard searches (alone or with others),
         *     or -1
         */
        int nextOwned(int after, int candidates) {
            for (int p = after + 1; p < candidates; p++) {
                if (shards == null || contains(dealt(shards, p, candidates), me)) {
                    return p;
                }
            }
            return -1;
        }

        /** @return whether an option not taken yet is still to be tried here */
        abstract boolean hasUntried();

        /** Moves to the next option to try; called only when {@link #hasUntried()}. */
        abstract void advance();
    }

    private final List<D> stack = new ArrayList<>();
    private final Shard shard;
    /** The shards that search the current path's subtree together: all of them at the root, fewer further down. */
    private int[] together;
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

    /** @param shard the part of the search this stack walks */
    DecisionStack(Shard shard) {
        this.shard = shard;
    }

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
        together = new int[shard.count()];
        for (int i = 0; i < together.length; i++) {
            together[i] = i;
        }
        return true;
    }

    /**
     * Marks a decision met for the first time with the shards its options are dealt among, if several shards still
     * search this path together.
     */
    void split(D d) {
        d.me = shard.index();
        d.shards = together.length > 1 ? together : null;
    }

    /** Follows the decision's option at {@code position} of {@code candidates}: its subtree's shards are dealt. */
    void descend(D d, int position, int candidates) {
        if (d.shards != null) {
            together = dealt(d.shards, position, candidates);
        }
    }

    /**
     * @return whether the schedule just run belongs to this shard: a path along which the shards were never all
     *     dealt apart belongs to the first of those still together, and the others ran it only to find that out
     */
    boolean owned() {
        return together[0] == shard.index();
    }

    /**
     * Deals the options of a decision among shards round robin: with at least as many options as shards, option
     * {@code p} goes to shard {@code shards[p mod k]} alone; with fewer, to {@code shards[p]}, {@code shards[p + c]},
     * ..., which split the subtree further down. Deterministic, and every shard gets a share as even as the tree
     * allows.
     */
    static int[] dealt(int[] shards, int position, int candidates) {
        if (candidates >= shards.length) {
            return new int[] {shards[position % shards.length]};
        }
        int[] group = new int[(shards.length - position + candidates - 1) / candidates];
        for (int i = 0; i < group.length; i++) {
            group[i] = shards[position + i * candidates];
        }
        return group;
    }

    private static boolean contains(int[] shards, int me) {
        for (int s : shards) {
            if (s == me) {
                return true;
            }
        }
        return false;
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
