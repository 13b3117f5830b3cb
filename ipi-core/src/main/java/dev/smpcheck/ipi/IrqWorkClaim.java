package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Sched;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * One {@link IrqWork}'s flags on their own: the {@code PENDING | BUSY} claim by {@code atomic_fetch_or} that any CPU
 * makes in {@code irq_work_queue} (v6.17 {@code kernel/irq_work.c}), and the runner's {@code irq_work_single}. Checked
 * against {@code Specifications.irqWork()}: of all claims made while the work is pending exactly one succeeds, and a
 * claim made once the runner cleared {@code PENDING} succeeds again, while the function may still be running.
 *
 * <pre>{@code
 * IrqWorkClaim work = new IrqWorkClaim();
 * work.claim();    // true: this caller queues the work
 * work.claim();    // false: coalesced into the pending run
 * work.run();      // true: the runner ran it; PENDING and BUSY are clear again
 * }</pre>
 *
 * <h2>Who calls what</h2>
 * {@link #claim} may be called from any number of threads at once. {@link #run} stands for the CPU whose
 * {@code raised_list} holds the work and must be called by one thread at a time (with Lincheck: put it in a
 * {@code nonParallelGroup}): a work is queued on one list, and only that list's CPU runs it. The runner takes the work
 * only while {@code PENDING} is set, as it finds only queued works on its list. The steps are the model's own
 * ({@link IrqWork#claimFlags}, {@link IrqWork#clearPending}, {@link IrqWork#clearBusy}), with a schedule point before
 * each, so they interleave under the engine and under Lincheck, and run on plain threads too.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IrqWorkClaim {
    private final AtomicInteger runs = new AtomicInteger();
    private final IrqWork work = new IrqWork("irq_work", w -> runs.incrementAndGet());

    /** Makes an idle work (flags 0) that has not run. */
    public IrqWorkClaim() {}

    /**
     * {@code irq_work_claim(work)}.
     *
     * @return true if this caller claimed the work (it would queue it), false if it was pending already
     */
    public boolean claim() {
        Sched.point("irq_work_claim", work);
        return work.claimFlags();
    }

    /**
     * The runner: if the work is pending, {@code irq_work_single} on it (clear {@code PENDING}, run the function, clear
     * {@code BUSY} unless it was claimed again meanwhile). One thread at a time.
     *
     * @return whether the work was pending and ran
     */
    public boolean run() {
        Sched.point("irq_work_run: look for the work", work);
        if (!work.isPending()) {
            return false;
        }
        Sched.point("irq_work_single: clear PENDING", work);
        int flags = work.clearPending();
        work.func().run(work);
        Sched.point("irq_work_single: clear BUSY", work);
        work.clearBusy(flags);
        return true;
    }

    /** @return the work, to inspect its flags */
    public IrqWork work() {
        return work;
    }

    /** @return how many times the function ran */
    public int runs() {
        return runs.get();
    }

    @Override
    public String toString() {
        return "IrqWorkClaim[flags=" + work.flags() + ", runs=" + runs.get() + "]";
    }
}
