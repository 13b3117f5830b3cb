package dev.smpcheck.plain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * Plain-Java programs that touch fields, array elements and static fields through field updaters and
 * {@code VarHandle}s, for the partial-order reduction tests: each names the location it touches, so the reduced counts
 * are those of plain accesses.
 */
public final class Handles {
    private Handles() {}

    static final class Cell {
        volatile int a;
        volatile int b;
        volatile long wide;
        volatile double real;
    }

    static volatile int first;
    static volatile int second;

    private static final AtomicIntegerFieldUpdater<Cell> A = AtomicIntegerFieldUpdater.newUpdater(Cell.class, "a");
    private static final AtomicIntegerFieldUpdater<Cell> B = AtomicIntegerFieldUpdater.newUpdater(Cell.class, "b");
    private static final AtomicLongFieldUpdater<Cell> WIDE = AtomicLongFieldUpdater.newUpdater(Cell.class, "wide");
    private static final VarHandle VA;
    private static final VarHandle VB;
    private static final VarHandle REAL;
    private static final VarHandle FIRST;
    private static final VarHandle SECOND;
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    /** Ints laid over a byte array: a handle whose location the runtime cannot name. */
    private static final VarHandle BYTES_AS_INTS = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.nativeOrder());

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            VA = lookup.findVarHandle(Cell.class, "a", int.class);
            VB = lookup.findVarHandle(Cell.class, "b", int.class);
            REAL = lookup.findVarHandle(Cell.class, "real", double.class);
            FIRST = lookup.findStaticVarHandle(Handles.class, "first", int.class);
            SECOND = lookup.findStaticVarHandle(Handles.class, "second", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static void both(Runnable one, Runnable two) throws InterruptedException {
        Semantics.startAndJoin(new Thread(one), new Thread(two));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    /** Each thread increments a field through an updater: its own field, or ({@code shared}) the same one. */
    public static void updaterIncrements(boolean shared) throws InterruptedException {
        Cell c = new Cell();
        both(() -> A.incrementAndGet(c), () -> (shared ? A : B).incrementAndGet(c));
        check(c.a + c.b == 2, "lost an increment");
    }

    /** As {@link #updaterIncrements}, through field {@code VarHandle}s. */
    public static void handleIncrements(boolean shared) throws InterruptedException {
        Cell c = new Cell();
        both(() -> VA.getAndAdd(c, 1), () -> (shared ? VA : VB).getAndAdd(c, 1));
        check(c.a + c.b == 2, "lost an increment");
    }

    /** As {@link #updaterIncrements}, on elements of one array through an array element {@code VarHandle}. */
    public static void elementIncrements(boolean shared) throws InterruptedException {
        int[] cells = new int[2];
        both(() -> INTS.getAndAdd(cells, 0, 1), () -> INTS.getAndAdd(cells, shared ? 0 : 1, 1));
        check(cells[0] + cells[1] == 2, "lost an increment");
    }

    /** As {@link #updaterIncrements}, on static fields through static {@code VarHandle}s. */
    public static void staticIncrements(boolean shared) throws InterruptedException {
        first = 0;
        second = 0;
        both(() -> FIRST.getAndAdd(1), () -> (shared ? FIRST : SECOND).getAndAdd(1));
        check(first + second == 2, "lost an increment");
    }

    /**
     * One thread sets a field with a {@code VarHandle} CAS, the other reads it plainly: one location, so both orders.
     * The CAS's values are {@code double}s and the updater's {@code long}s, which lie above the object on the stack.
     */
    public static void handleAndPlainReadShareTheField() throws InterruptedException {
        Cell c = new Cell();
        double[] seen = new double[1];
        both(() -> REAL.compareAndSet(c, 0.0, 1.5), () -> seen[0] = c.real);
        check(c.real == 1.5, "the CAS failed");
    }

    /** Two threads race to CAS a {@code long} field from 0 through an updater: the winner's value is there. */
    public static void wideCasRace() throws InterruptedException {
        Cell c = new Cell();
        both(() -> WIDE.compareAndSet(c, 0L, 1L), () -> WIDE.compareAndSet(c, 0L, 2L));
        check(c.wide == 1L || c.wide == 2L, "wide is " + c.wide);
    }

    /** A lost update through a {@code VarHandle}: each thread reads, then writes what it read plus one. */
    public static void handleLostUpdate() throws InterruptedException {
        Cell c = new Cell();
        Runnable inc = () -> {
            int v = (int) VA.getVolatile(c);
            VA.setVolatile(c, v + 1);
        };
        both(inc, inc);
        check(c.a == 2, "lost an update: a is " + c.a);
    }

    /** A lost update through an updater, whose read and write are two calls. */
    public static void updaterLostUpdate() throws InterruptedException {
        Cell c = new Cell();
        Runnable inc = () -> A.set(c, A.get(c) + 1);
        both(inc, inc);
        check(c.a == 2, "lost an update: a is " + c.a);
    }

    /**
     * Each thread sets its own int of a byte array, through a view handle: the runtime cannot name that location, so
     * the calls announce nothing and both orders are tried, although the ints are disjoint. (Plain access only: newer
     * JDKs support no atomic modes on byte array views.)
     */
    public static void byteViewWrites() throws InterruptedException {
        byte[] bytes = new byte[8];
        both(() -> BYTES_AS_INTS.set(bytes, 0, 1), () -> BYTES_AS_INTS.set(bytes, 4, 1));
    }

    /** A lost update through a byte array view, which only the conservative treatment of its calls finds. */
    public static void byteViewLostUpdate() throws InterruptedException {
        byte[] bytes = new byte[4];
        Runnable inc = () -> {
            int v = (int) BYTES_AS_INTS.get(bytes, 0);
            BYTES_AS_INTS.set(bytes, 0, v + 1);
        };
        both(inc, inc);
        int value = (int) BYTES_AS_INTS.get(bytes, 0);
        check(value == 2, "lost an update: the int is " + value);
    }
}
