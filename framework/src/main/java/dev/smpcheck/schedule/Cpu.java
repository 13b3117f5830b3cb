package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * A simulated CPU of one schedule: its interrupt state and the logical thread that runs its tasks.
 *
 * <p>The state follows the kernel's: irqs enabled or disabled (with {@code local_irq_save}/{@code restore} nesting),
 * a preempt count, whether it is in hard interrupt context, and a set of pending interrupt vectors. A pending vector is
 * delivered only while irqs are enabled, as a choice of the strategy; the handler then runs nested on this CPU.
 *
 * <h2>Rules</h2>
 * A CPU's state may only be changed by code running on that CPU (its task or a handler nested on it); anything else
 * is a programming error in the model and throws {@link IllegalStateException}. Enabling irqs and disabling them are
 * schedule points, because an interrupt can arrive right before or after either.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Cpu {
    private final int id;
    private final CpuHost host;
    /** The logical thread of this CPU under the controlled engine; {@code null} when real threads act as it. */
    Context context;
    boolean irqsDisabled;
    int preemptCount;
    int hardirqDepth;
    long pending;

    Cpu(int id, CpuHost host) {
        this.id = id;
        this.host = host;
    }

    /** @return this CPU's number, from 0 */
    public int id() {
        return id;
    }

    /** @return whether irqs are disabled on this CPU */
    public boolean irqsDisabled() {
        return irqsDisabled;
    }

    /** @return the preempt count ({@code preempt_count()}); 0 in a plain task */
    public int preemptCount() {
        return preemptCount;
    }

    /** @return whether this CPU is running an interrupt handler ({@code in_hardirq()}) */
    public boolean inInterrupt() {
        return hardirqDepth > 0;
    }

    /** @return whether this CPU runs in task context ({@code in_task()}) */
    public boolean inTask() {
        return hardirqDepth == 0;
    }

    /** @return whether this CPU has finished its tasks and waits only for interrupts */
    public boolean isIdle() {
        return host.isIdle(this);
    }

    /** @return whether {@code vector} is pending on this CPU */
    public boolean isPending(IrqVector vector) {
        return host.isPending(this, vector.bit());
    }

    /** {@code local_irq_disable()}: a schedule point, then irqs are off. */
    public void localIrqDisable() {
        host.cpuPoint(this, "local_irq_disable");
        irqsDisabled = true;
    }

    /** {@code local_irq_enable()}: irqs are on, then a schedule point where a pending interrupt may arrive. */
    public void localIrqEnable() {
        host.checkOnCpu(this);
        irqsDisabled = false;
        host.cpuPoint(this, "local_irq_enable");
    }

    /**
     * {@code local_irq_save(flags)}: a schedule point, then irqs are off.
     *
     * @return the previous state, to pass to {@link #localIrqRestore}
     */
    public boolean localIrqSave() {
        boolean previous = irqsDisabled;
        localIrqDisable();
        return previous;
    }

    /** @param wasDisabled the value {@link #localIrqSave()} returned */
    public void localIrqRestore(boolean wasDisabled) {
        if (wasDisabled) {
            host.checkOnCpu(this);
            irqsDisabled = true;
        } else {
            localIrqEnable();
        }
    }

    /** {@code preempt_disable()}. Not a schedule point: another CPU may still run, this one keeps its task. */
    public void preemptDisable() {
        host.checkOnCpu(this);
        preemptCount++;
    }

    /** {@code preempt_enable()}. */
    public void preemptEnable() {
        host.checkOnCpu(this);
        if (preemptCount == 0) {
            throw new IllegalStateException("preempt_enable() on CPU" + id + " with preempt count 0");
        }
        preemptCount--;
    }


    /** Hard-irq entry, whoever delivers: the handler runs nested on this CPU with irqs off. */
    void irqEnter() {
        irqsDisabled = true;
        hardirqDepth++;
    }

    /** Hard-irq exit: delivery happens only with irqs enabled, so returning from the handler enables them again. */
    void irqExit() {
        hardirqDepth--;
        irqsDisabled = false;
    }

    /**
     * @param cpus the CPUs of a schedule or a free run
     * @param id the id asked for
     * @param scope {@code schedule} or {@code run}, for the message
     * @return the CPU with that id
     * @throws IllegalArgumentException for an id out of range, naming the range
     */
    static Cpu select(Cpu[] cpus, int id, String scope) {
        if (id < 0 || id >= cpus.length) {
            throw new IllegalArgumentException("no CPU" + id + ": this " + scope + " has CPUs 0.." + (cpus.length - 1));
        }
        return cpus[id];
    }

    /** @return the error for code that changes this CPU's state from elsewhere ({@code caller} names where) */
    IllegalStateException notRunningHere(String caller) {
        return new IllegalStateException("CPU" + id + "'s state can be changed only by code running on CPU" + id
                + ", not by " + caller);
    }

    @Override
    public String toString() {
        return "CPU" + id;
    }
}
