package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * The hand-offs of an {@code Exchanger} or a {@code SynchronousQueue}, as the model keeps them: nothing is stored,
 * a thread that arrives first waits in the model until a partner arrives, and the partner completes the hand-off at
 * once. Waiting partners are matched first come, first served (the JDK's non-fair queue serves the latest first).
 */
final class HandOffs {
    /** A waiting thread's side of a hand-off: what it gives, and (once matched) what it gets. */
    private static final class Offer {
        final Object item;
        Object reply;
        boolean matched;

        Offer(Object item) {
            this.item = item;
        }
    }

    private final JvmState state;
    private final Object on;
    /** For a queue, the waiting producers; for an exchanger, the one waiting party. */
    private final ArrayDeque<Offer> puts = new ArrayDeque<>();
    /** For a queue, the waiting consumers. */
    private final ArrayDeque<Offer> takes = new ArrayDeque<>();

    HandOffs(Object on, JvmState state) {
        this.on = on;
        this.state = state;
    }

    /** {@code exchanger.exchange(item)}, timed or not: pairs with a waiting party, or waits for one. */
    Object exchange(Object item, int site, boolean timed) throws InterruptedException, TimeoutException {
        state.point(site, state.label(on));
        Offer partner = puts.poll();
        if (partner != null) {
            partner.reply = item;
            partner.matched = true;
            return partner.item;
        }
        Offer mine = new Offer(item);
        if (!await(puts, mine, "partner for", "no partner yet", timed)) {
            throw new TimeoutException();
        }
        return mine.reply;
    }

    /** {@code queue.put(item)} and, if {@code timed}, {@code offer(item, timeout)}: whether a consumer took it. */
    boolean put(Object item, boolean timed) throws InterruptedException {
        if (item == null) {
            throw new NullPointerException();
        }
        if (!takes.isEmpty()) {
            point("put to");
        }
        Offer consumer = takes.poll();
        if (consumer != null) {
            consumer.reply = item;
            consumer.matched = true;
            return true;
        }
        return await(puts, new Offer(item), "consumer of", "no consumer waits", timed);
    }

    /** {@code queue.take()} and, if {@code timed}, {@code poll(timeout)}: the item, or {@code null} on timeout. */
    Object take(boolean timed) throws InterruptedException {
        if (!puts.isEmpty()) {
            point("take from");
        }
        Offer producer = puts.poll();
        if (producer != null) {
            producer.matched = true;
            return producer.item;
        }
        Offer mine = new Offer(null);
        return await(takes, mine, "producer for", "no producer waits", timed) ? mine.reply : null;
    }

    /** {@code queue.offer(item)}: hands it to a waiting consumer, if there is one. */
    boolean offerNow(Object item) {
        if (item == null) {
            throw new NullPointerException();
        }
        Offer consumer = takes.poll();
        if (consumer == null) {
            return false;
        }
        consumer.reply = item;
        consumer.matched = true;
        return true;
    }

    /** {@code queue.poll()}: takes from a waiting producer, if there is one. */
    Object pollNow() {
        Offer producer = puts.poll();
        if (producer == null) {
            return null;
        }
        producer.matched = true;
        return producer.item;
    }

    /**
     * A schedule point before a hand-off to a waiting partner; a thread that must wait has its point in the wait. The
     * partner is taken only after the point, since it may have given up (interrupted) meanwhile.
     */
    private void point(String what) {
        if (!state.inAtomicRegion()) {
            JvmControl.pointBefore(what, state.label(on));
        }
    }

    /** Waits in {@code line} until matched; an interrupt or a timeout takes the offer back. */
    private boolean await(ArrayDeque<Offer> line, Offer mine, String what, String none, boolean timed)
            throws InterruptedException {
        line.add(mine);
        boolean matched = false;
        try {
            matched = state.block(what, on, () -> mine.matched, () -> none, true, timed);
            return matched;
        } finally {
            if (!matched) {
                line.remove(mine);
            }
        }
    }
}
