package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The threads waiting for a signal: a monitor's wait set ({@code Object.wait}) or a {@code Condition}'s queue. A
 * waiter releases its lock entirely, waits in the model until it is signalled (or interrupted, or timed out) and the
 * lock is free, then takes back all its holds.
 */
final class WaitQueue {
    /** How a wait ended. */
    enum Wakeup { SIGNALLED, INTERRUPTED, TIMED_OUT }

    private static final class Entry {
        final JavaThread thread;
        boolean signalled;

        Entry(JavaThread thread) {
            this.thread = thread;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Waits for a signal.
     *
     * @param lock held by {@code me}; released during the wait and taken back after it
     * @param what what the waiter waits for, for traces and deadlock reports
     * @param on the object waited on, named in traces
     * @param realMonitor the monitor the caller really holds (for {@code Object.wait}), else {@code null}
     * @param interruptible whether an interrupt ends the wait
     * @param timed whether the wait may time out (only when no other thread can run)
     * @return how it ended; an interrupt is left set on {@code me} for the caller to act on
     */
    Wakeup await(ReentrantModel lock, JavaThread me, String what, Object on, Object realMonitor,
            boolean interruptible, boolean timed) {
        int holds = lock.releaseAll();
        Entry e = new Entry(me);
        entries.add(e);
        BooleanSupplier woken = interruptible ? () -> e.signalled || me.interrupted : () -> e.signalled;
        try {
            JvmControl.await(what, on, () -> woken.getAsBoolean() && lock.isFree(),
                    () -> e.signalled ? "signalled, but the lock is " + lock.holder() : "no signal yet", realMonitor,
                    timed ? lock::isFree : null);
        } finally {
            entries.remove(e);
        }
        lock.take(me, holds);
        Wakeup w = e.signalled ? Wakeup.SIGNALLED : me.interrupted ? Wakeup.INTERRUPTED : Wakeup.TIMED_OUT;
        JvmControl.note(w.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + what, on);
        return w;
    }

    /**
     * Signals one waiter. The JVM may wake any waiter of a monitor, so {@code anyOne} makes the choice a data choice
     * of the search; a {@code Condition} wakes the longest-waiting one.
     */
    void signalOne(boolean anyOne) {
        if (entries.isEmpty()) {
            return;
        }
        int i = anyOne && entries.size() > 1 ? Sched.choose("notify wakes one of " + entries.size(), entries.size())
                : 0;
        entries.remove(i).signalled = true;
    }

    void signalAll() {
        for (Entry e : entries) {
            e.signalled = true;
        }
        entries.clear();
    }
}
