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
    private final Execution execution;
    Context context;
    boolean irqsDisabled;
    int preemptCount;
    int hardirqDepth;
    long pending;

    Cpu(int id, Execution execution) {
        this.id = id;
        this.execution = execution;
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
        return context.status == Context.Status.IDLE;
    }

    /** @return whether {@code vector} is pending on this CPU */
    public boolean isPending(IrqVector vector) {
        return (pending & vector.bit()) != 0;
    }

    /** {@code local_irq_disable()}: a schedule point, then irqs are off. */
    public void localIrqDisable() {
        Context self = own();
        execution.point(self, "local_irq_disable", null, null);
        irqsDisabled = true;
    }

    /** {@code local_irq_enable()}: irqs are on, then a schedule point where a pending interrupt may arrive. */
    public void localIrqEnable() {
        Context self = own();
        irqsDisabled = false;
        execution.point(self, "local_irq_enable", null, null);
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
            own();
            irqsDisabled = true;
        } else {
            localIrqEnable();
        }
    }

    /** {@code preempt_disable()}. Not a schedule point: another CPU may still run, this one keeps its task. */
    public void preemptDisable() {
        own();
        preemptCount++;
    }

    /** {@code preempt_enable()}. */
    public void preemptEnable() {
        own();
        if (preemptCount == 0) {
            throw new IllegalStateException("preempt_enable() on CPU" + id + " with preempt count 0");
        }
        preemptCount--;
    }

    private Context own() {
        Context self = Context.current();
        if (self == null || self.cpu != this) {
            throw new IllegalStateException("CPU" + id + "'s state can be changed only by code running on CPU" + id
                    + ", not by " + (self == null ? "an uncontrolled thread" : self.name));
        }
        return self;
    }

    @Override
    public String toString() {
        return "CPU" + id;
    }
}
