package dev.smpcheck.plain;

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
        Thread t1 = new Thread(first);
        Thread t2 = new Thread(second);
        t1.start();
        t2.start();
        t1.join();
        t2.join();
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
}
