package dev.smpcheck.ipi;

import java.util.Arrays;

/**
 * The design decisions a {@link Variant} is made of: one policy per decision, each a small enum below. The v6.17
 * baseline is {@link #BASELINE}; a historical variant is the baseline with the few policies its source changed, written
 * {@code Design.BASELINE.with(AsyncOnLocked.WARN_AND_WAIT)}.
 */
final class Design {

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
        WARN_AND_WAIT,
        /** Wait in {@code csd_lock}, without a warning (v3.15-v3.19, before 8053871d0f7f added the WARN). */
        WAIT
    }

    /** Which csd a no-wait {@code smp_call_function_single} uses. */
    enum NoWaitCsd {
        /** This CPU's {@code csd_data}, taken with {@code csd_lock} (2.6.29+). */
        PER_CPU_CSD_DATA,
        /** A freshly allocated csd; if the allocation fails, an on-stack csd and a forced wait (2.6.27). */
        KMALLOC_ELSE_STACK_AND_WAIT,
        /**
         * One csd per <em>destination</em>, shared by all senders: a sender takes its lock atomically and the
         * destination's IPI handler releases it (seed 001, 2009).
         */
        PER_DESTINATION_SLOT
    }

    /** How {@code csd_lock_wait} waits. */
    enum LockWait {
        /** Spin until {@code LOCK} is clear. */
        SPIN,
        /** Spin, but flush this CPU's own queue whenever it is not empty (seed 000 idea #5). */
        POLL_OWN_QUEUE
    }

    /** When the flush unlocks an ASYNC csd. */
    enum AsyncUnlock {
        /** Unlock, then run the function, which may therefore re-queue the csd (8053871d0f7f, v4.0+). */
        BEFORE_FUNC,
        /** Run the function, then unlock, as for SYNC csds (before v4.0). */
        AFTER_FUNC
    }

    /** When {@code smp_call_function_many_cond} waits for its csds. */
    enum ManyWait {
        /** Iff it enqueued work on some CPU ({@code run_remote}; 946a72819825, v6.17). */
        IF_WORK_ENQUEUED,
        /** Iff it sent an IPI, so a target whose queue was already non-empty is not waited for (C18). */
        IF_IPI_SENT
    }

    /** Whether cross-calls are serialised system-wide. */
    enum CallSerialization {
        /** No: every CPU may have calls in flight at once. */
        NONE,
        /**
         * One global lock, taken spinning with irqs enabled and held until the call's functions started (no wait) or
         * completed (wait): seed 000 idea #1, what x86 did before generic-ipi.
         */
        GLOBAL_LOCK
    }

    /** When the 2014 pending-flag queue's handler clears {@code pending}. */
    enum PendingClear {
        /** With an {@code xchg} before the function runs (seed 003). */
        BEFORE_FUNC,
        /** After the function returned: a request arriving during the function is coalesced into a run already past. */
        AFTER_FUNC
    }

    /** What the hotplug DYING step does with the outgoing CPU's queue. */
    enum DyingFlush {
        /** {@code smpcfd_dying_cpu()}: flush it, then run irq_works (8d056c48e486, v3.16+). */
        FLUSH,
        /** Nothing: entries queued before the CPU went down stay there (before v3.16; C10). */
        NONE
    }

    /** When the sender's tracepoint reads the csd it queues. */
    enum QueueTrace {
        /** Before {@code llist_add}, while the csd is still the sender's (v6.4+). */
        BEFORE_ADD,
        /** After {@code llist_add}, when the target may already have run, unlocked and reused it (C22). */
        AFTER_ADD
    }

    /** v6.17: every policy of the baseline. */
    static final Design BASELINE = new Design(AsyncClaim.PLAIN_TEST_THEN_SET, AsyncOnLocked.EBUSY,
            NoWaitCsd.PER_CPU_CSD_DATA, LockWait.SPIN, AsyncUnlock.BEFORE_FUNC, ManyWait.IF_WORK_ENQUEUED,
            CallSerialization.NONE, PendingClear.BEFORE_FUNC, DyingFlush.FLUSH, QueueTrace.BEFORE_ADD);

    /** One policy per decision, each of a distinct enum type. */
    private final Enum<?>[] policies;

    private Design(Enum<?>... policies) {
        this.policies = policies;
    }

    /**
     * @param changes policies that replace the baseline's policy of the same type
     * @return this design with those decisions changed
     */
    Design with(Enum<?>... changes) {
        Enum<?>[] next = policies.clone();
        for (Enum<?> change : changes) {
            next[slotOf(change.getDeclaringClass())] = change;
        }
        return new Design(next);
    }

    /** @return whether this design makes the given decision */
    boolean has(Enum<?> policy) {
        return policies[slotOf(policy.getDeclaringClass())] == policy;
    }

    private int slotOf(Class<?> decision) {
        for (int i = 0; i < policies.length; i++) {
            if (policies[i].getDeclaringClass() == decision) {
                return i;
            }
        }
        throw new IllegalArgumentException(decision.getSimpleName() + " is not a design decision");
    }

    @Override
    public String toString() {
        return Arrays.toString(policies);
    }
}
