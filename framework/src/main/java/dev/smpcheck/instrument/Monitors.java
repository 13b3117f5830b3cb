package dev.smpcheck.instrument;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The Java monitors of one schedule, as the model keeps them.
 *
 * <p>The real monitor is still taken and released by the JVM (so code outside control, and JDK code, synchronizes
 * with it as always); the model is taken before it and released after it, so a controlled thread reaches
 * {@code monitorenter} only when the model says the monitor is free, and never blocks in the JVM. {@code wait} keeps
 * the real monitor held but parks in its real wait set, which frees it for the others (see
 * {@code Execution.parkInMonitor}).
 */
final class Monitors {
    private static final class Monitor {
        final ReentrantModel lock;
        final WaitQueue waiters = new WaitQueue();

        Monitor(Object o) {
            lock = new ReentrantModel("monitor of", o);
        }
    }

    private final Map<Object, Monitor> monitors = new IdentityHashMap<>();
    private final JvmState state;

    Monitors(JvmState state) {
        this.state = state;
    }

    private Monitor of(Object o) {
        return monitors.computeIfAbsent(o, Monitor::new);
    }

    void enter(Object o) {
        of(o).lock.acquire(state.threads.current(), state);
    }

    /** Called after the real monitor was released; never throws (see {@link HookMethodVisitor}). */
    void exit(Object o) {
        Monitor m = monitors.get(o);
        if (m != null) {
            m.lock.release(state.threads.current());
        }
    }

    /**
     * {@code o.wait(millis)} (0: untimed).
     *
     * @throws IllegalMonitorStateException when the caller does not hold {@code o}'s monitor, as Java does
     * @throws InterruptedException when interrupted before or during the wait, clearing the flag, as Java does
     */
    void await(Object o, long millis) throws InterruptedException {
        JavaThread me = state.threads.current();
        Monitor m = of(o);
        // A monitor entered where the model does not look (an atomic region, a class outside the test's scope) is
        // adopted for the wait, then given back.
        boolean adopted = m.lock.owner() != me;
        if (adopted) {
            if (!Thread.holdsLock(o)) {
                throw new IllegalMonitorStateException("current thread is not owner");
            }
            m.lock.take(me, 1);
        }
        me.throwIfInterrupted();
        WaitQueue.Wakeup w = m.waiters.await(m.lock, me, "notify on", o, o, true, millis > 0);
        if (adopted) {
            m.lock.releaseAll();
        }
        if (w == WaitQueue.Wakeup.INTERRUPTED) {
            me.throwIfInterrupted();
        }
    }

    /** A started thread ended: as in Java, whoever waits on the thread object is notified (the join idiom). */
    void threadEnded(Thread thread) {
        Monitor m = monitors.get(thread);
        if (m != null) {
            m.waiters.signalAll();
        }
    }

    /** {@code o.notify()} or {@code o.notifyAll()}: a schedule point, then the signal. */
    void notify(Object o, boolean all, int site) {
        Monitor m = of(o);
        if (m.lock.owner() != state.threads.current() && !Thread.holdsLock(o)) {
            throw new IllegalMonitorStateException("current thread is not owner");
        }
        state.point(site, o);
        if (all) {
            m.waiters.signalAll();
        } else {
            m.waiters.signalOne(true);
        }
    }
}
