package dev.smpcheck.instrument;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code CountDownLatch}, {@code Semaphore} and the JDK's buffering {@code BlockingQueue}s under control (a
 * {@code SynchronousQueue}, which buffers nothing, is left to {@link HandOffs}). The real objects keep their state, since their
 * non-blocking methods ({@code countDown}, {@code tryAcquire}, {@code release}, {@code offer}, {@code poll}) are atomic JDK calls that only the
 * running thread makes; only waiting moves into the model ({@link JvmState#block}). So the objects stay consistent
 * for code outside control, such as an after-all check reading a latch's count.
 */
final class Synchronizers {
    private Synchronizers() {}

    static void countDown(JvmState s, CountDownLatch latch, int site) {
        s.point(site, s.label(latch));
        latch.countDown();
    }

    /** {@code latch.await()} and, if {@code timed}, {@code await(timeout)}: {@code false} when it timed out. */
    static boolean await(JvmState s, CountDownLatch latch, boolean timed) throws InterruptedException {
        return s.block("count down of", latch, () -> latch.getCount() == 0, () -> "count is " + latch.getCount(),
                true, timed);
    }

    /**
     * {@code semaphore.acquire(permits)}, its uninterruptible and timed forms.
     *
     * @return whether the permits were taken (otherwise the wait timed out)
     */
    static boolean acquire(JvmState s, Semaphore semaphore, int permits, boolean interruptible, boolean timed)
            throws InterruptedException {
        if (permits < 0) {
            throw new IllegalArgumentException("negative number of permits: " + permits);
        }
        boolean ready = s.block("permits of", semaphore, () -> semaphore.availablePermits() >= permits,
                () -> semaphore.availablePermits() + " of " + permits + " permit(s) free", interruptible, timed);
        // Only this thread runs, and the permits are there: the real, non-blocking acquisition cannot fail.
        return ready && semaphore.tryAcquire(permits);
    }

    /** {@code semaphore.tryAcquire(permits)}: a schedule point, then the real, non-blocking attempt. */
    static boolean tryAcquire(JvmState s, Semaphore semaphore, int permits, int site) {
        s.point(site, s.label(semaphore));
        return semaphore.tryAcquire(permits);
    }

    static void release(JvmState s, Semaphore semaphore, int permits, int site) {
        s.point(site, s.label(semaphore));
        semaphore.release(permits);
    }

    /**
     * @return whether the model takes over the blocking methods of this queue: one of the JDK's buffering queues, or a
     *     {@code SynchronousQueue} ({@link HandOffs}). The JDK's other hand-off queues ({@code LinkedTransferQueue},
     *     {@code DelayQueue}) are not modelled yet and fail loudly; a user's own queue is instrumented code and runs
     *     as is
     */
    static boolean modelled(BlockingQueue<?> queue) {
        String type = queue.getClass().getName();
        if (!InstrumentScope.isJdk(type)) {
            return false;
        }
        if (queue instanceof LinkedBlockingQueue || queue instanceof ArrayBlockingQueue
                || queue instanceof LinkedBlockingDeque || queue instanceof PriorityBlockingQueue
                || queue instanceof SynchronousQueue) {
            return true;
        }
        throw new UnsupportedOperationException("smpcheck does not model " + type + " yet: a controlled thread that "
                + "blocked in it would block the JVM thread; see docs/instrumentation.md for what is supported");
    }

    /** {@code queue.put(e)} and, if {@code timed}, {@code offer(e, timeout)}: {@code false} when it timed out. */
    static <E> boolean put(JvmState s, BlockingQueue<E> queue, E e, boolean timed) throws InterruptedException {
        HandOffs handOffs = BlockingHooks.handOffs(s, queue);
        if (handOffs != null) {
            return handOffs.put(e, timed);
        }
        if (e == null) {
            throw new NullPointerException();
        }
        boolean ready = s.block("room in", queue, () -> queue.remainingCapacity() > 0, () -> "it is full", true,
                timed);
        return ready && queue.offer(e);
    }

    /** {@code queue.take()} and, if {@code timed}, {@code poll(timeout)}: {@code null} when it timed out. */
    @SuppressWarnings("unchecked")
    static <E> E take(JvmState s, BlockingQueue<E> queue, boolean timed) throws InterruptedException {
        HandOffs handOffs = BlockingHooks.handOffs(s, queue);
        if (handOffs != null) {
            return (E) handOffs.take(timed);
        }
        boolean ready = s.block("an element of", queue, () -> !queue.isEmpty(), () -> "it is empty", true, timed);
        return ready ? queue.poll() : null;
    }
}
