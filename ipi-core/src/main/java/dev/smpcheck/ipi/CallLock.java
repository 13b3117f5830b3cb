package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.SpinLock;
import java.util.List;

/**
 * Seed 000's idea #1 ({@link Variant#GENERIC_IPI_2008_GLOBAL_LOCK}): one global {@code call_lock} so that only one
 * cross-call in the system proceeds, as x86 did before generic-ipi ("That is what we used to do"). A no-op in every
 * other variant.
 *
 * <p>The lock is taken spinning with irqs <em>enabled</em>, so a CPU that waits for the lock still answers the
 * holder's IPI, and held until every function of the call has started (no wait) or completed (wait). At most one call
 * is therefore ever enqueued and not yet started, which {@link IpiSystem#maxCallsInFlight()} makes observable.
 */
final class CallLock {
    private final IpiSystem system;
    private final SpinLock lock = new SpinLock("call_lock");

    CallLock(IpiSystem system) {
        this.system = system;
    }

    private boolean active() {
        return system.variant().has(Design.CallSerialization.GLOBAL_LOCK);
    }

    /** Takes {@code call_lock}, with irqs enabled while spinning if the caller (in task context) had them off. */
    void acquire(Cpu me) {
        if (!active()) {
            return;
        }
        boolean reenable = me.irqsDisabled() && me.inTask();
        if (reenable) {
            me.localIrqEnable();
        }
        lock.lock();
        if (reenable) {
            me.localIrqDisable();
        }
    }

    /**
     * Releases {@code call_lock} once every enqueued function of the call has started (the old {@code data.started}
     * count); a waiting call's functions have completed already.
     */
    void release(List<CallLedger.Ticket> tickets) {
        if (!active()) {
            return;
        }
        for (CallLedger.Ticket t : tickets) {
            if (!t.started()) {
                Sched.awaitUntil("call_lock holder waits until its call started", t.csd, t::started,
                        () -> t + " has not started");
            }
        }
        lock.unlock();
    }
}
