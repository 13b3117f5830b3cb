package dev.smpcheck.instrument;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;

/**
 * One waiting thread's side of a hand-off in the model ({@link HandOffs}, {@link Transfers}): what it gives, and, once
 * a partner matched it, what it gets. It waits in a line of such offers, which partners serve first come, first
 * served.
 */
final class Offer {
    final Object item;
    Object reply;
    boolean matched;

    Offer(Object item) {
        this.item = item;
    }

    /**
     * Hands {@code item} to the offer that has waited longest in {@code line}, if any.
     *
     * @return whether there was one
     */
    static boolean serveFirst(ArrayDeque<Offer> line, Object item) {
        if (item == null) {
            throw new NullPointerException();
        }
        Offer first = line.poll();
        if (first == null) {
            return false;
        }
        first.match(item);
        return true;
    }

    /** Completes the hand-off from the partner's side: this offer's thread gets {@code reply} when it resumes. */
    void match(Object reply) {
        this.reply = reply;
        this.matched = true;
    }

    /**
     * Waits in {@code line} until matched, or until {@code otherwise} holds (an item a waiting consumer may take from a
     * buffer instead); an interrupt or a timeout takes the offer back out of the line.
     *
     * @return whether the wait ended matched or with {@code otherwise} holding (otherwise it timed out)
     * @throws InterruptedException when interrupted before either happened
     */
    boolean await(JvmState state, ArrayDeque<Offer> line, Object on, BooleanSupplier otherwise, String what,
            String none, boolean timed) throws InterruptedException {
        line.add(this);
        try {
            return state.block(what, on, () -> matched || otherwise.getAsBoolean(), () -> none, true, timed);
        } finally {
            if (!matched) {
                line.remove(this);
            }
        }
    }
}
