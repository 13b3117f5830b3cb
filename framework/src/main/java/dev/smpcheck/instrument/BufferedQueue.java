package dev.smpcheck.instrument;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;

/**
 * One of the JDK's buffering queues under control ({@code ArrayBlockingQueue}, {@code LinkedBlockingQueue},
 * {@code LinkedBlockingDeque}, {@code PriorityBlockingQueue}). The real queue keeps the items, since its non-blocking
 * methods ({@code offer}, {@code poll}, {@code size}, ...) are atomic JDK calls that only the running thread makes;
 * only waiting, for room in a bounded queue or for an item, moves into the model ({@link JvmState#block}). So the
 * queue stays consistent for code outside control, such as an after-all check of its size.
 *
 * <p>A {@code LinkedBlockingDeque} waits the same way at either end ({@code putFirst}, {@code takeLast}, ...).
 */
final class BufferedQueue implements QueueModel {
    /** The end of a deque that a call puts to or takes from. */
    enum End {
        FIRST, LAST
    }

    private final JvmState state;
    private final BlockingQueue<Object> queue;

    @SuppressWarnings("unchecked")
    BufferedQueue(BlockingQueue<?> queue, JvmState state) {
        this.queue = (BlockingQueue<Object>) queue;
        this.state = state;
    }

    @Override
    public boolean put(Object item, boolean timed) throws InterruptedException {
        return put(item, timed, null);
    }

    @Override
    public Object take(boolean timed) throws InterruptedException {
        return take(timed, null);
    }

    @Override
    public boolean offerNow(Object item) {
        return queue.offer(item);
    }

    @Override
    public boolean addNow(Object item) {
        return queue.add(item);
    }

    @Override
    public Object pollNow() {
        return queue.poll();
    }

    /**
     * As {@link #put(Object, boolean)} at {@code end} of a deque ({@code putFirst}, timed {@code offerLast}), or at the
     * queue's tail when {@code end} is {@code null}.
     */
    boolean put(Object item, boolean timed, End end) throws InterruptedException {
        if (item == null) {
            throw new NullPointerException();
        }
        boolean ready = state.block("room in", queue, () -> queue.remainingCapacity() > 0, () -> "it is full", true,
                timed);
        // Only this thread runs and there is room: the real, non-blocking insertion cannot fail.
        return ready && (end == null ? queue.offer(item)
                : end == End.FIRST ? deque().offerFirst(item) : deque().offerLast(item));
    }

    /**
     * As {@link #take(boolean)} from {@code end} of a deque ({@code takeLast}, timed {@code pollFirst}), or from the
     * queue's head when {@code end} is {@code null}.
     */
    Object take(boolean timed, End end) throws InterruptedException {
        boolean ready = state.block("an element of", queue, () -> !queue.isEmpty(), () -> "it is empty", true, timed);
        if (!ready) {
            return null;
        }
        return end == null ? queue.poll() : end == End.FIRST ? deque().pollFirst() : deque().pollLast();
    }

    private BlockingDeque<Object> deque() {
        return (BlockingDeque<Object>) queue;
    }
}
