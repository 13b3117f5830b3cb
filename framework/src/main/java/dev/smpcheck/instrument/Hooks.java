package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apiguardian.api.API;

/**
 * The static methods that instrumented code calls; nothing else should. Each takes the number of the instruction's
 * site last. Outside a controlled schedule, and for classes outside the test's scope, each does exactly what the
 * instruction or call it stands for does in plain Java; under control it forwards to the schedule's models
 * ({@link JvmState}).
 *
 * <p>The replaced calls keep Java's contracts where the model can: {@link IllegalMonitorStateException} without the
 * monitor or lock, {@link InterruptedException} (clearing the flag) when interrupted, {@code sleep} and {@code join}
 * argument checks. Timed waits time out only when no other thread can run.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Hooks {
    private Hooks() {}

    // ---------------------------------------------------------------------------------------------------------------
    // Memory.

    /** Before a read of a non-final instance field. */
    public static void read(Object owner, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.read(site, owner, Sites.get(site).field());
        }
    }

    /** Before a write of a non-final instance field; {@code owner} is {@code null} in a constructor (see there). */
    public static void write(Object owner, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.write(site, owner, Sites.get(site).field());
        }
    }

    /** Before a read of a non-final static field. */
    public static void readStatic(int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.readStatic(site);
        }
    }

    /** Before a write of a non-final static field. */
    public static void writeStatic(int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.writeStatic(site);
        }
    }

    /** Before a read of an array element. */
    public static void readElement(Object array, int index, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.read(site, array, index);
        }
    }

    /** Before a write of an array element. */
    public static void writeElement(Object array, int index, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.write(site, array, index);
        }
    }

    /**
     * Before a JDK call that gets a point of its own without announcing a location: a collection's, a future's, or a
     * {@code VarHandle}'s or updater's that {@link AtomicAccesses} cannot place.
     */
    public static void call(int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.callPoint(site);
        }
    }

    /** Before a call of an atomic variable's method that only reads it, such as {@code AtomicInteger.get()}. */
    public static void atomicRead(Object atomic, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.read(site, atomic, null);
        }
    }

    /** Before any other call of an atomic variable's method, such as {@code compareAndSet}. */
    public static void atomicWrite(Object atomic, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.write(site, atomic, null);
        }
    }

    /** Before a call into code that announces nothing, such as the JDK ({@link OpaqueCalls}). */
    public static void unannounced(int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.opaque();
        }
    }

    /** At the end of an instrumented class's initialiser, for {@code @SmpTest(resetStatics = true)}. */
    public static void initialized(Class<?> type) {
        StaticSnapshots.take(type);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Monitors.

    /** Before {@code monitorenter} (or on entry to a {@code synchronized} method). */
    public static void monitorEnter(Object monitor, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.monitors.enter(monitor);
        }
    }

    /** After {@code monitorexit} (or on the way out of a {@code synchronized} method). Never throws. */
    public static void monitorExit(Object monitor, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.monitors.exit(monitor);
        }
    }

    /** {@code monitor.wait()}. */
    public static void wait(Object monitor, int site) throws InterruptedException {
        wait(monitor, 0L, site);
    }

    /** {@code monitor.wait(millis)}. */
    public static void wait(Object monitor, long millis, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            monitor.wait(millis);
            return;
        }
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        s.monitors.await(monitor, millis);
    }

    /** {@code monitor.wait(millis, nanos)}. */
    public static void wait(Object monitor, long millis, int nanos, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            monitor.wait(millis, nanos);
            return;
        }
        if (millis < 0 || nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("timeout value is negative or nanosecond timeout out of range");
        }
        s.monitors.await(monitor, millis > 0 || nanos > 0 ? Math.max(1, millis) : 0);
    }

    /** {@code monitor.notify()}. */
    public static void notify(Object monitor, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            monitor.notify();
        } else {
            s.monitors.notify(monitor, false, site);
        }
    }

    /** {@code monitor.notifyAll()}. */
    public static void notifyAll(Object monitor, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            monitor.notifyAll();
        } else {
            s.monitors.notify(monitor, true, site);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Threads.

    /**
     * {@code thread.start()}: under control the thread's {@code run()} runs on a new controlled logical thread. An
     * override of {@code start()} in a subclass of {@code Thread} is not run under control.
     */
    public static void start(Thread thread, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            thread.start();
        } else {
            s.threads.start(thread, !s.inAtomicRegion());
        }
    }

    /** {@code thread.join()}. */
    public static void join(Thread thread, int site) throws InterruptedException {
        join(thread, 0L, site);
    }

    /** {@code thread.join(millis)}. */
    public static void join(Thread thread, long millis, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        JavaThread target = s == null ? null : s.threads.of(thread);
        if (target == null) {
            thread.join(millis);
            return;
        }
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        JavaThread me = s.threads.current();
        me.throwIfInterrupted();
        JvmControl.awaitThenLocal("end of " + target.name, null,
                () -> target.finished || me.interrupted, () -> target.name + " has not finished",
                millis > 0 ? () -> true : null);
        if (!target.finished) {
            me.throwIfInterrupted();
        }
    }

    /** {@code thread.join(millis, nanos)}. */
    public static void join(Thread thread, long millis, int nanos, int site) throws InterruptedException {
        if (nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("nanosecond timeout value out of range");
        }
        join(thread, millis > 0 || nanos > 0 ? Math.max(1, millis) : 0, site);
    }

    /** {@code thread.isAlive()}. */
    public static boolean isAlive(Thread thread, int site) {
        JvmState s = JvmState.at(site);
        JavaThread t = s == null ? null : s.threads.of(thread);
        if (t == null) {
            return thread.isAlive();
        }
        s.opaque(); // reads what the thread's last step wrote, without a point
        return !t.finished;
    }

    /** {@code thread.interrupt()}: a schedule point, then the flag, which also ends the target's modelled waits. */
    public static void interrupt(Thread thread, int site) {
        JvmState s = JvmState.at(site);
        JavaThread t = s == null ? null : s.threads.of(thread);
        if (t == null) {
            thread.interrupt();
            return;
        }
        s.point(site, null);
        t.interrupted = true;
    }

    /** {@code thread.isInterrupted()}. */
    public static boolean isInterrupted(Thread thread, int site) {
        JvmState s = JvmState.at(site);
        JavaThread t = s == null ? null : s.threads.of(thread);
        return t == null ? thread.isInterrupted() : t.interrupted;
    }

    /** {@code Thread.interrupted()}. */
    public static boolean interrupted(int site) {
        JvmState s = JvmState.at(site);
        return s == null ? Thread.interrupted() : s.threads.current().takeInterrupt();
    }

    /** {@code Thread.currentThread()}: under control, the {@code Thread} the running logical thread stands for. */
    public static Thread currentThread(int site) {
        JvmState s = JvmState.at(site);
        return s == null ? Thread.currentThread() : s.threads.current().thread;
    }

    /** {@code Thread.sleep(millis)}: under control a schedule point; no time passes. */
    public static void sleep(long millis, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            Thread.sleep(millis);
            return;
        }
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        JavaThread me = s.threads.current();
        me.throwIfInterrupted();
        s.pause(site);
        me.throwIfInterrupted();
    }

    /** {@code Thread.sleep(millis, nanos)}. */
    public static void sleep(long millis, int nanos, int site) throws InterruptedException {
        if (nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("nanosecond timeout value out of range");
        }
        sleep(millis, site);
    }

    /** {@code Thread.yield()}: under control a schedule point. */
    public static void threadYield(int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            Thread.yield();
        } else {
            s.pause(site);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // LockSupport.

    /** {@code LockSupport.park()}. */
    public static void park(int site) {
        park(null, site);
    }

    /** {@code LockSupport.park(blocker)}. */
    public static void park(Object blocker, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            LockSupport.park(blocker);
        } else {
            park(s, site, false);
        }
    }

    /** {@code LockSupport.parkNanos(nanos)}. */
    public static void parkNanos(long nanos, int site) {
        parkNanos(null, nanos, site);
    }

    /** {@code LockSupport.parkNanos(blocker, nanos)}. */
    public static void parkNanos(Object blocker, long nanos, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            LockSupport.parkNanos(blocker, nanos);
        } else if (nanos > 0) {
            park(s, site, true);
        }
    }

    /** {@code LockSupport.parkUntil(deadline)}. */
    public static void parkUntil(long deadline, int site) {
        parkUntil(null, deadline, site);
    }

    /** {@code LockSupport.parkUntil(blocker, deadline)}: under control a timed park (model time does not pass). */
    public static void parkUntil(Object blocker, long deadline, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            LockSupport.parkUntil(blocker, deadline);
        } else {
            park(s, site, true);
        }
    }

    /** Parks until the permit is there or the thread is interrupted (or, if {@code timed}, nothing else can run). */
    private static void park(JvmState s, int site, boolean timed) {
        JavaThread me = s.threads.current();
        if (me.permit || me.interrupted) {
            s.point(site, null);
        } else {
            JvmControl.await("unpark", null, () -> me.permit || me.interrupted,
                    () -> "no unpark yet", null, timed ? () -> true : null);
        }
        me.permit = false;
    }

    /** {@code LockSupport.unpark(thread)}: a schedule point, then the permit. */
    public static void unpark(Thread thread, int site) {
        JvmState s = JvmState.at(site);
        JavaThread t = s == null || thread == null ? null : s.threads.of(thread);
        if (t == null) {
            LockSupport.unpark(thread);
            return;
        }
        s.point(site, null);
        t.permit = true;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Locks and conditions.

    private static Locks locks(Lock lock, int site) {
        JvmState s = JvmState.at(site);
        return s != null && Locks.modelled(lock) ? s.locks : null;
    }

    /** {@code lock.lock()}. */
    public static void lock(Lock lock, int site) {
        Locks l = locks(lock, site);
        if (l == null) {
            lock.lock();
        } else {
            l.lock(lock);
        }
    }

    /** {@code lock.lockInterruptibly()}. */
    public static void lockInterruptibly(Lock lock, int site) throws InterruptedException {
        Locks l = locks(lock, site);
        if (l == null) {
            lock.lockInterruptibly();
        } else {
            l.lockInterruptibly(lock);
        }
    }

    /** {@code lock.tryLock()}. */
    public static boolean tryLock(Lock lock, int site) {
        Locks l = locks(lock, site);
        return l == null ? lock.tryLock() : l.tryLock(lock, site);
    }

    /** {@code lock.tryLock(time, unit)}. */
    public static boolean tryLock(Lock lock, long time, TimeUnit unit, int site) throws InterruptedException {
        Locks l = locks(lock, site);
        return l == null ? lock.tryLock(time, unit) : l.tryLock(lock, time, site);
    }

    /** {@code lock.unlock()}. */
    public static void unlock(Lock lock, int site) {
        Locks l = locks(lock, site);
        if (l == null) {
            lock.unlock();
        } else {
            l.unlock(lock);
        }
    }

    /** {@code lock.newCondition()}: always the real condition, remembered with its lock. */
    public static Condition newCondition(Lock lock, int site) {
        return Locks.created(lock, lock.newCondition());
    }

    /** {@code lock.readLock()} of a {@code ReentrantReadWriteLock}: the real read lock, remembered with its lock. */
    public static ReentrantReadWriteLock.ReadLock readLock(ReentrantReadWriteLock lock, int site) {
        return Locks.side(lock, lock.readLock());
    }

    /** {@code lock.writeLock()} of a {@code ReentrantReadWriteLock}. */
    public static ReentrantReadWriteLock.WriteLock writeLock(ReentrantReadWriteLock lock, int site) {
        return Locks.side(lock, lock.writeLock());
    }

    /** {@code lock.readLock()} of any {@code ReadWriteLock}. */
    public static Lock readLock(ReadWriteLock lock, int site) {
        return Locks.side(lock, lock.readLock());
    }

    /** {@code lock.writeLock()} of any {@code ReadWriteLock}. */
    public static Lock writeLock(ReadWriteLock lock, int site) {
        return Locks.side(lock, lock.writeLock());
    }

    /** {@code lock.isLocked()}. */
    public static boolean isLocked(ReentrantLock lock, int site) {
        Locks l = locks(lock, site);
        if (l == null) {
            return lock.isLocked();
        }
        JvmState.at(site).opaque(); // reads what another thread's unlock wrote, without a point
        return !l.of(lock).isFree();
    }

    /** {@code lock.isHeldByCurrentThread()}. */
    public static boolean isHeldByCurrentThread(ReentrantLock lock, int site) {
        JvmState s = JvmState.at(site);
        return s == null ? lock.isHeldByCurrentThread() : s.locks.of(lock).owner() == s.threads.current();
    }

    /** {@code lock.getHoldCount()}. */
    public static int getHoldCount(ReentrantLock lock, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return lock.getHoldCount();
        }
        ReentrantModel m = s.locks.of(lock);
        return m.owner() == s.threads.current() ? m.holds() : 0;
    }

    /** {@code condition.await()}. */
    public static void await(Condition condition, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            condition.await();
        } else {
            s.locks.await(condition, true, false);
        }
    }

    /** {@code condition.await(time, unit)}: {@code false} when it timed out. */
    public static boolean await(Condition condition, long time, TimeUnit unit, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return condition.await(time, unit);
        }
        if (time <= 0) {
            s.point(site, condition);
            return false;
        }
        return s.locks.await(condition, true, true);
    }

    /** {@code condition.awaitNanos(nanos)}: under control 0 when it timed out, else {@code nanos} (no time passes). */
    public static long awaitNanos(Condition condition, long nanos, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return condition.awaitNanos(nanos);
        }
        if (nanos <= 0) {
            s.point(site, condition);
            return 0;
        }
        return s.locks.await(condition, true, true) ? nanos : 0;
    }

    /** {@code condition.awaitUninterruptibly()}. */
    public static void awaitUninterruptibly(Condition condition, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            condition.awaitUninterruptibly();
            return;
        }
        try {
            s.locks.await(condition, false, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /** {@code condition.awaitUntil(deadline)}: under control a timed wait (model time does not pass). */
    public static boolean awaitUntil(Condition condition, Date deadline, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        return s == null ? condition.awaitUntil(deadline) : s.locks.await(condition, true, true);
    }

    /** {@code condition.signal()}. */
    public static void signal(Condition condition, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            condition.signal();
        } else {
            s.locks.signal(condition, false, site);
        }
    }

    /** {@code condition.signalAll()}. */
    public static void signalAll(Condition condition, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            condition.signalAll();
        } else {
            s.locks.signal(condition, true, site);
        }
    }
    // ---------------------------------------------------------------------------------------------------------------
    // CountDownLatch and Semaphore.

    /** {@code latch.countDown()}. */
    public static void countDown(CountDownLatch latch, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            latch.countDown();
        } else {
            Synchronizers.countDown(s, latch, site);
        }
    }

    /** {@code latch.await()}. */
    public static void await(CountDownLatch latch, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            latch.await();
        } else {
            Synchronizers.await(s, latch, false);
        }
    }

    /** {@code latch.await(timeout, unit)}: {@code false} when it timed out. */
    public static boolean await(CountDownLatch latch, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        JvmState s = JvmState.at(site);
        return s == null ? latch.await(timeout, unit) : Synchronizers.await(s, latch, timeout > 0);
    }

    /** {@code semaphore.acquire()}. */
    public static void acquire(Semaphore semaphore, int site) throws InterruptedException {
        acquire(semaphore, 1, site);
    }

    /** {@code semaphore.acquire(permits)}. */
    public static void acquire(Semaphore semaphore, int permits, int site) throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            semaphore.acquire(permits);
        } else {
            Synchronizers.acquire(s, semaphore, permits, true, false);
        }
    }

    /** {@code semaphore.acquireUninterruptibly()}. */
    public static void acquireUninterruptibly(Semaphore semaphore, int site) {
        acquireUninterruptibly(semaphore, 1, site);
    }

    /** {@code semaphore.acquireUninterruptibly(permits)}. */
    public static void acquireUninterruptibly(Semaphore semaphore, int permits, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            semaphore.acquireUninterruptibly(permits);
            return;
        }
        try {
            Synchronizers.acquire(s, semaphore, permits, false, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /** {@code semaphore.tryAcquire()}. */
    public static boolean tryAcquire(Semaphore semaphore, int site) {
        return tryAcquire(semaphore, 1, site);
    }

    /** {@code semaphore.tryAcquire(permits)}. */
    public static boolean tryAcquire(Semaphore semaphore, int permits, int site) {
        JvmState s = JvmState.at(site);
        return s == null ? semaphore.tryAcquire(permits) : Synchronizers.tryAcquire(s, semaphore, permits, site);
    }

    /** {@code semaphore.tryAcquire(timeout, unit)}. */
    public static boolean tryAcquire(Semaphore semaphore, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        return tryAcquire(semaphore, 1, timeout, unit, site);
    }

    /** {@code semaphore.tryAcquire(permits, timeout, unit)}: waits until interrupted or timed out. */
    public static boolean tryAcquire(Semaphore semaphore, int permits, long timeout, TimeUnit unit, int site)
            throws InterruptedException {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return semaphore.tryAcquire(permits, timeout, unit);
        }
        return timeout <= 0 ? Synchronizers.tryAcquire(s, semaphore, permits, site)
                : Synchronizers.acquire(s, semaphore, permits, true, true);
    }

    /** {@code semaphore.release()}. */
    public static void release(Semaphore semaphore, int site) {
        release(semaphore, 1, site);
    }

    /** {@code semaphore.release(permits)}. */
    public static void release(Semaphore semaphore, int permits, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            semaphore.release(permits);
        } else {
            Synchronizers.release(s, semaphore, permits, site);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Method references. A method reference such as Thread::start or lock::unlock compiles to a lambda whose class
    // the JDK generates and the agent never sees; the transformer points such references at these overloads instead,
    // which have no site (the call counts as in scope) and otherwise behave as above.

    /** {@code Thread::start}. */
    public static void start(Thread thread) {
        start(thread, Sites.ANY);
    }

    /** {@code Thread::join}. */
    public static void join(Thread thread) throws InterruptedException {
        join(thread, Sites.ANY);
    }

    /** {@code Thread::interrupt}. */
    public static void interrupt(Thread thread) {
        interrupt(thread, Sites.ANY);
    }

    /** {@code Thread::isAlive}. */
    public static boolean isAlive(Thread thread) {
        return isAlive(thread, Sites.ANY);
    }

    /** {@code Thread::currentThread}. */
    public static Thread currentThread() {
        return currentThread(Sites.ANY);
    }

    /** {@code Thread::yield}. */
    public static void threadYield() {
        threadYield(Sites.ANY);
    }

    /** {@code Thread::sleep}. */
    public static void sleep(long millis) throws InterruptedException {
        sleep(millis, Sites.ANY);
    }

    /** {@code LockSupport::park}. */
    public static void park() {
        park(Sites.ANY);
    }

    /** {@code LockSupport::unpark}. */
    public static void unpark(Thread thread) {
        unpark(thread, Sites.ANY);
    }

    /** {@code monitor::wait}. */
    public static void wait(Object monitor) throws InterruptedException {
        wait(monitor, Sites.ANY);
    }

    /** {@code monitor::notify}. */
    public static void notify(Object monitor) {
        notify(monitor, Sites.ANY);
    }

    /** {@code monitor::notifyAll}. */
    public static void notifyAll(Object monitor) {
        notifyAll(monitor, Sites.ANY);
    }

    /** {@code lock::lock}. */
    public static void lock(Lock lock) {
        lock(lock, Sites.ANY);
    }

    /** {@code lock::lockInterruptibly}. */
    public static void lockInterruptibly(Lock lock) throws InterruptedException {
        lockInterruptibly(lock, Sites.ANY);
    }

    /** {@code lock::tryLock}. */
    public static boolean tryLock(Lock lock) {
        return tryLock(lock, Sites.ANY);
    }

    /** {@code lock::unlock}. */
    public static void unlock(Lock lock) {
        unlock(lock, Sites.ANY);
    }

    /** {@code condition::await}. */
    public static void await(Condition condition) throws InterruptedException {
        await(condition, Sites.ANY);
    }

    /** {@code condition::awaitUninterruptibly}. */
    public static void awaitUninterruptibly(Condition condition) {
        awaitUninterruptibly(condition, Sites.ANY);
    }

    /** {@code condition::signal}. */
    public static void signal(Condition condition) {
        signal(condition, Sites.ANY);
    }

    /** {@code latch::countDown}. */
    public static void countDown(CountDownLatch latch) {
        countDown(latch, Sites.ANY);
    }

    /** {@code semaphore::acquireUninterruptibly}. */
    public static void acquireUninterruptibly(Semaphore semaphore) {
        acquireUninterruptibly(semaphore, Sites.ANY);
    }

    /** {@code semaphore::release}. */
    public static void release(Semaphore semaphore) {
        release(semaphore, Sites.ANY);
    }

    /** {@code condition::signalAll}. */
    public static void signalAll(Condition condition) {
        signalAll(condition, Sites.ANY);
    }
}
