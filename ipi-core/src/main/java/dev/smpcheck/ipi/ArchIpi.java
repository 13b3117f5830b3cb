package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;

/**
 * The architecture's cross-call IPIs (x86's {@code CALL_FUNCTION_SINGLE_VECTOR} and {@code CALL_FUNCTION_VECTOR}), as
 * {@code kernel/smp.c} (v6.17) uses them: a send marks the vector pending on the target, several sends coalesce into
 * one handler run, and delivery waits until the target has irqs enabled. Both handlers run the flush.
 *
 * <h2>Fault injection</h2>
 * With {@link IpiOptions#withDroppedIpis} each send is a data choice, delivered or lost, until the budget is spent
 * (catalogue C16: an IPI "wasn't sent ... or didn't result in the target CPU executing the queued function").
 *
 * <h2>Ordering</h2>
 * The arch code must make the sender's {@code llist_add} visible to the handler; the engine's hand-off between threads
 * does.
 */
final class ArchIpi {
    private final Smp smp;
    private final int budget;
    private final IrqVector single;
    private final IrqVector many;
    /** Ghost: IPIs lost by fault injection so far, per target CPU, and in all. */
    private final int[] lostTo;
    private int lost;

    ArchIpi(Smp smp, Flush flush, int budget) {
        this.smp = smp;
        this.budget = budget;
        this.lostTo = new int[smp.cpus()];
        this.single = smp.registerIrq(IpiSystem.CALL_FUNCTION_SINGLE, flush::fromInterrupt);
        this.many = smp.registerIrq(IpiSystem.CALL_FUNCTION, flush::fromInterrupt);
    }

    /** {@code send_call_function_single_ipi(cpu)}: a step of its own, then the arch IPI. */
    void sendSingle(int cpu) {
        Cpu target = smp.cpu(cpu);
        Sched.point("send_call_function_single_ipi", target);
        if (!lost(cpu)) {
            single.raise(target);
        }
    }

    /** {@code send_call_function_ipi_mask(mask)}: one step, then the arch IPI to each CPU of the mask. */
    void sendMask(CpuMask mask) {
        Sched.point("send_call_function_ipi_mask", mask);
        mask.forEach(cpu -> {
            if (!lost(cpu)) {
                many.raise(smp.cpu(cpu));
            }
        });
    }

    /** While the budget lasts, whether this IPI to {@code cpu} is lost is a data choice of the search. */
    private boolean lost(int cpu) {
        if (lost >= budget || !Sched.chooseBoolean("IPI to CPU" + cpu + " lost")) {
            return false;
        }
        lostTo[cpu]++;
        lost++;
        return true;
    }

    /** @return whether a cross-call IPI is pending on {@code cpu} now */
    boolean pending(int cpu) {
        Cpu target = smp.cpu(cpu);
        return target.isPending(single) || target.isPending(many);
    }

    /** @return how many IPIs to {@code cpu} fault injection lost (ghost) */
    int lostTo(int cpu) {
        return lostTo[cpu];
    }
}
