package dev.smpcheck.instrument;

/**
 * A {@code java.util.concurrent.locks.Lock} as the model keeps it: a {@code ReentrantLock} ({@link ReentrantModel}),
 * or the read or write side of a {@code ReentrantReadWriteLock} ({@link ReadWriteModel}). A thread that cannot take
 * it waits in the model, so a deadlock is reported with who holds what instead of hanging the JVM.
 */
interface LockModel {

    /** {@code lock()}: takes it, waiting as long as needed; taking a free lock is a point, except in atomic regions. */
    void acquire(JavaThread me, JvmState state);

    /**
     * Takes it unless the wait ends first: by an interrupt ({@code interruptible}) or by a timeout ({@code timed}; a
     * timeout happens only when no other thread can run).
     *
     * @return whether it was taken
     */
    boolean acquire(JavaThread me, boolean interruptible, boolean timed);

    /** {@code tryLock()}: a schedule point, then takes it if it can be taken at once. @return whether it did */
    boolean tryAcquire(JavaThread me, JvmState state, int site);

    /** @return whether {@code me} held it (and has now released one hold) */
    boolean release(JavaThread me);
}
