package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import java.util.function.BooleanSupplier;

/**
 * A reentrant lock as the model keeps it, for a Java monitor or a {@code ReentrantLock}: its owner and hold count. A
 * thread that finds it held waits in the model (it is not enabled until the lock is free), so a deadlock is reported
 * with who holds what instead of hanging the JVM.
 */
final class ReentrantModel implements LockModel {
    private final String what;
    private final Object on;
    private JavaThread owner;
    private int holds;

    /**
     * @param what what a waiting thread waits for, for traces and deadlock reports, such as {@code monitor of}
     * @param on the object it belongs to, named in traces
     */
    ReentrantModel(String what, Object on) {
        this.what = what;
        this.on = on;
    }

    JavaThread owner() {
        return owner;
    }

    int holds() {
        return holds;
    }

    boolean isFree() {
        return owner == null;
    }

    /**
     * Takes the lock, waiting while another thread holds it. Taking a free lock is a schedule point, unless the caller
     * is in an atomic region, where it is taken at once; re-entering is never a point.
     */
    @Override
    public void acquire(JavaThread me, JvmState state) {
        if (owner == me) {
            holds++;
            return;
        }
        if (owner != null || !state.inAtomicRegion()) {
            JvmControl.await(what, on, this::isFree, this::holder, null, null);
        }
        take(me, 1);
        JvmControl.note("took " + what, on);
    }

    /**
     * Takes the lock unless the wait ends first: by an interrupt ({@code interruptible}) or by a timeout
     * ({@code timed}; a timeout happens only when no other thread can run).
     *
     * @return whether the lock was taken
     */
    @Override
    public boolean acquire(JavaThread me, boolean interruptible, boolean timed) {
        if (owner == me) {
            holds++;
            return true;
        }
        BooleanSupplier ready = interruptible ? () -> owner == null || me.interrupted : this::isFree;
        JvmControl.await(what, on, ready, this::holder, null, timed ? () -> true : null);
        if (owner != null) {
            return false;
        }
        take(me, 1);
        JvmControl.note("took " + what, on);
        return true;
    }

    /** A schedule point, then takes the lock if it is free or already the caller's. @return whether it did */
    @Override
    public boolean tryAcquire(JavaThread me, JvmState state, int site) {
        state.point(site, on);
        if (owner != null && owner != me) {
            return false;
        }
        take(me, owner == me ? holds + 1 : 1);
        return true;
    }

    /** @return whether {@code me} held the lock (and has now released one hold) */
    @Override
    public boolean release(JavaThread me) {
        if (owner != me) {
            return false;
        }
        if (--holds == 0) {
            owner = null;
            JvmControl.note("released " + what, on);
        }
        return true;
    }

    /** Releases every hold of the owner, for a wait. @return how many there were, to restore afterwards */
    int releaseAll() {
        int h = holds;
        owner = null;
        holds = 0;
        return h;
    }

    /** Makes {@code me} the owner with {@code count} holds; the lock must be free or {@code me}'s. */
    void take(JavaThread me, int count) {
        owner = me;
        holds = count;
    }

    String holder() {
        return owner == null ? "free" : "held by " + owner.name;
    }
}
