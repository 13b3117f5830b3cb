package dev.smpcheck.instrument;

/**
 * A {@code StampedLock} as the model keeps it: the real lock is not touched under control, as a
 * {@code ReentrantLock} is not. The state is laid out as the JDK lays out its own (a version above a write bit and a
 * reader count), so the stamps the model hands out mean what the JDK's mean: {@code validate} compares versions,
 * {@code StampedLock.isWriteLockStamp} and its kin read them right, and a stamp from before the latest write lock no
 * longer validates. The lock has no owner (any thread may unlock with a valid stamp); the model remembers who took the
 * write lock only to say so in deadlock reports. Readers are not held back by a waiting writer.
 */
final class StampedModel {
    private static final long RBITS = 127L;
    private static final long WBIT = 128L;
    private static final long ABITS = WBIT | RBITS;
    private static final long SBITS = ~RBITS;
    private static final long ORIGIN = WBIT << 1;

    private final JvmState state;
    private final Object lock;
    private long bits = ORIGIN;
    private JavaThread writer;

    StampedModel(Object lock, JvmState state) {
        this.lock = lock;
        this.state = state;
    }

    /**
     * {@code writeLock()} and its interruptible and timed forms.
     *
     * @return the stamp, or 0 when the wait timed out
     */
    long writeLock(boolean interruptible, boolean timed) throws InterruptedException {
        return state.block("write lock of", lock, this::unlocked, this::holders, interruptible, timed) ? takeWrite() : 0;
    }

    /** {@code readLock()} and its interruptible and timed forms: the stamp, or 0 when the wait timed out. */
    long readLock(boolean interruptible, boolean timed) throws InterruptedException {
        return state.block("read lock of", lock, this::notWriteLocked, this::holders, interruptible, timed)
                ? takeRead() : 0;
    }

    /** {@code tryWriteLock()}: a point, then the lock if no one holds it. */
    long tryWriteLock(int site) {
        state.point(site, state.label(lock));
        return unlocked() ? takeWrite() : 0;
    }

    /** {@code tryReadLock()}: a point, then a read lock unless it is write-locked. */
    long tryReadLock(int site) {
        state.point(site, state.label(lock));
        return notWriteLocked() ? takeRead() : 0;
    }

    long tryOptimisticRead(int site) {
        state.point(site, state.label(lock));
        return notWriteLocked() ? bits & SBITS : 0;
    }

    /** {@code validate(stamp)}: a point (it reads the lock), then whether no write lock was taken since. */
    boolean validate(long stamp, int site) {
        state.point(site, state.label(lock));
        return (stamp & SBITS) == (bits & SBITS);
    }

    void unlockWrite(long stamp) {
        if (bits != stamp || (stamp & WBIT) == 0) {
            throw new IllegalMonitorStateException("not the stamp of the write lock held on " + state.label(lock));
        }
        releaseWrite();
    }

    void unlockRead(long stamp) {
        if ((stamp & RBITS) == 0 || (stamp & SBITS) != (bits & SBITS) || (bits & RBITS) == 0) {
            throw new IllegalMonitorStateException("not the stamp of a read lock held on " + state.label(lock));
        }
        bits--;
    }

    void unlock(long stamp) {
        if ((stamp & WBIT) != 0) {
            unlockWrite(stamp);
        } else {
            unlockRead(stamp);
        }
    }

    /** As the JDK: a write stamp stays; the only reader, or an optimistic stamp on a free lock, upgrades; else 0. */
    long tryConvertToWriteLock(long stamp, int site) {
        if (!current(stamp, site)) {
            return 0;
        }
        long mode = stamp & ABITS;
        long held = bits & ABITS;
        if (held == 0) {
            return mode == 0 ? takeWrite() : 0;
        }
        if (held == WBIT) {
            return mode == WBIT ? stamp : 0;
        }
        if (held == 1 && mode != 0) {
            bits = bits - 1 + WBIT;
            writer = state.threads.current();
            return bits;
        }
        return 0;
    }

    /** As the JDK: a write lock downgrades, a read stamp stays, an optimistic one takes a read lock; else 0. */
    long tryConvertToReadLock(long stamp, int site) {
        if (!current(stamp, site)) {
            return 0;
        }
        long mode = stamp & ABITS;
        if (mode >= WBIT) {
            return releasedWrite(stamp) ? takeRead() : 0;
        }
        if (mode == 0) {
            return notWriteLocked() ? takeRead() : 0;
        }
        return (bits & ABITS) == 0 ? 0 : stamp;
    }

    /** As the JDK: a held lock is released and an optimistic stamp returned; an optimistic stamp stays; else 0. */
    long tryConvertToOptimisticRead(long stamp, int site) {
        if (!current(stamp, site)) {
            return 0;
        }
        long mode = stamp & ABITS;
        if (mode >= WBIT) {
            return releasedWrite(stamp) ? bits & SBITS : 0;
        }
        if (mode == 0) {
            return stamp;
        }
        if ((bits & RBITS) == 0) {
            return 0;
        }
        bits--;
        return bits & SBITS;
    }

    /** The start of every conversion: a point (it reads the lock), then whether the stamp's version is current. */
    private boolean current(long stamp, int site) {
        state.point(site, state.label(lock));
        return (bits & SBITS) == (stamp & SBITS);
    }

    /** Releases the write lock if {@code stamp} is the stamp it was taken with. @return whether it did */
    private boolean releasedWrite(long stamp) {
        if (bits != stamp) {
            return false;
        }
        releaseWrite();
        return true;
    }

    boolean tryUnlockWrite() {
        if (notWriteLocked()) {
            return false;
        }
        releaseWrite();
        return true;
    }

    boolean tryUnlockRead() {
        if ((bits & RBITS) == 0) {
            return false;
        }
        bits--;
        return true;
    }

    boolean isWriteLocked() {
        return !notWriteLocked();
    }

    int readLockCount() {
        return (int) (bits & RBITS);
    }

    private boolean unlocked() {
        return (bits & ABITS) == 0;
    }

    private boolean notWriteLocked() {
        return (bits & WBIT) == 0;
    }

    private long takeWrite() {
        bits += WBIT;
        writer = state.threads.current();
        return bits;
    }

    private long takeRead() {
        if ((bits & RBITS) == RBITS - 1) {
            throw new UnsupportedOperationException("smpcheck models at most 125 read holds of a StampedLock");
        }
        return ++bits;
    }

    /** A new version without the write bit; the version wraps past zero to the origin, as the JDK's does. */
    private void releaseWrite() {
        bits += WBIT;
        if (bits == 0) {
            bits = ORIGIN;
        }
        writer = null;
    }

    private String holders() {
        if (!notWriteLocked()) {
            return "write-locked by " + writer;
        }
        return readLockCount() == 0 ? "free" : "read-locked " + readLockCount() + " time(s)";
    }
}
