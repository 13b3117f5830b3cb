package dev.smpcheck.plain;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.StampedLock;

/** Plain-Java programs that pin down how the model treats StampedLock, barriers, phasers and hand-offs. */
public final class Primitives {
    private Primitives() {}

    static final class Box {
        int value;
        boolean writing;
        Object got;
        boolean broken;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    private static void startAndJoin(Runnable a, Runnable b) throws InterruptedException {
        Semantics.startAndJoin(new Thread(a), new Thread(b));
    }

    /** Stamps behave as the JDK's: validation, conversions, the static stamp tests and bad unlocks. */
    public static void stampsFollowTheJdk() {
        StampedLock lock = new StampedLock();
        long optimistic = lock.tryOptimisticRead();
        check(optimistic != 0 && lock.validate(optimistic) && StampedLock.isOptimisticReadStamp(optimistic),
                "an optimistic stamp on a free lock is valid");
        long write = lock.writeLock();
        check(StampedLock.isWriteLockStamp(write) && lock.isWriteLocked(), "a write stamp");
        check(!lock.validate(optimistic) && lock.tryOptimisticRead() == 0 && lock.tryReadLock() == 0,
                "a write lock invalidates optimistic stamps and excludes readers");
        long read = lock.tryConvertToReadLock(write);
        check(StampedLock.isReadLockStamp(read) && lock.getReadLockCount() == 1 && !lock.isWriteLocked(),
                "a write lock downgrades to a read lock");
        long upgraded = lock.tryConvertToWriteLock(read);
        check(upgraded != 0 && lock.isWriteLocked() && lock.getReadLockCount() == 0, "the only reader upgrades");
        long after = lock.tryConvertToOptimisticRead(upgraded);
        check(after != 0 && lock.validate(after) && !lock.isWriteLocked(), "a write lock converts to optimistic");
        try {
            lock.unlockRead(after);
            check(false, "unlockRead with an optimistic stamp");
        } catch (IllegalMonitorStateException expected) {
            check(!lock.tryUnlockRead() && !lock.tryUnlockWrite(), "nothing is held");
        }
    }

    /** A write lock is not reentrant: taking it twice waits for ever. */
    public static void writeLockTwice() {
        StampedLock lock = new StampedLock();
        lock.writeLock();
        lock.writeLock();
    }

    /** Two readers may hold the read lock together; the writer excludes both. */
    public static void readersAndAWriter() throws InterruptedException {
        StampedLock lock = new StampedLock();
        Box box = new Box();
        Runnable reader = () -> {
            long stamp = lock.readLock();
            check(!box.writing, "read while a writer wrote");
            lock.unlockRead(stamp);
        };
        Thread writer = new Thread(() -> {
            long stamp = lock.writeLock();
            box.writing = true;
            box.value++;
            box.writing = false;
            lock.unlock(stamp);
        });
        writer.start();
        startAndJoin(reader, reader);
        writer.join();
    }

    private static void arriveTwice(Phaser phaser, Box mine, Box other) {
        mine.value = 1;
        phaser.arriveAndAwaitAdvance();
        check(other.value == 1, "passed phase 0 before the other party arrived");
        int phase = phaser.arriveAndAwaitAdvance();
        check(phase == 2, "arrived at phase " + phase);
    }

    /** Two parties pass two phases together: after an advance, each sees what the other wrote before it. */
    public static void phasesAdvanceTogether() throws InterruptedException {
        Phaser phaser = new Phaser(2);
        Box a = new Box();
        Box b = new Box();
        startAndJoin(() -> arriveTwice(phaser, a, b), () -> arriveTwice(phaser, b, a));
    }

    /** A registered party that never arrives: the others wait for ever. */
    public static void phaserPartyMissing() {
        Phaser phaser = new Phaser(2);
        phaser.arriveAndAwaitAdvance();
    }

    /** A barrier trips once per round; an interrupted waiter breaks it for the other. */
    public static void barrierBreaksOnInterrupt() throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(2);
        Box box = new Box();
        Thread waiter = new Thread(() -> {
            try {
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                box.broken = true;
            }
        });
        waiter.start();
        waiter.interrupt();
        waiter.join();
        check(box.broken, "the interrupt did not end the wait");
        try {
            barrier.await(1, TimeUnit.SECONDS);
            check(false, "a broken barrier let a party through");
        } catch (BrokenBarrierException | TimeoutException expected) {
            barrier.reset();
            check(!barrier.isBroken() && barrier.getNumberWaiting() == 0, "reset starts a fresh round");
        }
    }

    /** Two threads swap their items. */
    public static void exchangeSwaps() throws InterruptedException {
        Exchanger<String> exchanger = new Exchanger<>();
        Box a = new Box();
        Box b = new Box();
        startAndJoin(() -> a.got = swap(exchanger, "a"), () -> b.got = swap(exchanger, "b"));
        check("b".equals(a.got) && "a".equals(b.got), "got " + a.got + " and " + b.got);
    }

    private static String swap(Exchanger<String> exchanger, String item) {
        try {
            return exchanger.exchange(item);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** With no partner, a timed exchange times out. */
    public static void exchangeWithoutPartnerTimesOut() throws InterruptedException {
        try {
            new Exchanger<String>().exchange("alone", 1, TimeUnit.SECONDS);
            check(false, "exchanged with nobody");
        } catch (TimeoutException expected) {
            // As documented.
        }
    }

    /** A synchronous queue hands items over one at a time, in order; offer succeeds only to a waiting consumer. */
    public static void synchronousHandOff() throws InterruptedException {
        SynchronousQueue<Integer> queue = new SynchronousQueue<>();
        Box box = new Box();
        startAndJoin(() -> {
            try {
                queue.put(1);
                queue.put(2);
                box.writing = queue.offer(3);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, () -> {
            try {
                check(queue.take() == 1 && queue.take() == 2, "out of order");
                box.got = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        check(box.writing == (box.got != null), "offer said " + box.writing + " but the consumer got " + box.got);
    }
}
