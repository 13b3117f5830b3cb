package dev.smpcheck.instrument;

import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * The hand-offs of an {@code Exchanger} or a {@code SynchronousQueue}, as the model keeps them: nothing is stored,
 * a thread that arrives first waits in the model until a partner arrives, and the partner completes the hand-off at
 * once. Waiting partners are matched first come, first served (the JDK's non-fair queue serves the latest first).
 */
final class HandOffs implements QueueModel {
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
            partner.match(item);
            return partner.item;
        }
        Offer mine = new Offer(item);
        if (!mine.await(state, puts, on, () -> false, "partner for", "no partner yet", timed)) {
            throw new TimeoutException();
        }
        return mine.reply;
    }

    @Override
    public boolean put(Object item, boolean timed) throws InterruptedException {
        if (item == null) {
            throw new NullPointerException();
        }
        if (!takes.isEmpty()) {
            point("put to");
        }
        if (Offer.serveFirst(takes, item)) {
            return true;
        }
        return new Offer(item).await(state, puts, on, () -> false, "consumer of", "no consumer waits", timed);
    }

    @Override
    public Object take(boolean timed) throws InterruptedException {
        if (!puts.isEmpty()) {
            point("take from");
        }
        Offer producer = puts.poll();
        if (producer != null) {
            producer.match(null);
            return producer.item;
        }
        Offer mine = new Offer(null);
        boolean matched = mine.await(state, takes, on, () -> false, "producer for", "no producer waits", timed);
        return matched ? mine.reply : null;
    }

    /** Hands {@code item} to a waiting consumer, if there is one. */
    @Override
    public boolean offerNow(Object item) {
        return Offer.serveFirst(takes, item);
    }

    /** Takes from a waiting producer, if there is one. */
    @Override
    public Object pollNow() {
        Offer producer = puts.poll();
        if (producer == null) {
            return null;
        }
        producer.match(null);
        return producer.item;
    }

    /**
     * A schedule point before a hand-off to a waiting partner; a thread that must wait has its point in the wait. The
     * partner is taken only after the point, since it may have given up (interrupted) meanwhile.
     */
    private void point(String what) {
        QueueModels.point(state, what, on);
    }
}
