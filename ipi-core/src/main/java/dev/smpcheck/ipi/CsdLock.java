package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import java.util.Locale;

/**
 * The csd lock of {@code kernel/smp.c} (v6.17): {@code csd_lock_wait}, {@code csd_lock} and {@code csd_unlock}.
 *
 * <p>{@code CSD_FLAG_LOCK} is not a mutex: the owner sets it before sending a csd, and the CPU that runs the csd clears
 * it, which is how the owner learns that it may reuse the csd (and, for SYNC csds, that the function completed). Only
 * the csd's owner calls {@link #lock}; only the flush calls {@link #unlock}.
 */
final class CsdLock {
    private final IpiSystem system;

    CsdLock(IpiSystem system) {
        this.system = system;
    }

    /**
     * {@code csd_lock_wait(csd)}: spins until {@code LOCK} is clear, reading it with acquire ordering
     * ({@code smp_cond_load_acquire}), so the caller then sees everything the function wrote. Under the engine this is
     * one wait; if it can never end, the deadlock report carries a line in the style of
     * {@code CONFIG_CSD_LOCK_WAIT_DEBUG}'s "non-responsive CSD lock" message.
     *
     * <p>With {@link Variant#GENERIC_IPI_2008_POLL_OWN_QUEUE} the waiter also flushes its own queue whenever it is not
     * empty (seed 000, idea #5). With {@link IpiOptions#withCsdLockWaitDebug} it re-sends the target's IPI when that
     * could help ({@code CONFIG_CSD_LOCK_WAIT_DEBUG}).
     */
    void waitUnlocked(Csd csd) {
        Cpu me = Sched.currentCpu();
        int waiter = me == null ? -1 : me.id();
        boolean poll = me != null && system.variant().has(Design.LockWait.POLL_OWN_QUEUE);
        boolean debug = me != null && system.options().csdLockWaitDebug();
        if (!poll && !debug) {
            Sched.awaitUntil("csd_lock_wait", csd, () -> unlocked(csd), () -> stallReport(csd, waiter));
            return;
        }
        CallSingleQueue own = system.callSingleQueue(waiter);
        for (;;) {
            Sched.awaitUntil("csd_lock_wait", csd, () -> unlocked(csd) || (poll && !own.isEmpty())
                    || (debug && resendHelps(csd)), () -> stallReport(csd, waiter));
            if (unlocked(csd)) {
                return;
            }
            if (poll && !own.isEmpty()) {
                // Seed 000 idea #5: a waiting CPU answers the calls queued to it, so two waiters cannot deadlock.
                system.flush().pollOwnQueue(me);
            } else {
                // csd_lock_wait_toolong(): the target is not in a flush and no IPI is on its way, yet it holds queued
                // work; re-send the IPI that was lost (C16).
                Sched.point("csd: Re-sending CSD lock IPI from CPU#" + waiter + " to CPU#" + csd.dst(), csd);
                system.sendCallFunctionSingleIpi(csd.dst());
            }
        }
    }

    /** Whether re-sending the target's IPI could unstick {@code csd}: the debug code's "target is unresponsive". */
    private boolean resendHelps(Csd csd) {
        int dst = csd.dst();
        return dst >= 0 && dst < system.nrCpus() && !system.flush().isFlushing(dst) && !system.ipiPending(dst)
                && !system.callSingleQueue(dst).isEmpty() && system.cpuOnline(dst);
    }

    /**
     * The read {@code csd_lock_wait} spins on: an acquire load of the flags, which pairs with the store-release in
     * {@link #unlock}.
     */
    private static boolean unlocked(Csd csd) {
        return (csd.loadFlagsAcquire() & CallSingleNode.CSD_FLAG_LOCK) == 0;
    }

    /**
     * {@code csd_lock(csd)}: waits for the previous use to be unlocked, then sets {@code LOCK} with a plain
     * read-modify-write (two steps: the read right after the wait, the write after a schedule point), then
     * {@code smp_wmb()} so that {@code LOCK} is ordered before the caller's stores of func and info.
     */
    void lock(Csd csd) {
        waitUnlocked(csd);
        int flags = csd.readFlagsPlain();
        Sched.point("csd_lock", csd);
        csd.writeFlagsPlain(flags | CallSingleNode.CSD_FLAG_LOCK);
        // smp_wmb(): LOCK before func/info; the flush, which sees func/info only after its llist_del_all, then also
        // sees the csd locked.
        Barriers.wmb();
    }

    /**
     * {@code csd_unlock(csd)}: WARNs if the csd is not locked, then a store-release of 0 to the whole flags word (which
     * also clears the type). Everything the flush did with the csd, and for a SYNC csd everything its function wrote,
     * happens before the owner's {@code csd_lock_wait} sees it clear. After this the flush must not touch the csd.
     */
    void unlock(Csd csd) {
        Sched.point("csd_unlock", csd);
        if (!csd.isLocked()) {
            system.warn("csd_unlock of " + csd + ", which is not locked");
        }
        // A generation is enqueued at most once (CallLedger.enqueued), so the csd's latest ticket is the one this
        // unlock ends, if it is of the current generation.
        CallLedger.Ticket enqueue = csd.ticket;
        if (enqueue != null && enqueue.generation == csd.generation()) {
            enqueue.unlocked = true; // ghost: this generation is the owner's again
        }
        csd.storeFlagsRelease(0);
    }

    /**
     * What a stuck wait looks like, in the words of {@code csd_lock_wait_toolong}: who waits, for which CPU and csd,
     * and whether the target is handling this request, a prior one, or none ("unresponsive").
     */
    private String stallReport(Csd csd, int waiter) {
        int dst = csd.dst();
        StringBuilder sb = new StringBuilder("csd: non-responsive CSD lock on CPU#").append(waiter)
                .append(", waiting for CPU#").append(dst).append(' ').append(csd).append("; target is ");
        if (dst < 0 || dst >= system.nrCpus()) {
            return sb.append("not a CPU").toString();
        }
        Csd running = system.flush().currentCsd(dst);
        if (system.cpuState(dst) != CpuState.ONLINE) {
            sb.append(system.cpuState(dst).name().toLowerCase(Locale.ROOT));
        } else if (running == csd) {
            sb.append("handling this request");
        } else if (running != null) {
            sb.append("handling prior ").append(running).append(" request");
        } else {
            sb.append("unresponsive").append(system.cpu(dst).irqsDisabled() ? " (irqs disabled)" : "");
        }
        return sb.toString();
    }
}
