package dev.smpcheck.plain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain Java programs whose reduced schedule counts are known, and programs whose shared state hides in JDK calls,
 * for the partial-order reduction tests.
 */
public final class Reductions {
    private Reductions() {}

    static final class Pair {
        int a;
        int b;
    }

    /** Runs both bodies on their own threads and joins them. */
    private static void both(Runnable first, Runnable second) throws InterruptedException {
        Semantics.startAndJoin(new Thread(first), new Thread(second));
    }

    /** Two threads write different fields of one object: every order is the same, so one schedule. */
    public static void disjointFields() throws InterruptedException {
        Pair p = new Pair();
        both(() -> p.a = 1, () -> p.b = 1);
        if (p.a + p.b != 2) {
            throw new AssertionError("a write was lost");
        }
    }

    /** Each of two threads writes one field {@code k} times: C(2k, k) orders of the writes. */
    public static void sharedWrites(int k) throws InterruptedException {
        Pair p = new Pair();
        both(() -> {
            for (int i = 0; i < k; i++) {
                p.a = 1;
            }
        }, () -> {
            for (int i = 0; i < k; i++) {
                p.a = 2;
            }
        });
    }

    /** Two threads each read both fields: reads commute, one schedule. */
    public static void onlyReads() throws InterruptedException {
        Pair p = new Pair();
        int[] seen = new int[2];
        both(() -> seen[0] = p.a + p.b, () -> seen[1] = p.b + p.a);
    }

    /**
     * The race is inside {@code ArrayList}, whose calls get no schedule point: each runs in the step after its thread's
     * write of its own field. Were those steps taken for what they announce (two writes of different fields), the
     * reduced search would try one order only, the one where the first thread adds first, and miss the failure.
     */
    public static void listSeenEarly() throws InterruptedException {
        List<Integer> list = new ArrayList<>();
        Pair p = new Pair();
        int[] seen = {-1};
        both(() -> {
            p.a = 1;
            list.add(1);
        }, () -> {
            p.b = 1;
            seen[0] = list.size();
        });
        if (seen[0] == 0) {
            throw new AssertionError("the second thread looked at the list before the first added to it");
        }
    }

    /** A lost update on an array element, next to an element nobody shares. */
    public static void arrayLostUpdate() throws InterruptedException {
        int[] cells = new int[2];
        both(() -> cells[0]++, () -> {
            cells[1]++;
            cells[0]++;
        });
        if (cells[0] != 2) {
            throw new AssertionError("lost an update: cells[0] is " + cells[0]);
        }
    }

    static int counter;

    /** A lost update on a static field. */
    public static void staticLostUpdate() throws InterruptedException {
        counter = 0;
        both(() -> counter++, () -> counter++);
        if (counter != 2) {
            throw new AssertionError("lost an update: counter is " + counter);
        }
    }

    /**
     * Main checks {@code isAlive} instead of joining: a schedule where the thread already ended fails. The answer
     * comes from the model without a point, so the step that asks must count as reading the thread's end.
     */
    public static void isAliveRace() throws InterruptedException {
        Pair p = new Pair();
        Thread t = new Thread(() -> p.a = 1);
        t.start();
        p.b = 1;
        if (!t.isAlive()) {
            throw new AssertionError("the thread had already ended");
        }
        t.join();
    }

    /** Each thread increments an atomic counter: its own ({@code shared} false) or one they share. */
    public static void atomicIncrements(boolean shared) throws InterruptedException {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = shared ? first : new AtomicInteger();
        both(() -> first.incrementAndGet(), () -> second.addAndGet(1));
    }

    /**
     * The threads' bodies are method references to the JDK, which no hook sees; main checks that both increments
     * ran in the order it did not expect, so only a search that orders the two threads' bodies finds it.
     */
    public static void atomicsByMethodReference() throws InterruptedException {
        AtomicInteger counter = new AtomicInteger();
        int[] order = new int[2];
        Thread t1 = new Thread(counter::incrementAndGet);
        Thread t2 = new Thread(() -> order[1] = counter.get());
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        if (order[1] == 0) {
            throw new AssertionError("the second thread read the counter before the first incremented it");
        }
    }
}
