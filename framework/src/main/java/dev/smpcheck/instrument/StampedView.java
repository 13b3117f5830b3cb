package dev.smpcheck.instrument;

/**
 * The read or the write view of a {@code StampedLock} ({@code asReadLock()}, {@code asWriteLock()}) as a
 * {@link LockModel}: each call does what the JDK's view does with the lock's stamps, on the schedule's
 * {@link StampedModel} of that lock, so the views and the lock's own stamp methods exclude each other. As in the JDK,
 * a view has no owner (any thread may unlock it) and is not reentrant.
 */
final class StampedView implements LockModel {
    private final StampedModel lock;
    private final boolean write;

    StampedView(StampedModel lock, boolean write) {
        this.lock = lock;
        this.write = write;
    }

    @Override
    public void acquire(JavaThread me, JvmState state) {
        if (!acquire(me, false, false)) {
            throw new AssertionError("an untimed, uninterruptible wait for " + lock + " ended without the lock");
        }
    }

    @Override
    public boolean acquire(JavaThread me, boolean interruptible, boolean timed) {
        try {
            return (write ? lock.writeLock(interruptible, timed) : lock.readLock(interruptible, timed)) != 0;
        } catch (InterruptedException e) {
            // The model cleared the flag to throw; the caller (Locks) throws for it, as for every LockModel.
            me.interrupted = true;
            return false;
        }
    }

    @Override
    public boolean tryAcquire(JavaThread me, JvmState state, int site) {
        return (write ? lock.tryWriteLock(site) : lock.tryReadLock(site)) != 0;
    }

    /** As the JDK's views: releases a write lock or one read hold, whoever took it. */
    @Override
    public boolean release(JavaThread me) {
        return write ? lock.tryUnlockWrite() : lock.tryUnlockRead();
    }
}
