package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * The designs of the cross-call subsystem the model can run: the v6.17 baseline and the historical or proposed designs
 * of the seed discussions. Each constant's Javadoc cites its source and states the verdict the tests pin down.
 *
 * <p>A variant changes only the pieces its source changed; everything else behaves as in {@link #V6_17}. In
 * particular every variant uses the modern per-CPU {@code call_single_queue} (an {@code llist}) and the v4.0+ flush
 * (SYNC entries: func then unlock; ASYNC entries: unlock then func), so a difference in verdict comes from the one
 * design decision the variant is about.
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
    V6_17(AsyncClaim.PLAIN_TEST_THEN_SET, AsyncOnLocked.EBUSY, NoWaitCsd.PER_CPU_CSD_DATA, LockWait.SPIN,
            "kernel/smp.c v6.17"),

    /**
     * {@code smp_call_function_single_async} from v4.0 (8053871d0f7f) to v5.6: on a csd that is still locked it WARNs
     * and then waits in {@code csd_lock_wait} before re-queueing it. Seed 002 (Peter Xu, "smp: Allow
     * smp_call_function_single_async() to insert locked csd", Dec 2019), before the patch; catalogue C12.
     *
     * <p>Verdict: DEADLOCK. With irqs off (allowed for {@code _async}) and a target that cannot take the IPI until
     * the caller moves on, the caller spins on the lock forever.
     */
    PRE_5_7_ASYNC_WARN_WAIT(AsyncClaim.PLAIN_TEST_THEN_SET, AsyncOnLocked.WARN_AND_WAIT, NoWaitCsd.PER_CPU_CSD_DATA,
            LockWait.SPIN, "seed 002 before 5a18ceca6350 (v4.0-v5.6)"),

    /**
     * {@code smp_call_function_single_async} since 5a18ceca6350 (v5.7): a locked csd makes it return {@code -EBUSY}
     * at once. Seed 002 after the patch. Safe because an ASYNC csd is unlocked before its function runs, so a csd
     * seen locked still has its run ahead of it.
     *
     * <p>Verdict: passes; a {@code -EBUSY} never loses the pending run, which happens after the call returned.
     */
    V5_7_ASYNC_EBUSY(AsyncClaim.PLAIN_TEST_THEN_SET, AsyncOnLocked.EBUSY, NoWaitCsd.PER_CPU_CSD_DATA, LockWait.SPIN,
            "seed 002 after 5a18ceca6350 (v5.7)"),

    /**
     * Mainline's {@code _async} claim, a plain test of {@code CSD_FLAG_LOCK} and then a plain store, used by two CPUs
     * at once on one csd. Seed 004 (Peter Zijlstra, "[RFC][PATCH v2 08/10] smp,irq_work: Use the new irq_work API",
     * Aug 2020: "the non-atomic test-and-set ... causes trivial list corruption"); catalogue C14 (19a1f5ec6999).
     * Behaves exactly as {@link #V6_17}; the constant exists to name the seed's "before".
     *
     * <p>Verdict: LIST_CORRUPTION with 3 CPUs: both callers see the csd unlocked and both {@code llist_add} it.
     */
    NONATOMIC_ASYNC(AsyncClaim.PLAIN_TEST_THEN_SET, AsyncOnLocked.EBUSY, NoWaitCsd.PER_CPU_CSD_DATA, LockWait.SPIN,
            "seed 004, mainline plain test-and-set"),

    /**
     * {@code _async} taking {@code CSD_FLAG_LOCK} with one atomic read-modify-write, as proposed in patch 9 of Peter
     * Zijlstra's 2020 series ("Make smp_call_function_single_async() safer"; never merged). Seed 004's "after".
     *
     * <p>Verdict: passes; of two racing callers one gets {@code -EBUSY} unless the first run already unlocked the csd.
     */
    ATOMIC_ASYNC(AsyncClaim.ATOMIC, AsyncOnLocked.EBUSY, NoWaitCsd.PER_CPU_CSD_DATA, LockWait.SPIN,
            "seed 004, atomic claim (2020 RFC patch 9, unmerged)"),

    /**
     * The 2008 generic-ipi design (Jens Axboe's branch, merged as 3d4422332711 for 2.6.27): a no-wait single call
     * allocates its csd with {@code kmalloc(GFP_ATOMIC)}; when that fails (a data choice of the search) it falls back
     * to an on-stack csd and waits for it. Seed 000 (Apr-May 2008 thread, "We cannot always fallback to wait");
     * catalogue C1.
     *
     * <p>Verdict: DEADLOCK with 2 CPUs calling each other with irqs off: both allocations fail, both spin for the
     * other's acknowledgement, and neither can take the other's IPI.
     */
    GENERIC_IPI_2008_FALLBACK_TO_WAIT(AsyncClaim.PLAIN_TEST_THEN_SET, AsyncOnLocked.EBUSY,
            NoWaitCsd.KMALLOC_ELSE_STACK_AND_WAIT, LockWait.SPIN, "seed 000, 2008 generic-ipi fallback"),

    /**
     * Idea #5 of seed 000 (Paul McKenney, 2008): as {@link #GENERIC_IPI_2008_FALLBACK_TO_WAIT}, but a CPU that waits
     * for its csd polls its own {@code call_single_queue} and flushes it (with irqs disabled), which breaks the cycle.
     * Never adopted: {@code csd_lock_wait} still only spins.
     *
     * <p>Verdict: passes; no deadlock over the search budget.
     */
    GENERIC_IPI_2008_POLL_OWN_QUEUE(AsyncClaim.PLAIN_TEST_THEN_SET, AsyncOnLocked.EBUSY,
            NoWaitCsd.KMALLOC_ELSE_STACK_AND_WAIT, LockWait.POLL_OWN_QUEUE, "seed 000, idea #5 (never merged)");

    /** How {@code _async} takes {@code CSD_FLAG_LOCK}. */
    enum AsyncClaim {
        /** A plain load of the flags, then a plain store of {@code LOCK}: two steps, not atomic. */
        PLAIN_TEST_THEN_SET,
        /** One atomic read-modify-write that sets {@code LOCK} only if it was clear. */
        ATOMIC
    }

    /** What {@code _async} does when it finds its csd locked. */
    enum AsyncOnLocked {
        /** Return {@code -EBUSY} (v5.7+). */
        EBUSY,
        /** WARN, wait in {@code csd_lock_wait}, then claim and queue (v4.0-v5.6). */
        WARN_AND_WAIT
    }

    /** Which csd a no-wait {@code smp_call_function_single} uses. */
    enum NoWaitCsd {
        /** This CPU's {@code csd_data}, taken with {@code csd_lock} (2.6.29+). */
        PER_CPU_CSD_DATA,
        /** A freshly allocated csd; if the allocation fails, an on-stack csd and a forced wait (2.6.27). */
        KMALLOC_ELSE_STACK_AND_WAIT
    }

    /** How {@code csd_lock_wait} waits. */
    enum LockWait {
        /** Spin until {@code LOCK} is clear. */
        SPIN,
        /** Spin, but flush this CPU's own queue whenever it is not empty (seed 000 idea #5). */
        POLL_OWN_QUEUE
    }

    private final AsyncClaim asyncClaim;
    private final AsyncOnLocked asyncOnLocked;
    private final NoWaitCsd noWaitCsd;
    private final LockWait lockWait;
    private final String source;

    Variant(AsyncClaim asyncClaim, AsyncOnLocked asyncOnLocked, NoWaitCsd noWaitCsd, LockWait lockWait,
            String source) {
        this.asyncClaim = asyncClaim;
        this.asyncOnLocked = asyncOnLocked;
        this.noWaitCsd = noWaitCsd;
        this.lockWait = lockWait;
        this.source = source;
    }

    /** @return where this design comes from, in a few words, such as {@code seed 002 after 5a18ceca6350 (v5.7)} */
    public String source() {
        return source;
    }

    AsyncClaim asyncClaim() {
        return asyncClaim;
    }

    AsyncOnLocked asyncOnLocked() {
        return asyncOnLocked;
    }

    NoWaitCsd noWaitCsd() {
        return noWaitCsd;
    }

    LockWait lockWait() {
        return lockWait;
    }
}
