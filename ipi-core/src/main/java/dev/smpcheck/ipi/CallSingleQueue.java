package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * One CPU's {@code call_single_queue}: the {@link LlistHead} of {@link CallSingleNode}s (csds, and remote irq_works)
 * waiting for that CPU's flush, as used by {@code kernel/smp.c} since v3.14 and in v6.17.
 *
 * <p>A sender whose {@code llist_add} finds the queue empty owes the CPU a {@code CALL_FUNCTION_SINGLE} IPI; a sender
 * that finds it non-empty sends none, because an IPI is already on its way (or the CPU is flushing) and will find the
 * new entry too.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CallSingleQueue extends LlistHead {
    private final int cpu;

    CallSingleQueue(int cpu, EnqueueHook hook) {
        super("call_single_queue[CPU" + cpu + "]", hook);
        this.cpu = cpu;
    }

    /** @return the CPU whose queue this is */
    public int cpu() {
        return cpu;
    }
}
