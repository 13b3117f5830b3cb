package dev.smpcheck.ipi;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Deferred work run from hard interrupt context: the kernel's {@code struct irq_work} ({@code include/linux/irq_work.h},
 * {@code kernel/irq_work.c}, v6.17). Its node has the same layout as a csd's, so a work queued on another CPU travels
 * on that CPU's {@code call_single_queue} as type {@code CSD_TYPE_IRQ_WORK} (since v5.8); a work queued on the calling
 * CPU goes on that CPU's {@code raised_list} and a self-IPI ({@code IRQ_WORK}) runs it.
 *
 * <h2>States</h2>
 * The flags word holds {@link #IRQ_WORK_PENDING} (queued, not yet started) and {@link #IRQ_WORK_BUSY} (claimed or
 * running): free {@code 0} → claimed {@code P|B} → queued → running {@code B} → free. A claim succeeds unless
 * {@code PENDING} is set, so a work can be re-queued while it runs. A claim that finds it pending is coalesced: the
 * pending run promises to see the claimer's earlier writes.
 *
 * <p>Make one with {@link IpiSystem#newIrqWork} ({@code init_irq_work}); queue it with {@link IpiSystem#irqWorkQueue}
 * or {@link IpiSystem#irqWorkQueueOn}; wait for it to be idle with {@link IpiSystem#irqWorkSync} before freeing it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IrqWork extends CallSingleNode {

    /** {@code IRQ_WORK_PENDING} (bit 0, shared with {@code CSD_FLAG_LOCK}): queued and not yet started. */
    public static final int IRQ_WORK_PENDING = 0x01;
    /** {@code IRQ_WORK_BUSY}: claimed or running; cleared after the function returns. */
    public static final int IRQ_WORK_BUSY = 0x02;
    /** {@code IRQ_WORK_CLAIMED}: {@code PENDING | BUSY}, what a claim sets. */
    public static final int IRQ_WORK_CLAIMED = IRQ_WORK_PENDING | IRQ_WORK_BUSY;

    private final String name;
    private final IrqWorkFunc func;

    IrqWork(String name, IrqWorkFunc func) {
        super(0);
        this.name = Objects.requireNonNull(name, "name");
        this.func = Objects.requireNonNull(func, "func");
    }

    /** @return the function */
    public IrqWorkFunc func() {
        return func;
    }

    /** @return {@code irq_work_is_pending()}: queued and not yet started */
    public boolean isPending() {
        return (flags() & IRQ_WORK_PENDING) != 0;
    }

    /** @return {@code irq_work_is_busy()}: claimed or running */
    public boolean isBusy() {
        return (flags() & IRQ_WORK_BUSY) != 0;
    }

    /** @return the name, used in traces and reports */
    @Override
    public String toString() {
        return name;
    }
}
