package dev.smpcheck.instrument;

/**
 * The model of one {@code java.lang.Thread} inside a schedule: the logical thread a controlled thread runs as, with
 * the state Java keeps per thread and the model replaces (the interrupt flag, the park permit). The body and the CPUs
 * are threads too, as the worker threads they run on.
 */
final class JavaThread {
    /** What {@code Thread.currentThread()} returns in this logical thread. */
    final Thread thread;
    /** The name traces and deadlock reports use. */
    final String name;
    boolean finished;
    boolean interrupted;
    boolean permit;
    /** The pool whose worker this thread is, else {@code null}: where its {@code fork}s go, which queue it helps. */
    PoolModel pool;

    JavaThread(Thread thread, String name) {
        this.thread = thread;
        this.name = name;
    }

    /** @return whether the interrupt flag was set, clearing it (as {@code Thread.interrupted()} does) */
    boolean takeInterrupt() {
        boolean was = interrupted;
        interrupted = false;
        return was;
    }

    /** Throws, as Java's blocking methods do, when the interrupt flag is set, and clears it. */
    void throwIfInterrupted() throws InterruptedException {
        if (takeInterrupt()) {
            throw new InterruptedException();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
