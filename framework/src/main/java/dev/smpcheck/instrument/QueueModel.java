package dev.smpcheck.instrument;

/**
 * How the model answers the calls of one of the JDK's blocking queues under control ({@link QueueModels} picks the
 * model for a queue). A thread that has to wait does so in the model, never inside the JDK, so it is simply not
 * enabled and a deadlock through the queue is reported with who waits for what.
 *
 * <p>The waiting calls ({@link #put}, {@link #take}) are schedule points of their own; the caller makes the point
 * before {@link #offerNow} and {@link #pollNow}.
 */
interface QueueModel {
    /**
     * {@code queue.put(item)} and, if {@code timed}, {@code offer(item, timeout)} with a positive timeout.
     *
     * @return whether the item went in (otherwise the wait timed out, which happens only when no other thread can run)
     */
    boolean put(Object item, boolean timed) throws InterruptedException;

    /** {@code queue.take()} and, if {@code timed}, {@code poll(timeout)}: the item, or {@code null} on timeout. */
    Object take(boolean timed) throws InterruptedException;

    /** {@code queue.offer(item)}: whether it went in without waiting. */
    boolean offerNow(Object item);

    /** {@code queue.add(item)}: as {@link #offerNow}, but a full queue throws, as {@code AbstractQueue.add} does. */
    default boolean addNow(Object item) {
        if (offerNow(item)) {
            return true;
        }
        throw new IllegalStateException("Queue full");
    }

    /** {@code queue.poll()}: an item that is there without waiting, or {@code null}. */
    Object pollNow();
}
