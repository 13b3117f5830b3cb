package dev.smpcheck.instrument;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;
import dev.smpcheck.instrument.BufferedQueue.End;
import org.apiguardian.api.API;

/**
 * The static methods that instrumented code calls in place of the methods of a {@code BlockingQueue},
 * {@code BlockingDeque} or {@code TransferQueue} that wait or hand items over ({@link QueueRewrites}); as with
 * {@link Hooks}, each takes its site last and does exactly what the call does outside a schedule.
 *
 * <p>Under control, the JDK's queues are answered by the schedule's model of them ({@link QueueModels}): a thread that
 * has to wait, for an item, for room or for a consumer, waits in the model, so it is not enabled and a deadlock
 * through a queue is reported with who waits for what. A timed wait times out only when no other thread can run; a
 * timeout of zero or less never waits. A queue class outside the JDK runs as is.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class QueueHooks {
    private QueueHooks() {}

    /** @return the queue's model under control, else {@code null} */
    private static QueueModel model(BlockingQueue<?> queue, int site) {
        JvmState s = JvmState.at(site);
        return s == null ? null : QueueModels.of(s, queue);
    }

    /** A schedule point before a call that does not wait; only called under control. */
    private static void point(BlockingQueue<?> queue, int site) {
        JvmState s = JvmState.at(site);
        s.point(site, s.label(queue));
    }

    @SuppressWarnings("unchecked")
    private static <E> E cast(Object item) {
        return (E) item;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // BlockingQueue.

    /** {@code queue.put(e)}. */
    public static <E> void put(BlockingQueue<E> queue, E e, int site) throws InterruptedException {
        QueueModel m = model(queue, site);
        if (m == null) {
            queue.put(e);
        } else {
            m.put(e, false);
        }
    }

    /** {@code queue.offer(e, timeout, unit)}. */
    public static <E> boolean offer(BlockingQueue<E> queue, E e, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        QueueModel m = model(queue, site);
        if (m == null) {
            return queue.offer(e, timeout, unit);
        }
        if (timeout > 0) {
            return m.put(e, true);
        }
        point(queue, site);
        return m.offerNow(e);
    }

    /** {@code queue.take()}. */
    public static <E> E take(BlockingQueue<E> queue, int site) throws InterruptedException {
        QueueModel m = model(queue, site);
        return m == null ? queue.take() : cast(m.take(false));
    }

    /** {@code queue.poll(timeout, unit)}. */
    public static <E> E poll(BlockingQueue<E> queue, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        QueueModel m = model(queue, site);
        if (m == null) {
            return queue.poll(timeout, unit);
        }
        if (timeout > 0) {
            return cast(m.take(true));
        }
        point(queue, site);
        return cast(m.pollNow());
    }

    /** {@code queue.offer(e)}. */
    public static <E> boolean offer(BlockingQueue<E> queue, E e, int site) {
        QueueModel m = model(queue, site);
        if (m == null) {
            return queue.offer(e);
        }
        point(queue, site);
        return m.offerNow(e);
    }

    /** {@code queue.add(e)}. */
    public static <E> boolean add(BlockingQueue<E> queue, E e, int site) {
        QueueModel m = model(queue, site);
        if (m == null) {
            return queue.add(e);
        }
        point(queue, site);
        return m.addNow(e);
    }

    /** {@code queue.poll()}. */
    public static <E> E poll(BlockingQueue<E> queue, int site) {
        QueueModel m = model(queue, site);
        if (m == null) {
            return queue.poll();
        }
        point(queue, site);
        return cast(m.pollNow());
    }

    /** Before a call on a {@code DelayQueue} that the model would have to answer: under control, why it cannot. */
    public static void delayQueue(int site) {
        if (JvmState.at(site) != null) {
            throw QueueModels.delayQueue();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // BlockingDeque: the JDK's only one, LinkedBlockingDeque, is a buffering queue.

    /** @return the deque's model under control, else {@code null} */
    private static BufferedQueue buffered(BlockingDeque<?> deque, int site) {
        return (BufferedQueue) model(deque, site);
    }

    /** {@code deque.putFirst(e)}. */
    public static <E> void putFirst(BlockingDeque<E> deque, E e, int site) throws InterruptedException {
        put(deque, e, site, End.FIRST);
    }

    /** {@code deque.putLast(e)}. */
    public static <E> void putLast(BlockingDeque<E> deque, E e, int site) throws InterruptedException {
        put(deque, e, site, End.LAST);
    }

    /** {@code deque.offerFirst(e, timeout, unit)}. */
    public static <E> boolean offerFirst(BlockingDeque<E> deque, E e, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        return offer(deque, e, timeout, unit, site, End.FIRST);
    }

    /** {@code deque.offerLast(e, timeout, unit)}. */
    public static <E> boolean offerLast(BlockingDeque<E> deque, E e, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        return offer(deque, e, timeout, unit, site, End.LAST);
    }

    /** {@code deque.takeFirst()}. */
    public static <E> E takeFirst(BlockingDeque<E> deque, int site) throws InterruptedException {
        return take(deque, site, End.FIRST);
    }

    /** {@code deque.takeLast()}. */
    public static <E> E takeLast(BlockingDeque<E> deque, int site) throws InterruptedException {
        return take(deque, site, End.LAST);
    }

    /** {@code deque.pollFirst(timeout, unit)}. */
    public static <E> E pollFirst(BlockingDeque<E> deque, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        return poll(deque, timeout, unit, site, End.FIRST);
    }

    /** {@code deque.pollLast(timeout, unit)}. */
    public static <E> E pollLast(BlockingDeque<E> deque, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        return poll(deque, timeout, unit, site, End.LAST);
    }

    private static <E> void put(BlockingDeque<E> deque, E e, int site, End end) throws InterruptedException {
        BufferedQueue m = buffered(deque, site);
        if (m != null) {
            m.put(e, false, end);
        } else if (end == End.FIRST) {
            deque.putFirst(e);
        } else {
            deque.putLast(e);
        }
    }

    private static <E> boolean offer(BlockingDeque<E> deque, E e, long timeout, TimeUnit unit, int site, End end)
            throws InterruptedException {
        BufferedQueue m = buffered(deque, site);
        if (m == null) {
            return end == End.FIRST ? deque.offerFirst(e, timeout, unit) : deque.offerLast(e, timeout, unit);
        }
        if (timeout > 0) {
            return m.put(e, true, end);
        }
        point(deque, site);
        return end == End.FIRST ? deque.offerFirst(e) : deque.offerLast(e);
    }

    private static <E> E take(BlockingDeque<E> deque, int site, End end) throws InterruptedException {
        BufferedQueue m = buffered(deque, site);
        if (m == null) {
            return end == End.FIRST ? deque.takeFirst() : deque.takeLast();
        }
        return cast(m.take(false, end));
    }

    private static <E> E poll(BlockingDeque<E> deque, long timeout, TimeUnit unit, int site, End end)
            throws InterruptedException {
        BufferedQueue m = buffered(deque, site);
        if (m == null) {
            return end == End.FIRST ? deque.pollFirst(timeout, unit) : deque.pollLast(timeout, unit);
        }
        if (timeout > 0) {
            return cast(m.take(true, end));
        }
        point(deque, site);
        return end == End.FIRST ? deque.pollFirst() : deque.pollLast();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // TransferQueue: the JDK's only one is LinkedTransferQueue.

    /** @return the queue's model under control, else {@code null} */
    private static Transfers transfers(TransferQueue<?> queue, int site) {
        return (Transfers) model(queue, site);
    }

    /** {@code queue.transfer(e)}. */
    public static <E> void transfer(TransferQueue<E> queue, E e, int site) throws InterruptedException {
        Transfers m = transfers(queue, site);
        if (m == null) {
            queue.transfer(e);
        } else {
            m.transfer(e, false);
        }
    }

    /** {@code queue.tryTransfer(e)}. */
    public static <E> boolean tryTransfer(TransferQueue<E> queue, E e, int site) {
        Transfers m = transfers(queue, site);
        if (m == null) {
            return queue.tryTransfer(e);
        }
        point(queue, site);
        return m.tryTransfer(e);
    }

    /** {@code queue.tryTransfer(e, timeout, unit)}. */
    public static <E> boolean tryTransfer(TransferQueue<E> queue, E e, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        Transfers m = transfers(queue, site);
        if (m == null) {
            return queue.tryTransfer(e, timeout, unit);
        }
        if (timeout > 0) {
            return m.transfer(e, true);
        }
        point(queue, site);
        if (m.tryTransfer(e)) {
            return true;
        }
        // As the JDK: a transfer nobody took at once reports an interrupt that was pending.
        JvmState.at(site).threads.current().throwIfInterrupted();
        return false;
    }

    /** {@code queue.hasWaitingConsumer()}. */
    public static boolean hasWaitingConsumer(TransferQueue<?> queue, int site) {
        Transfers m = transfers(queue, site);
        if (m == null) {
            return queue.hasWaitingConsumer();
        }
        point(queue, site);
        return m.waitingConsumers() > 0;
    }

    /** {@code queue.getWaitingConsumerCount()}. */
    public static int getWaitingConsumerCount(TransferQueue<?> queue, int site) {
        Transfers m = transfers(queue, site);
        if (m == null) {
            return queue.getWaitingConsumerCount();
        }
        point(queue, site);
        return m.waitingConsumers();
    }
}
