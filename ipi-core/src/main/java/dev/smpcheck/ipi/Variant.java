package dev.smpcheck.ipi;

import dev.smpcheck.ipi.Design.AsyncClaim;
import dev.smpcheck.ipi.Design.AsyncOnLocked;
import dev.smpcheck.ipi.Design.AsyncUnlock;
import dev.smpcheck.ipi.Design.CallSerialization;
import dev.smpcheck.ipi.Design.DyingFlush;
import dev.smpcheck.ipi.Design.LockWait;
import dev.smpcheck.ipi.Design.ManyWait;
import dev.smpcheck.ipi.Design.NoWaitCsd;
import dev.smpcheck.ipi.Design.PendingClear;
import dev.smpcheck.ipi.Design.QueueTrace;
import org.apiguardian.api.API;

/**
 * The designs of the cross-call subsystem the model can run: the v6.17 baseline and the historical or proposed designs
 * of the seed discussions. Each constant's Javadoc cites its source and states the verdict the tests pin down.
 *
 * <p>A variant changes only the pieces its source changed; everything else behaves as in {@link #V6_17}. In
 * particular every variant uses the modern per-CPU {@code call_single_queue} (an {@code llist}) and, unless it is
 * about the flush, the v4.0+ flush (SYNC entries: func then unlock; ASYNC entries: unlock then func), so a difference
 * in verdict comes from the one design decision the variant is about.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Variant {

    /**
     * The baseline, {@code kernel/smp.c} as of v6.17 (the same through v7.1 for everything this model covers):
     * {@code smp_call_function_single} uses an on-stack SYNC csd when waiting and the per-CPU {@code csd_data} (after
     * {@code csd_lock}) when not; {@code smp_call_function_single_async} returns {@code -EBUSY} on a locked csd, but its
     * test-and-set is a plain load followed by a plain store.
     *
     * <p>Verdict: a waiting single call always returns after its function completed; {@code _async} behaves as
     * {@link #V5_7_ASYNC_EBUSY}; and, like {@link #NONATOMIC_ASYNC}, two CPUs racing {@code _async} on one csd can
     * add it to the target's queue twice ({@code LIST_CORRUPTION}): callers must serialise their own csds.
     */
    V6_17(Design.BASELINE, "kernel/smp.c v6.17"),

    /**
     * {@code smp_call_function_single_async} from v4.0 (8053871d0f7f) to v5.6: on a csd that is still locked it WARNs
     * and then waits in {@code csd_lock_wait} before re-queueing it. Seed 002 (Peter Xu, "smp: Allow
     * smp_call_function_single_async() to insert locked csd", Dec 2019), before the patch; catalogue C12.
     *
     * <p>Verdict: DEADLOCK. With irqs off (allowed for {@code _async}) and a target that cannot take the IPI until
     * the caller moves on, the caller spins on the lock forever.
     */
    PRE_5_7_ASYNC_WARN_WAIT(Design.BASELINE.with(AsyncOnLocked.WARN_AND_WAIT),
            "seed 002 before 5a18ceca6350 (v4.0-v5.6)"),

    /**
     * {@code smp_call_function_single_async} since 5a18ceca6350 (v5.7): a locked csd makes it return {@code -EBUSY}
     * at once. Seed 002 after the patch. Safe because an ASYNC csd is unlocked before its function runs, so a csd
     * seen locked still has its run ahead of it.
     *
     * <p>Verdict: passes; a {@code -EBUSY} never loses the pending run, which happens after the call returned.
     */
    V5_7_ASYNC_EBUSY(Design.BASELINE, "seed 002 after 5a18ceca6350 (v5.7)"),

    /**
     * Mainline's {@code _async} claim, a plain test of {@code CSD_FLAG_LOCK} and then a plain store, used by two CPUs
     * at once on one csd. Seed 004 (Peter Zijlstra, "[RFC][PATCH v2 08/10] smp,irq_work: Use the new irq_work API",
     * Aug 2020: "the non-atomic test-and-set ... causes trivial list corruption"); catalogue C14 (19a1f5ec6999).
     * Behaves exactly as {@link #V6_17}; the constant exists to name the seed's "before".
     *
     * <p>Verdict: LIST_CORRUPTION with 3 CPUs: both callers see the csd unlocked and both {@code llist_add} it. The
     * second add either finds the node still on CPU2's queue, or finds that CPU2's flush already took it off. In the
     * second case the kernel's list survives for the moment, but the csd is queued again while the flush unlocks it
     * (its next {@code csd_unlock} WARNs, and the next claim adds a node that is on a list); the model reports both
     * cases as the double enqueue of one lock generation, naming both senders, not as the later access to an unlocked
     * csd ({@code USE_AFTER_FREE}), so every search strategy meets the same verdict.
     */
    NONATOMIC_ASYNC(Design.BASELINE, "seed 004, mainline plain test-and-set"),

    /**
     * {@code _async} taking {@code CSD_FLAG_LOCK} with one atomic read-modify-write, as proposed in patch 9 of Peter
     * Zijlstra's 2020 series ("Make smp_call_function_single_async() safer"; never merged). Seed 004's "after".
     *
     * <p>Verdict: passes; of two racing callers one gets {@code -EBUSY} unless the first run already unlocked the csd.
     */
    ATOMIC_ASYNC(Design.BASELINE.with(AsyncClaim.ATOMIC), "seed 004, atomic claim (2020 RFC patch 9, unmerged)"),

    /**
     * The 2008 generic-ipi design (Jens Axboe's branch, merged as 3d4422332711 for 2.6.27): a no-wait single call
     * allocates its csd with {@code kmalloc(GFP_ATOMIC)}; when that fails (a data choice of the search) it falls back
     * to an on-stack csd and waits for it. Seed 000 (Apr-May 2008 thread, "We cannot always fallback to wait");
     * catalogue C1.
     *
     * <p>Verdict: DEADLOCK with 2 CPUs calling each other with irqs off: both allocations fail, both spin for the
     * other's acknowledgement, and neither can take the other's IPI.
     */
    GENERIC_IPI_2008_FALLBACK_TO_WAIT(Design.BASELINE.with(NoWaitCsd.KMALLOC_ELSE_STACK_AND_WAIT),
            "seed 000, 2008 generic-ipi fallback"),

    /**
     * Idea #5 of seed 000 (Paul McKenney, 2008): as {@link #GENERIC_IPI_2008_FALLBACK_TO_WAIT}, but a CPU that waits
     * for its csd polls its own {@code call_single_queue} and flushes it (with irqs disabled), which breaks the cycle.
     * Never adopted: {@code csd_lock_wait} still only spins.
     *
     * <p>Verdict: passes; seed 000's two CPUs calling each other with irqs off and failing allocations never deadlock,
     * exhaustively within the preemption bound.
     */
    GENERIC_IPI_2008_POLL_OWN_QUEUE(
            Design.BASELINE.with(NoWaitCsd.KMALLOC_ELSE_STACK_AND_WAIT, LockWait.POLL_OWN_QUEUE),
            "seed 000, idea #5 (never merged)"),

    /**
     * {@code smp_call_function_many_cond} with the wait keyed on "an IPI was sent" instead of "work was enqueued": the
     * tip-only change a12a498a9738 (2025, reverted; syzbot, Rik van Riel, Jann Horn), which 946a72819825 replaced for
     * v6.17 by tracking the two separately. Catalogue C18.
     *
     * <p>Verdict: WAIT_RETURNED_EARLY with 2 CPUs. CPU0 waits for a call to CPU1 while CPU1's queue already holds an
     * entry: the {@code llist_add} finds it non-empty, so no IPI is owed, no wait happens, and the call returns before
     * its function ran (in the kernel, a TLB flush of an exiting mm that freed the mm too early).
     */
    MANY_COND_WAIT_IF_IPI_SENT(Design.BASELINE.with(ManyWait.IF_IPI_SENT),
            "C18, a12a498a9738 (tip only, before 946a72819825)"),

    /**
     * Idea #1 of seed 000 (Paul McKenney, 2008): "Global lock so that only one smp_call_function() in the system
     * proceeds. Additional calls would be spinning with irqs -enabled- on the lock, avoiding deadlock." Applied to
     * {@link #GENERIC_IPI_2008_FALLBACK_TO_WAIT}: every single and many call takes one {@code call_lock}, spinning
     * with irqs enabled, and holds it until its functions started (no wait) or completed (wait); Jens Axboe: "That is
     * what we used to do, that will obviously work. But defeats most of the purpose".
     *
     * <p>Verdict: passes (no deadlock, exhaustively within the preemption bound for seed 000's two CPUs calling each
     * other with irqs off), but only one call is ever in flight: {@link IpiSystem#maxCallsInFlight()} is 1 where the
     * other designs reach 2.
     */
    GENERIC_IPI_2008_GLOBAL_LOCK(
            Design.BASELINE.with(NoWaitCsd.KMALLOC_ELSE_STACK_AND_WAIT, CallSerialization.GLOBAL_LOCK),
            "seed 000, idea #1 (the pre-generic-ipi call_lock)"),

    /**
     * Seed 001 (Andrew Morton and Steven Rostedt, "Buggy IPI and MTRR code on low memory", Jan 2009): a no-wait
     * {@code smp_call_function_single} uses one csd per <em>destination</em>; the sender takes that csd's lock
     * ({@code spin_lock(per_cpu(cpu, locks))}, modelled as an atomic claim of {@code LOCK}) and the destination's IPI
     * handler releases it once it has the call's data. Andrew Morton: "I have a suspicion that this is AB/BA
     * deadlockable." Merged instead: per-<em>source</em> {@code csd_data} (d7240b988017, 2.6.29).
     *
     * <p>Verdict: DEADLOCK when two CPUs each send the other two no-wait calls with irqs disabled: each spins on the
     * lock of the other's slot, which only the other's handler would release. With irqs enabled it passes: the
     * spinning sender takes the IPI whose handler releases the other CPU's lock (exhaustively within one preemption;
     * within two, 176,532 schedules, in the sample's slow test).
     */
    PER_DESTINATION_LOCK_2009(Design.BASELINE.with(NoWaitCsd.PER_DESTINATION_SLOT),
            "seed 001, per-destination lock released by the handler (2009 proposal)"),

    /**
     * The flush before 8053871d0f7f (Linus Torvalds, "smp: Fix smp_call_function_single_async() locking", v4.0):
     * every csd, ASYNC too, was unlocked only after its function returned, and {@code _async} waited in
     * {@code csd_lock} for a locked csd without a warning (the fix added the WARN). Catalogue C11.
     *
     * <p>Verdict: DEADLOCK with 2 CPUs when an async function re-queues its own csd: the re-queue waits for a lock
     * that is released only after that same function returns ("target is handling this request"). No kernel WARN
     * fires on the way: that kernel's {@code _async} and {@code csd_lock} check nothing, and its {@code csd_unlock}
     * WARNs only for a waited-for csd. The "WARN + wait" on a locked csd came with the fix and is
     * {@link #PRE_5_7_ASYNC_WARN_WAIT}, under which this re-queue succeeds.
     */
    PRE_4_0_UNLOCK_AFTER_FUNC(Design.BASELINE.with(AsyncUnlock.AFTER_FUNC, AsyncOnLocked.WAIT),
            "C11, before 8053871d0f7f (v3.15-v3.19)"),

    /**
     * Seed 003 (Frederic Weisbecker, "[PATCH 1/2] smp: Non busy-waiting IPI queue", Apr 2014): the baseline plus
     * {@link IpiSystem#queueFunctionSingle}, whose handler clears {@code pending} with an {@code xchg} before running
     * the function. (The function is available in every variant; this constant names the seed's design.)
     *
     * <p>Verdict: passes; a request that finds the work pending is always followed by a run that sees its writes.
     */
    PENDING_QUEUE_2014(Design.BASELINE, "seed 003, smp_queue_function_single (2014 proposal)"),

    /**
     * Seed 003's queue with the handler's two steps swapped: run the function, then clear {@code pending}. A
     * hypothetical mistake, the one the seed's ordering argument rules out.
     *
     * <p>Verdict: LOST_UPDATE with 2 CPUs: a request made while the function runs finds {@code pending} still set and
     * is coalesced into a run that already read the old data, and no later run happens.
     */
    PENDING_QUEUE_2014_CLEAR_AFTER_FUNC(Design.BASELINE.with(PendingClear.AFTER_FUNC),
            "seed 003 with pending cleared after the function (wrong order)"),

    /**
     * CPU hotplug before 8d056c48e486 (v3.16), which added the flush of the outgoing CPU's queue in its DYING step:
     * no {@code smpcfd_dying_cpu()} flush, so work a sender queued while the CPU was still online, but whose IPI the
     * outgoing CPU no longer took, stays queued on a dead CPU. Catalogue C10.
     *
     * <p>Verdict: LOST_CALL with 2 CPUs and a hotplug thread: the outgoing CPU takes its stopper before the queued
     * call's IPI, dies, and the call never runs.
     */
    PRE_3_16_NO_DYING_FLUSH(Design.BASELINE.with(DyingFlush.NONE), "C10, before 8d056c48e486 (v3.16)"),

    /**
     * The hazard Valentin Schneider's IPI-tracing series (v6.4) was written around: a tracepoint in
     * {@code __smp_call_single_queue} that reads {@code csd->func} <em>after</em> {@code llist_add}. Once queued, the
     * csd may be flushed without any IPI (a polling idle CPU, the stopper), unlocked and reused before the sender
     * reads it. The merged code reads type and func before the add. Catalogue C22.
     *
     * <p>Verdict: USE_AFTER_FREE with 2 CPUs: CPU1 flushes from its idle loop between CPU0's add and CPU0's trace read.
     */
    CSD_TRACE_AFTER_QUEUE(Design.BASELINE.with(QueueTrace.AFTER_ADD), "C22, tracepoint after llist_add (v6.4 hazard)");

    private final Design design;
    private final String source;

    Variant(Design design, String source) {
        this.design = design;
        this.source = source;
    }

    /** @return where this design comes from, in a few words, such as {@code seed 002 after 5a18ceca6350 (v5.7)} */
    public String source() {
        return source;
    }

    /** @return whether this variant makes the given design decision, such as {@code AsyncClaim.ATOMIC} */
    boolean has(Enum<?> policy) {
        return design.has(policy);
    }
}
