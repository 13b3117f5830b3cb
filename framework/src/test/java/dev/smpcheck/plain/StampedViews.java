package dev.smpcheck.plain;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** Plain-Java programs that use a {@code StampedLock} through its {@code Lock} views. */
public final class StampedViews {
    private StampedViews() {}

    static final class Counter {
        int value;
        boolean writing;
    }

    /** A lock made in a class initialiser, with its write view: the initialiser must record the view too. */
    static final class Static {
        static final StampedLock LOCK = new StampedLock();
        static final Lock WRITE = LOCK.asWriteLock();
        static int value;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void incrementUnder(Lock lock, Counter c) {
        lock.lock();
        try {
            c.value++;
        } finally {
            lock.unlock();
        }
    }

    /** Broken: the increment is a write, but both threads take the read view, which does not exclude the other. */
    public static void incrementUnderReadView() throws InterruptedException {
        StampedLock lock = new StampedLock();
        Counter c = new Counter();
        Semantics.startAndJoin(new Thread(() -> incrementUnder(lock.asReadLock(), c)),
                new Thread(() -> incrementUnder(lock.asReadLock(), c)));
        check(c.value == 2, "lost an update: " + c.value);
    }

    /** The correct twin: the write view. */
    public static void incrementUnderWriteView() throws InterruptedException {
        StampedLock lock = new StampedLock();
        Counter c = new Counter();
        Semantics.startAndJoin(new Thread(() -> incrementUnder(lock.asWriteLock(), c)),
                new Thread(() -> incrementUnder(lock.asWriteLock(), c)));
        check(c.value == 2, "lost an update: " + c.value);
    }

    /**
     * The views share the lock's state: a writer through {@code asReadWriteLock().writeLock()} and one through a
     * write stamp exclude each other, and a reader through the read view sees neither half-way.
     */
    public static void viewsAndStampsExcludeEachOther() throws InterruptedException {
        StampedLock lock = new StampedLock();
        ReadWriteLock rw = lock.asReadWriteLock();
        Counter c = new Counter();
        Thread viewWriter = new Thread(() -> {
            Lock w = rw.writeLock();
            w.lock();
            c.writing = true;
            c.value++;
            c.writing = false;
            w.unlock();
        });
        Thread stampWriter = new Thread(() -> {
            long stamp = lock.writeLock();
            check(!c.writing, "two writers at once");
            c.value++;
            lock.unlockWrite(stamp);
        });
        viewWriter.start();
        Lock r = rw.readLock();
        r.lock();
        check(!c.writing, "read while a writer wrote");
        r.unlock();
        Semantics.startAndJoin(stampWriter, new Thread(() -> { }));
        viewWriter.join();
        check(c.value == 2, "lost an update: " + c.value);
    }

    /** Two threads increment a static counter under the write view of a lock made in a class initialiser. */
    public static void staticWriteView() throws InterruptedException {
        Static.value = 0;
        Runnable inc = () -> {
            Static.WRITE.lock();
            Static.value++;
            Static.WRITE.unlock();
        };
        Semantics.startAndJoin(new Thread(inc), new Thread(inc));
        check(Static.value == 2, "lost an update: " + Static.value);
    }

    /** The write view is not reentrant, as the JDK's: taking it twice waits for ever. */
    public static void writeViewTwice() {
        Lock w = new StampedLock().asWriteLock();
        w.lock();
        w.lock();
    }

    /** What the JDK's views do, one thread at a time. */
    public static void viewsFollowTheJdk() throws InterruptedException {
        StampedLock lock = new StampedLock();
        Lock r = lock.asReadLock();
        Lock w = lock.asWriteLock();
        check(lock.asReadWriteLock().readLock() == r, "the read-write view's read side is the read view");
        long optimistic = lock.tryOptimisticRead();
        check(r.tryLock() && r.tryLock() && lock.getReadLockCount() == 2, "read holds add up");
        check(!w.tryLock() && !w.tryLock(1, TimeUnit.SECONDS), "a writer waits for the readers (and times out)");
        r.unlock();
        r.unlock();
        check(w.tryLock() && lock.isWriteLocked() && !lock.validate(optimistic), "the write view takes the lock");
        check(lock.tryReadLock() == 0 && !r.tryLock(), "a write lock excludes readers");
        w.unlock();
        try {
            r.unlock();
            check(false, "unlocked a read view nobody held");
        } catch (IllegalMonitorStateException expected) {
            check(!lock.isReadLocked(), "nothing is held");
        }
        try {
            w.newCondition();
            check(false, "a view made a condition");
        } catch (UnsupportedOperationException expected) {
            // As the JDK's.
        }
        Thread.currentThread().interrupt();
        try {
            w.lockInterruptibly();
            check(false, "lockInterruptibly ignored the interrupt");
        } catch (InterruptedException expected) {
            check(!Thread.currentThread().isInterrupted() && !lock.isWriteLocked(), "the exception cleared the flag");
        }
    }

    /** An interrupt ends a wait in {@code lockInterruptibly} on a write view another thread holds. */
    public static void interruptEndsAViewWait() throws InterruptedException {
        StampedLock lock = new StampedLock();
        Counter c = new Counter();
        long stamp = lock.writeLock();
        Thread waiter = new Thread(() -> {
            try {
                lock.asWriteLock().lockInterruptibly();
                c.value = 1;
            } catch (InterruptedException e) {
                c.value = -1;
            }
        });
        waiter.start();
        waiter.interrupt();
        waiter.join();
        check(c.value == -1, "the waiter took a held write lock");
        lock.unlockWrite(stamp);
    }
}
