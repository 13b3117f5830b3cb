package dev.smpcheck.plain;

/** Plain Java counters, shared by two threads: the classic lost update and its correct twins. */
public final class Counters {
    private Counters() {}

    static final class Racy {
        int count;
    }

    /** Two threads increment a plain field: an increment can be lost. */
    public static void lostUpdate() throws InterruptedException {
        Racy c = new Racy();
        Thread a = new Thread(() -> c.count++);
        Thread b = new Thread(() -> c.count++);
        a.start();
        b.start();
        a.join();
        b.join();
        if (c.count != 2) {
            throw new AssertionError("lost an update: count is " + c.count);
        }
    }

    static final class Synchronized {
        private int count;

        synchronized void increment() {
            count++;
        }

        synchronized int get() {
            return count;
        }
    }

    /** The same, with synchronized methods: correct. */
    public static void synchronizedIncrement() throws InterruptedException {
        Synchronized c = new Synchronized();
        Thread a = new Thread(c::increment);
        Thread b = new Thread(c::increment);
        a.start();
        b.start();
        a.join();
        b.join();
        if (c.get() != 2) {
            throw new AssertionError("lost an update: count is " + c.get());
        }
    }
}
