package dev.smpcheck.instrument;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.apiguardian.api.API;

/**
 * The static methods that instrumented code calls in place of {@code StampedLock}, {@code CyclicBarrier},
 * {@code Phaser} and {@code Exchanger} methods ({@link JucRewrites}); as with {@link Hooks}, each takes its site last
 * and does exactly what the call does outside a schedule. Blocking queues have {@link QueueHooks}.
 *
 * <p>Under control a {@code StampedLock}, a {@code CyclicBarrier} and an {@code Exchanger} are replaced by the
 * schedule's model of them ({@link StampedModel}, {@link BarrierModel}, {@link HandOffs}). A {@code Phaser} keeps its
 * real state, since its non-blocking methods are atomic JDK calls; only waiting for an advance moves into the model.
 * Timed waits time out only when no other thread can run.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BlockingHooks {
    private BlockingHooks() {}

    /** A wait that an interrupt does not end. */
    @FunctionalInterface
    private interface Wait {
        long run() throws InterruptedException;
    }

    private static long uninterruptibly(Wait wait) {
        try {
            return wait.run();
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // StampedLock.

    private static StampedModel stamped(StampedLock lock, int site) {
        JvmState s = JvmState.at(site);
        return s == null ? null : s.model(lock, StampedModel.class, l -> new StampedModel(l, s));
    }

    /** {@code lock.writeLock()}. */
    public static long writeLock(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.writeLock() : uninterruptibly(() -> m.writeLock(false, false));
    }

    /** {@code lock.writeLockInterruptibly()}. */
    public static long writeLockInterruptibly(StampedLock lock, int site) throws InterruptedException {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.writeLockInterruptibly() : m.writeLock(true, false);
    }

    /** {@code lock.tryWriteLock()}. */
    public static long tryWriteLock(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryWriteLock() : m.tryWriteLock(site);
    }

    /** {@code lock.tryWriteLock(time, unit)}. */
    public static long tryWriteLock(StampedLock lock, long time, TimeUnit unit, int site)
            throws InterruptedException {
        StampedModel m = stamped(lock, site);
        if (m == null) {
            return lock.tryWriteLock(time, unit);
        }
        if (time <= 0) {
            JvmState.at(site).threads.current().throwIfInterrupted();
            return m.tryWriteLock(site);
        }
        return m.writeLock(true, true);
    }

    /** {@code lock.readLock()}. */
    public static long readLock(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.readLock() : uninterruptibly(() -> m.readLock(false, false));
    }

    /** {@code lock.readLockInterruptibly()}. */
    public static long readLockInterruptibly(StampedLock lock, int site) throws InterruptedException {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.readLockInterruptibly() : m.readLock(true, false);
    }

    /** {@code lock.tryReadLock()}. */
    public static long tryReadLock(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryReadLock() : m.tryReadLock(site);
    }

    /** {@code lock.tryReadLock(time, unit)}. */
    public static long tryReadLock(StampedLock lock, long time, TimeUnit unit, int site)
            throws InterruptedException {
        StampedModel m = stamped(lock, site);
        if (m == null) {
            return lock.tryReadLock(time, unit);
        }
        if (time <= 0) {
            JvmState.at(site).threads.current().throwIfInterrupted();
            return m.tryReadLock(site);
        }
        return m.readLock(true, true);
    }

    /** {@code lock.tryOptimisticRead()}. */
    public static long tryOptimisticRead(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryOptimisticRead() : m.tryOptimisticRead(site);
    }

    /** {@code lock.validate(stamp)}. */
    public static boolean validate(StampedLock lock, long stamp, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.validate(stamp) : m.validate(stamp, site);
    }

    /** {@code lock.unlockWrite(stamp)}. */
    public static void unlockWrite(StampedLock lock, long stamp, int site) {
        StampedModel m = stamped(lock, site);
        if (m == null) {
            lock.unlockWrite(stamp);
        } else {
            m.unlockWrite(stamp);
        }
    }

    /** {@code lock.unlockRead(stamp)}. */
    public static void unlockRead(StampedLock lock, long stamp, int site) {
        StampedModel m = stamped(lock, site);
        if (m == null) {
            lock.unlockRead(stamp);
        } else {
            m.unlockRead(stamp);
        }
    }

    /** {@code lock.unlock(stamp)}. */
    public static void unlock(StampedLock lock, long stamp, int site) {
        StampedModel m = stamped(lock, site);
        if (m == null) {
            lock.unlock(stamp);
        } else {
            m.unlock(stamp);
        }
    }

    /** {@code lock.tryConvertToWriteLock(stamp)}. */
    public static long tryConvertToWriteLock(StampedLock lock, long stamp, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryConvertToWriteLock(stamp) : m.tryConvertToWriteLock(stamp, site);
    }

    /** {@code lock.tryConvertToReadLock(stamp)}. */
    public static long tryConvertToReadLock(StampedLock lock, long stamp, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryConvertToReadLock(stamp) : m.tryConvertToReadLock(stamp, site);
    }

    /** {@code lock.tryConvertToOptimisticRead(stamp)}. */
    public static long tryConvertToOptimisticRead(StampedLock lock, long stamp, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryConvertToOptimisticRead(stamp) : m.tryConvertToOptimisticRead(stamp, site);
    }

    /** {@code lock.tryUnlockWrite()}. */
    public static boolean tryUnlockWrite(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryUnlockWrite() : m.tryUnlockWrite();
    }

    /** {@code lock.tryUnlockRead()}. */
    public static boolean tryUnlockRead(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.tryUnlockRead() : m.tryUnlockRead();
    }

    /** {@code lock.isWriteLocked()}. */
    public static boolean isWriteLocked(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.isWriteLocked() : m.isWriteLocked();
    }

    /** {@code lock.isReadLocked()}. */
    public static boolean isReadLocked(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.isReadLocked() : m.readLockCount() > 0;
    }

    /**
     * After {@code lock.asReadLock()} or {@code asWriteLock()}, in any instrumented method ({@link HandleRecords}):
     * remembers the view's lock, so that under control the view's {@code Lock} methods work on the lock's model.
     *
     * @return {@code view}
     */
    public static Lock view(StampedLock lock, Lock view) {
        return Locks.view(lock, view);
    }

    /** After {@code lock.asReadWriteLock()}: as {@link #view(StampedLock, Lock)}, for the view's two sides. */
    public static ReadWriteLock view(StampedLock lock, ReadWriteLock view) {
        return Locks.view(lock, view);
    }

    /** {@code lock.getReadLockCount()}. */
    public static int getReadLockCount(StampedLock lock, int site) {
        StampedModel m = stamped(lock, site);
        return m == null ? lock.getReadLockCount() : m.readLockCount();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CyclicBarrier.

    /**
     * @return the barrier's model under control, else {@code null}
     * @throws UnsupportedOperationException under control, for a barrier that instrumented code did not create: the
     *     model does not know its action, and a thread waiting in it would block the JVM thread
     */
    private static BarrierModel barrier(CyclicBarrier barrier, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return null;
        }
        if (!(barrier instanceof ControlledBarrier b)) {
            throw new UnsupportedOperationException("smpcheck models a CyclicBarrier only when instrumented code "
                    + "created it, and this " + barrier.getClass().getName() + " was created by code the agent does "
                    + "not instrument; a controlled thread waiting in it would block the JVM thread. See "
                    + "docs/instrumentation.md");
        }
        return s.model(b, BarrierModel.class, k -> new BarrierModel(b, s));
    }

    /** {@code barrier.await()}. */
    public static int await(CyclicBarrier barrier, int site) throws InterruptedException, BrokenBarrierException {
        BarrierModel m = barrier(barrier, site);
        if (m == null) {
            return barrier.await();
        }
        try {
            return m.await(site, false);
        } catch (TimeoutException e) {
            throw new AssertionError("an untimed wait timed out", e);
        }
    }

    /** {@code barrier.await(timeout, unit)}. */
    public static int await(CyclicBarrier barrier, long timeout, TimeUnit unit, int site)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        BarrierModel m = barrier(barrier, site);
        return m == null ? barrier.await(timeout, unit) : m.await(site, true);
    }

    /** {@code barrier.reset()}. */
    public static void reset(CyclicBarrier barrier, int site) {
        BarrierModel m = barrier(barrier, site);
        if (m == null) {
            barrier.reset();
        } else {
            m.reset(site);
        }
    }

    /** {@code barrier.isBroken()}. */
    public static boolean isBroken(CyclicBarrier barrier, int site) {
        BarrierModel m = barrier(barrier, site);
        return m == null ? barrier.isBroken() : m.isBroken();
    }

    /** {@code barrier.getNumberWaiting()}. */
    public static int getNumberWaiting(CyclicBarrier barrier, int site) {
        BarrierModel m = barrier(barrier, site);
        return m == null ? barrier.getNumberWaiting() : m.waiting();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Phaser: the real phaser counts arrivals and advances; waiting for an advance is modelled.

    /** {@code phaser.arriveAndAwaitAdvance()}: as {@code awaitAdvance(arrive())}. */
    public static int arriveAndAwaitAdvance(Phaser phaser, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return phaser.arriveAndAwaitAdvance();
        }
        s.point(site, s.label(phaser));
        int phase = phaser.arrive();
        return phase < 0 ? phase : (int) uninterruptibly(() -> advance(s, phaser, phase, false, false));
    }

    /** {@code phaser.awaitAdvance(phase)}. */
    public static int awaitAdvance(Phaser phaser, int phase, int site) {
        JvmState s = JvmState.at(site);
        if (s == null || phase < 0) {
            return phaser.awaitAdvance(phase);
        }
        return (int) uninterruptibly(() -> advance(s, phaser, phase, false, false));
    }

    /** {@code phaser.awaitAdvanceInterruptibly(phase)}. */
    public static int awaitAdvanceInterruptibly(Phaser phaser, int phase, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        return s == null || phase < 0 ? phaser.awaitAdvanceInterruptibly(phase) : advance(s, phaser, phase, true, false);
    }

    /** {@code phaser.awaitAdvanceInterruptibly(phase, timeout, unit)}. */
    public static int awaitAdvanceInterruptibly(Phaser phaser, int phase, long timeout, TimeUnit unit, int site)
            throws InterruptedException, TimeoutException {
        JvmState s = JvmState.at(site);
        if (s == null || phase < 0) {
            return phaser.awaitAdvanceInterruptibly(phase, timeout, unit);
        }
        int now = advance(s, phaser, phase, true, true);
        if (now == phase) {
            throw new TimeoutException();
        }
        return now;
    }

    /** Waits until the phaser leaves {@code phase}; returns its phase then (negative when it terminated). */
    private static int advance(JvmState s, Phaser phaser, int phase, boolean interruptible, boolean timed)
            throws InterruptedException {
        s.block("advance of", phaser, () -> phaser.getPhase() != phase,
                () -> "phase " + phase + ", " + phaser.getUnarrivedParties() + " part(ies) still to arrive",
                interruptible, timed);
        return phaser.getPhase();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Exchanger.

    private static HandOffs handOffs(JvmState s, Object on) {
        return s.model(on, HandOffs.class, k -> new HandOffs(on, s));
    }

    /** {@code exchanger.exchange(item)}. */
    public static <V> V exchange(Exchanger<V> exchanger, V item, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return exchanger.exchange(item);
        }
        try {
            return cast(handOffs(s, exchanger).exchange(item, site, false));
        } catch (TimeoutException e) {
            throw new AssertionError("an untimed wait timed out", e);
        }
    }

    /** {@code exchanger.exchange(item, timeout, unit)}. */
    public static <V> V exchange(Exchanger<V> exchanger, V item, long timeout, TimeUnit unit, int site)
            throws InterruptedException, TimeoutException {
        JvmState s = JvmState.at(site);
        return s == null ? exchanger.exchange(item, timeout, unit)
                : cast(handOffs(s, exchanger).exchange(item, site, true));
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object item) {
        return (V) item;
    }
}
