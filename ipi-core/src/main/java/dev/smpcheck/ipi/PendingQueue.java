package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;

/**
 * Seed 003's {@code smp_queue_function_single()} (Frederic Weisbecker, "smp: Non busy-waiting IPI queue", Apr 2014):
 * an async cross-call that callers need not serialise and that never busy-waits for a previous one. Built on
 * {@code generic_exec_single}, so it runs in every variant; {@link Variant#PENDING_QUEUE_2014_CLEAR_AFTER_FUNC} moves
 * the handler's clear of {@code pending} after the function.
 *
 * <h2>Protocol</h2>
 * The request does {@code cmpxchg(&qsd->pending, 0, 1)}. If {@code pending} was set, the request returns 0 at once:
 * it is coalesced into the pending run. Otherwise it stores {@code func} and queues {@code qsd->data} (resetting
 * {@code pending} if that fails). The handler {@code xchg}es {@code pending} back to 0 (WARNing if it was not 1) and
 * then runs the function, so any request coalesced before the {@code xchg} is seen by that run, and any request after
 * it queues a new run.
 */
final class PendingQueue {
    private final IpiSystem system;

    PendingQueue(IpiSystem system) {
        this.system = system;
    }

    /** {@code smp_queue_function_single(cpu, func, qsd)}; see {@link IpiSystem#queueFunctionSingle}. */
    int queueFunctionSingle(int cpu, SmpQueueFunc func, QueueSingleData qsd) {
        Cpu me = system.thisCpu("smp_queue_function_single");
        String requester = "CPU" + me.id() + " in smp_queue_function_single";
        Sched.point("cmpxchg pending 0 -> 1", qsd);
        long time = system.requests().tick();
        if (!qsd.pending.compareAndSet(0, 1)) {
            system.requests().promised(qsd, time, true, requester);
            return 0;
        }
        qsd.func = func;
        system.getCpu(me);
        try {
            Csd data = qsd.data;
            // 2014's generic_exec_single() took csd_lock itself; pending already serialises the requests.
            system.csdLock().lock(data);
            data.setCall(this::handler, qsd);
            data.setRoute(me.id(), cpu);
            int err = system.genericExecSingle(me, cpu, data, "smp_queue_function_single");
            if (err != 0) {
                // "Reset in case of error. This must not be called on offline CPUs."
                Sched.point("reset pending", qsd);
                qsd.pending.set(0);
            } else {
                system.requests().promised(qsd, time, false, requester);
            }
            return err;
        } finally {
            system.putCpu(me);
        }
    }

    /** {@code generic_smp_queue_function_single_interrupt(info)}: the csd function of {@code qsd->data}. */
    private void handler(Object info) {
        QueueSingleData qsd = (QueueSingleData) info;
        boolean clearFirst = !system.variant().has(Design.PendingClear.AFTER_FUNC);
        if (clearFirst) {
            clearPending(qsd);
        }
        system.requests().runStarted(qsd);
        qsd.func.run(qsd);
        if (!clearFirst) {
            clearPending(qsd);
        }
    }

    /** {@code WARN_ON_ONCE(xchg(&qsd->pending, 0) != 1)}: a fully ordered exchange. */
    private void clearPending(QueueSingleData qsd) {
        Sched.point("xchg pending 0", qsd);
        if (qsd.pending.getAndSet(0) != 1) {
            system.warnOnce("queue:pending", "smp_queue_function_single handler found " + qsd + " not pending");
        }
    }
}
