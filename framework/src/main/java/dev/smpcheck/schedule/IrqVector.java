package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * An interrupt vector of one schedule, registered with {@link Smp#registerIrq}. Raising it on a CPU marks it pending
 * there; pending is one bit per CPU and vector, so several raises before delivery coalesce into one handler run, as
 * the arch IPI does.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IrqVector {
    private final int number;
    private final String name;
    private final IrqHandler handler;
    private final CpuHost host;

    IrqVector(int number, String name, IrqHandler handler, CpuHost host) {
        this.number = number;
        this.name = name;
        this.handler = handler;
        this.host = host;
    }

    /** @return the vector number, from 0 in registration order */
    public int number() {
        return number;
    }

    /** @return the name shown in traces */
    public String name() {
        return name;
    }

    IrqHandler handler() {
        return handler;
    }

    long bit() {
        return 1L << number;
    }

    /**
     * Sends this interrupt to {@code target} (a schedule point): it becomes pending there and can be delivered once
     * the target has irqs enabled. Raising a vector that is already pending changes nothing (coalescing).
     *
     * @param target the CPU to interrupt; may be the running CPU itself (a self-IPI)
     */
    public void raise(Cpu target) {
        host.raise(this, target);
    }

    @Override
    public String toString() {
        return name;
    }
}
