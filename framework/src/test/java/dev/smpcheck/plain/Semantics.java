package dev.smpcheck.plain;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Small plain-Java programs that pin down how the model treats Java's blocking and thread methods. */
public final class Semantics {
    private Semantics() {}

    static final class Box {
        boolean flag;
        boolean done;
        int count;
        long wide;
        double[] doubles = new double[2];
        Thread started;
        boolean interrupted;
    }

    static void startAndJoin(Thread a, Thread b) throws InterruptedException {
        a.start();
        b.start();
        a.join();
        b.join();
    }

    /** A waiter that nobody notifies wakes only by its timeout, and only once the other thread has finished. */
    public static void timedWaitTimesOutLast() throws InterruptedException {
        waitNobodyNotifies(50);
    }

    /** The same without a timeout: the waiter waits forever. */
    public static void untimedWaitNobodyNotifies() throws InterruptedException {
        waitNobodyNotifies(0);
    }

    private static void waitNobodyNotifies(long millis) throws InterruptedException {
        Box box = new Box();
        Thread waiter = new Thread(() -> {
            synchronized (box) {
                try {
                    box.wait(millis);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                if (!box.done) {
                    throw new AssertionError("timed out while the other thread could still run");
                }
            }
        });
        Thread other = new Thread(() -> {
            box.flag = true;
            box.done = true;
        });
        startAndJoin(waiter, other);
    }

    /** An interrupt ends a wait (or makes the next one throw at once) and is cleared by the exception. */
    public static void interruptEndsWait() throws InterruptedException {
        Box box = new Box();
        Thread waiter = new Thread(() -> {
            synchronized (box) {
                try {
                    box.wait();
                } catch (InterruptedException e) {
                    box.interrupted = !Thread.currentThread().isInterrupted();
                }
            }
        });
        waiter.start();
        waiter.interrupt();
        waiter.join();
        if (!box.interrupted) {
            throw new AssertionError("the waiter was not interrupted, or its flag was not cleared");
        }
    }

    /** {@code unpark} before or after {@code park}: the permit makes {@code park} return either way. */
    public static void unparkBeforeOrAfterPark() throws InterruptedException {
        Box box = new Box();
        Thread parker = new Thread(() -> {
            LockSupport.park();
            box.done = true;
        });
        parker.start();
        LockSupport.unpark(parker);
        parker.join();
        if (!box.done) {
            throw new AssertionError("park returned early");
        }
    }

    /** A lost update whose threads are started by a method reference, from inside a JDK callback. */
    public static void startedByMethodReference() throws InterruptedException {
        Box box = new Box();
        List<Thread> threads = List.of(new Thread(() -> box.count++), new Thread(() -> box.count++));
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        if (box.count != 2) {
            throw new AssertionError("lost an update: count is " + box.count);
        }
    }

    /** A thread that parks (a method reference) with no unpark to come. */
    public static void parkWithoutUnpark() throws InterruptedException {
        Thread parker = new Thread(LockSupport::park);
        parker.start();
        parker.join();
    }

    /** Inside a started thread, {@code currentThread()} is that thread; after {@code join} it is not alive. */
    public static void currentThreadIsTheStartedThread() throws InterruptedException {
        Box box = new Box();
        Thread t = new Thread(() -> box.started = Thread.currentThread());
        t.start();
        t.join();
        if (box.started != t || t.isAlive()) {
            throw new AssertionError("currentThread() was " + box.started + ", alive after join: " + t.isAlive());
        }
    }

    /** A counter behind a dynamic proxy; its invocation handler is instrumented code like any other. */
    public interface Counter {
        void increment();
    }

    /** Two threads increment through a proxy whose handler is racy. */
    public static void racyProxy() throws InterruptedException {
        Box box = new Box();
        Counter c = (Counter) Proxy.newProxyInstance(Counter.class.getClassLoader(), new Class<?>[] {Counter.class},
                (proxy, method, args) -> {
                    box.count++;
                    return null;
                });
        startAndJoin(new Thread(c::increment), new Thread(c::increment));
        if (box.count != 2) {
            throw new AssertionError("lost an update behind a proxy: count is " + box.count);
        }
    }

    /**
     * The same race inside a callback from JDK code ({@code forEach}): the JDK frame makes it an atomic region, so no
     * schedule point splits the increment and no schedule loses an update.
     */
    public static void raceInsideJdkCallback() throws InterruptedException {
        Box box = new Box();
        List<Integer> one = List.of(1);
        startAndJoin(new Thread(() -> one.forEach(x -> box.count++)), new Thread(() -> one.forEach(x -> box.count++)));
        if (box.count != 2) {
            throw new AssertionError("lost an update inside forEach: count is " + box.count);
        }
    }

    /** Touches a class whose initialiser makes a thousand field accesses. */
    public static void classInitialiserRunsAtomically() throws InterruptedException {
        startAndJoin(new Thread(() -> Heavy.touch()), new Thread(() -> Heavy.touch()));
    }

    static final class Heavy {
        static int total;

        static {
            Box box = new Box();
            for (int i = 0; i < 1000; i++) {
                box.count++;
            }
            total = box.count;
        }

        static int touch() {
            return total;
        }
    }

    /** {@code notify} without holding the monitor. */
    public static void notifyWithoutMonitor() {
        new Object().notify();
    }

    /** An exception leaving a static synchronized method releases its monitor; long and double data move intact. */
    public static void exceptionLeavesSynchronizedMethod() throws InterruptedException {
        Box box = new Box();
        Runnable r = () -> {
            try {
                fail(box);
            } catch (IllegalStateException expected) {
                // Leaving by exception must release the class's monitor.
            }
        };
        startAndJoin(new Thread(r), new Thread(r));
        if (box.wide != 2L * Long.MAX_VALUE / 2 * 0 + 2 || box.doubles[0] != 2.5 || box.doubles[1] != 2.5) {
            throw new AssertionError("wide = " + box.wide + ", doubles = " + box.doubles[0] + ", " + box.doubles[1]);
        }
    }

    private static synchronized void fail(Box box) {
        box.wide++;
        box.doubles[0] += 1.25;
        box.doubles[1] = box.doubles[0];
        throw new IllegalStateException("leaving by exception");
    }
}
