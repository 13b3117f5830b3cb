package dev.smpcheck.instrument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TransferQueue;

/**
 * A JDK {@code LinkedTransferQueue} under control. Like the JDK's dual queue, it never holds items and waiting
 * consumers at once: an item given while a consumer waits goes straight to the consumer that has waited longest, and
 * only an item nobody waits for goes into the real queue (which so keeps {@code size}, {@code peek}, iteration right).
 * A consumer that finds the queue empty waits in the model.
 *
 * <p>{@code transfer} puts its item into the real queue like {@code put} when no consumer waits, then waits until a
 * consumer has received that item. The model knows which item is the transfer's by its place: the number of items in
 * front of it, counted down as consumers take from the head. An item that leaves the queue another way
 * ({@code remove(o)}, {@code drainTo}, {@code clear}) also ends the transfer. On a timeout or an interrupt the item is
 * taken back out, as in the JDK.
 */
final class Transfers implements QueueModel {
    /** A transfer whose item waits in the real queue. */
    private static final class Pending {
        final Object item;
        /** How many items are in front of this one. */
        int ahead;
        boolean received;

        Pending(Object item, int ahead) {
            this.item = item;
            this.ahead = ahead;
        }
    }

    private final JvmState state;
    private final TransferQueue<Object> queue;
    /** Consumers waiting in {@code take} or a timed {@code poll}; the queue is empty while there are any. */
    private final ArrayDeque<Offer> consumers = new ArrayDeque<>();
    private final List<Pending> pending = new ArrayList<>();

    @SuppressWarnings("unchecked")
    Transfers(TransferQueue<?> queue, JvmState state) {
        this.queue = (TransferQueue<Object>) queue;
        this.state = state;
    }

    /** {@code put} and timed {@code offer}: the queue is unbounded, so neither ever waits. */
    @Override
    public boolean put(Object item, boolean timed) {
        point("put to");
        return offerNow(item);
    }

    @Override
    public Object take(boolean timed) throws InterruptedException {
        if (!queue.isEmpty()) {
            point("take from");
            if (!queue.isEmpty()) {
                return removeHead();
            }
        }
        Offer mine = new Offer(null);
        if (!mine.await(state, consumers, queue, () -> !queue.isEmpty(), "an element of", "it is empty", timed)) {
            return null;
        }
        // Matched by a producer, or an item came into the real queue past the model (addAll, code out of scope).
        return mine.matched ? mine.reply : removeHead();
    }

    @Override
    public boolean offerNow(Object item) {
        if (!tryTransfer(item)) {
            queue.offer(item);
        }
        return true;
    }

    @Override
    public Object pollNow() {
        return queue.isEmpty() ? null : removeHead();
    }

    /** {@code queue.tryTransfer(item)}: hands it to a waiting consumer, if there is one; the caller made the point. */
    boolean tryTransfer(Object item) {
        return Offer.serveFirst(consumers, item);
    }

    /**
     * {@code queue.transfer(item)} and, if {@code timed}, {@code tryTransfer(item, timeout)} with a positive timeout.
     *
     * @return whether a consumer received the item (otherwise the wait timed out and the item is out of the queue)
     */
    boolean transfer(Object item, boolean timed) throws InterruptedException {
        point("transfer to");
        if (tryTransfer(item)) {
            return true;
        }
        Pending mine = new Pending(item, queue.size());
        queue.offer(item);
        pending.add(mine);
        boolean received = false;
        try {
            received = state.block("a consumer of", queue, () -> mine.received || !containsItself(mine),
                    () -> "nobody took " + item + " yet", true, timed);
            return received;
        } finally {
            pending.remove(mine);
            if (!received) {
                withdraw(mine);
            }
        }
    }

    /** {@code hasWaitingConsumer()} and {@code getWaitingConsumerCount()}: the consumers waiting in the model. */
    int waitingConsumers() {
        return consumers.size();
    }

    /** Takes the head of the real queue; the transfer whose item it is (if any) is done. */
    private Object removeHead() {
        Object head = queue.poll();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (p.ahead == 0) {
                p.received = true;
                it.remove();
            } else {
                p.ahead--;
            }
        }
        return head;
    }

    /** Whether {@code p}'s item (this very object) is still in the queue. */
    private boolean containsItself(Pending p) {
        for (Object o : queue) {
            if (o == p.item) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes a timed-out or interrupted transfer's item back out of the queue: the same object at its own place, or,
     * had the count gone stale (items taken past the model), its last copy in front of that place.
     */
    private void withdraw(Pending p) {
        int target = -1;
        int index = 0;
        for (Object o : queue) {
            if (o == p.item && target < p.ahead) {
                target = index;
            }
            index++;
        }
        Iterator<Object> it = queue.iterator();
        for (int i = 0; target >= 0 && i <= target; i++) {
            it.next();
        }
        if (target >= 0) {
            it.remove();
        }
        for (Pending later : pending) {
            if (later.ahead > p.ahead) {
                later.ahead--;
            }
        }
    }

    private void point(String what) {
        QueueModels.point(state, what, queue);
    }
}
