package dev.smpcheck.plain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/** Busy-waiting programs: handshakes that spin on plain or volatile fields, and a livelock that is no spin. */
public final class Spins {
    private Spins() {}

    static final class Flags {
        volatile boolean ready;
        volatile boolean done;
        int data;
    }

    private static void run(Runnable first, Runnable second) throws InterruptedException {
        Semantics.startAndJoin(new Thread(first), new Thread(second));
    }

    /** A correct handshake: the producer publishes data, then a volatile flag the consumer spins on. */
    public static void handshake() throws InterruptedException {
        Flags f = new Flags();
        int[] seen = new int[1];
        run(() -> {
            f.data = 42;
            f.ready = true;
        }, () -> {
            while (!f.ready) {
                Thread.onSpinWait();
            }
            seen[0] = f.data;
        });
        if (seen[0] != 42) {
            throw new AssertionError("the consumer saw " + seen[0]);
        }
    }

    /** Broken: the producer raises the flag before it writes the data. */
    public static void handshakeBrokenOrder() throws InterruptedException {
        Flags f = new Flags();
        int[] seen = new int[1];
        run(() -> {
            f.ready = true;
            f.data = 42;
        }, () -> {
            while (!f.ready) {
                Thread.yield();
            }
            seen[0] = f.data;
        });
        if (seen[0] != 42) {
            throw new AssertionError("the consumer saw " + seen[0]);
        }
    }

    /** Broken: each thread waits for the other's flag before raising its own, so both spin forever. */
    public static void bothWaitForEachOther() throws InterruptedException {
        Flags f = new Flags();
        run(() -> {
            while (!f.done) {
                Thread.onSpinWait();
            }
            f.ready = true;
        }, () -> {
            while (!f.ready) {
                Thread.onSpinWait();
            }
            f.done = true;
        });
    }

    /** Broken: the producer writes the wrong flag, so the consumer spins forever. */
    public static void missedWrite() throws InterruptedException {
        Flags f = new Flags();
        run(() -> f.done = true, () -> {
            while (!f.ready) {
                Thread.onSpinWait();
            }
        });
    }

    /** A spin that gives up after a count kept in a local variable: it must end, not be reported. */
    public static void boundedSpinGivesUp() throws InterruptedException {
        Flags f = new Flags();
        run(() -> { }, () -> {
            for (int i = 0; i < 50 && !f.ready; i++) {
                Thread.onSpinWait();
            }
        });
    }

    /**
     * A real livelock: each thread keeps raising and lowering its own flag while it waits for a go-ahead from the
     * other that never comes. Every turn writes, so no turn is a pure re-read, and the schedule runs into its bound.
     */
    public static void busyWithoutProgress() throws InterruptedException {
        Flags f = new Flags();
        run(() -> {
            do {
                f.ready = true;
                f.ready = false;
            } while (f.data != 1);
        }, () -> {
            do {
                f.done = true;
                f.done = false;
            } while (f.data != 2);
        });
    }

    static volatile boolean started;

    /** A correct handshake on a static field, polling with {@code sleep}. */
    public static void sleepPollOnStatic() throws InterruptedException {
        started = false;
        run(() -> started = true, () -> {
            try {
                while (!started) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** A correct handshake whose flag is an {@code AtomicBoolean}. */
    public static void atomicHandshake() throws InterruptedException {
        AtomicBoolean go = new AtomicBoolean();
        Flags f = new Flags();
        run(() -> {
            f.data = 42;
            go.set(true);
        }, () -> {
            while (!go.get()) {
                Thread.onSpinWait();
            }
            if (f.data != 42) {
                throw new AssertionError("the consumer saw " + f.data);
            }
        });
    }

    /** A spin lock whose acquire is a CAS loop, as a {@code VarHandle} on an {@code int} field or an atomic flag. */
    static final class SpinLock {
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(SpinLock.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private volatile int state;
        private final AtomicBoolean flag = new AtomicBoolean();
        private final boolean atomic;

        SpinLock(boolean atomic) {
            this.atomic = atomic;
        }

        void lock() {
            if (atomic) {
                while (!flag.compareAndSet(false, true)) {
                    Thread.onSpinWait();
                }
            } else {
                while (!STATE.compareAndSet(this, 0, 1)) {
                    Thread.onSpinWait();
                }
            }
        }

        void unlock() {
            if (atomic) {
                flag.set(false);
            } else {
                state = 0;
            }
        }
    }

    /**
     * Two threads each increment a plain field {@code turns} times, each time between {@code enter} and {@code exit};
     * mutual exclusion means no update is lost.
     */
    private static void incrementsUnder(Runnable enter, Runnable exit, int turns) throws InterruptedException {
        Flags f = new Flags();
        Runnable inc = () -> {
            for (int i = 0; i < turns; i++) {
                enter.run();
                f.data = f.data + 1;
                exit.run();
            }
        };
        run(inc, inc);
        if (f.data != 2 * turns) {
            throw new AssertionError("lost an update: " + f.data);
        }
    }

    /**
     * Mutual exclusion through a CAS spin lock, twice per thread. A failed CAS writes nothing, so a thread that finds
     * the lock taken waits for the holder's unlock instead of spinning into the step bound.
     */
    public static void casSpinLock(boolean atomic) throws InterruptedException {
        SpinLock lock = new SpinLock(atomic);
        incrementsUnder(lock::lock, lock::unlock, 2);
    }

    /** Broken: the lock is taken with a check, then a set, so both threads can take it at once. */
    public static void checkThenSetLock() throws InterruptedException {
        AtomicBoolean locked = new AtomicBoolean();
        incrementsUnder(() -> {
            while (locked.get()) {
                Thread.onSpinWait();
            }
            locked.set(true);
        }, () -> locked.set(false), 1);
    }

    /** Broken: each thread waits, by CAS, to claim a token only the other hands out after its own claim. */
    public static void casWaitForEachOther() throws InterruptedException {
        AtomicBoolean mine = new AtomicBoolean();
        AtomicBoolean theirs = new AtomicBoolean();
        run(() -> {
            while (!mine.compareAndSet(true, false)) {
                Thread.onSpinWait();
            }
            theirs.set(true);
        }, () -> {
            while (!theirs.compareAndSet(true, false)) {
                Thread.onSpinWait();
            }
            mine.set(true);
        });
    }
}
