package dev.smpcheck.plain;

import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.SequentialSpec;
import dev.smpcheck.linearizability.Transition;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Plain Java counters whose increments are recorded with {@link History#call} and checked for linearizability: the
 * recorder sits between the thread and the counter on the stack, and must not hide the counter's points.
 */
public final class RecordedCounters {
    private RecordedCounters() {}

    /** inc() returns the value after the increment. */
    static final SequentialSpec<Integer> COUNTER = SequentialSpec.of(0, (n, op) -> Transition.returns(n + 1, n + 1));

    static final class Racy {
        int count;

        int inc() {
            return ++count;
        }
    }

    /** Two threads each make {@code perThread} recorded increments of a plain field: not linearizable. */
    public static void racy(int perThread) throws InterruptedException {
        Racy c = new Racy();
        twoThreads(perThread, () -> c.inc(), true);
    }

    /** The same with an {@link AtomicInteger}: linearizable in every schedule. */
    public static void atomic(int perThread) throws InterruptedException {
        AtomicInteger c = new AtomicInteger();
        twoThreads(perThread, () -> c.incrementAndGet(), true);
    }

    /**
     * The same through a method reference straight to the JDK: the JVM spins the class that calls
     * {@code incrementAndGet}, and only a bridge in this class gives that call its point.
     */
    public static void atomicByReference(int perThread) throws InterruptedException {
        AtomicInteger c = new AtomicInteger();
        twoThreads(perThread, c::incrementAndGet, true);
    }

    /** The atomic counter's threads with no recorder: the same schedule points, to compare the searches. */
    public static void atomicUnrecorded(int perThread) throws InterruptedException {
        AtomicInteger c = new AtomicInteger();
        twoThreads(perThread, () -> c.incrementAndGet(), false);
    }

    private static void twoThreads(int perThread, IntSupplier inc, boolean record) throws InterruptedException {
        History history = new History();
        Runnable actor = () -> {
            for (int i = 0; i < perThread; i++) {
                if (record) {
                    history.call("inc", inc::getAsInt);
                } else {
                    inc.getAsInt();
                }
            }
        };
        Thread a = new Thread(actor);
        Thread b = new Thread(actor);
        a.start();
        b.start();
        a.join();
        b.join();
        history.check(COUNTER);
    }
}
