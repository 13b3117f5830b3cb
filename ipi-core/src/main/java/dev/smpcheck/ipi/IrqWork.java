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

    /**
     * {@code irq_work_claim}'s {@code atomic_fetch_or} of {@code PENDING | BUSY} and the IRQ_WORK type: fully ordered
     * even when it changes nothing, which pairs with the {@code smp_mb()} in {@link #clearPending}.
     *
     * @return whether the claim succeeded ({@code PENDING} was clear); if not, it is coalesced into the pending run
     */
    boolean claimFlags() {
        return (fetchOrFlags(IRQ_WORK_CLAIMED | CSD_TYPE_IRQ_WORK) & IRQ_WORK_PENDING) == 0;
    }

    /**
     * {@code irq_work_single}'s first step: clear {@code PENDING} with a plain {@code atomic_set} (only the runner
     * changes the flags while {@code PENDING} is set, since a claim then changes nothing), then {@code smp_mb()}, which
     * pairs with the fetch-or of a claim that found {@code PENDING} set: that claimer's stores are visible to the
     * function that runs next.
     *
     * @return the flags as the runner left them, for {@link #clearBusy}
     */
    int clearPending() {
        int flags = readFlagsAtomic() & ~IRQ_WORK_PENDING;
        setFlagsAtomic(flags);
        Barriers.mb();
        return flags;
    }

    /**
     * {@code irq_work_single}'s last step, after the function: clear {@code BUSY} with a {@code cmpxchg} that fails
     * harmlessly if the work was claimed again meanwhile (the new claim keeps it busy).
     *
     * @param flags what {@link #clearPending} returned
     */
    void clearBusy(int flags) {
        compareAndSetFlags(flags, flags & ~IRQ_WORK_BUSY);
    }

    /** @return the name, used in traces and reports */
    @Override
    public String toString() {
        return name;
    }
}
