package dev.smpcheck.instrument;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * {@code CountDownLatch} and {@code Semaphore} under control (blocking queues have {@link QueueModels}). The real
 * objects keep their state, since their non-blocking methods ({@code countDown}, {@code tryAcquire}, {@code release})
 * are atomic JDK calls that only the running thread makes; only waiting moves into the model ({@link JvmState#block}).
 * So the objects stay consistent for code outside control, such as an after-all check reading a latch's count.
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
}
