package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Sched;

/**
 * Where a cross-call gets its csd, which is what most of the historical designs differ in.
 *
 * <ul>
 *   <li>v6.17: a waiting call puts a SYNC csd on its stack; a no-wait single call uses this CPU's {@code csd_data}, a
 *       many-call this CPU's {@code cfd->csd[dst]}, each after {@code csd_lock}.</li>
 *   <li>2.6.27 (seed 000): a no-wait call allocates its csd with {@code kmalloc(GFP_ATOMIC)}; if that fails (a data
 *       choice of the search) it falls back to a csd on its stack, which forces it to wait.</li>
 *   <li>2009 (seed 001): a no-wait single call uses the destination's one shared csd, whose lock the sender takes and
 *       the destination's IPI handler releases.</li>
 * </ul>
 */
enum CsdSource {
    /** This CPU's {@code csd_data}, taken with {@code csd_lock}. */
    CSD_DATA,
    /** This CPU's {@code cfd->csd[dst]}, taken with {@code csd_lock}. */
    CFD,
    /** The destination's shared csd, taken with an atomic lock the destination's handler releases. */
    DESTINATION_SLOT,
    /** A SYNC csd on the caller's stack, for a call that waits anyway. */
    STACK,
    /** A SYNC csd on the caller's stack because {@code kmalloc} failed: the call must now wait. */
    STACK_FALLBACK,
    /** A freshly allocated ASYNC csd, freed after its run. */
    KMALLOC;

    /** @return the source of a no-wait or waiting single call's csd under the system's variant */
    static CsdSource forSingle(IpiSystem system, boolean wait) {
        if (wait) {
            return STACK;
        }
        if (system.variant().has(Design.NoWaitCsd.KMALLOC_ELSE_STACK_AND_WAIT)) {
            return kmalloc();
        }
        return system.variant().has(Design.NoWaitCsd.PER_DESTINATION_SLOT) ? DESTINATION_SLOT : CSD_DATA;
    }

    /** @return the source of a many-call's csds (one decision for the whole call) under the system's variant */
    static CsdSource forMany(IpiSystem system, boolean wait) {
        if (!system.variant().has(Design.NoWaitCsd.KMALLOC_ELSE_STACK_AND_WAIT)) {
            return CFD;
        }
        return wait ? STACK : kmalloc();
    }

    /** 2.6.27: "kmalloc(GFP_ATOMIC) fails" is a data choice, so the search explores both outcomes. */
    private static CsdSource kmalloc() {
        return Sched.chooseBoolean("kmalloc(GFP_ATOMIC) fails") ? STACK_FALLBACK : KMALLOC;
    }

    /** @return whether a call using this source must wait even if it was asked not to */
    boolean forcesWait() {
        return this == STACK_FALLBACK;
    }

    /**
     * Makes a fresh csd for the sources that have one per call ({@link #STACK}, {@link #STACK_FALLBACK},
     * {@link #KMALLOC}); already locked, with func and info set.
     */
    Csd make(IpiSystem system, int src, int dst, SmpCallFunc func, Object info) {
        return switch (this) {
            case STACK, STACK_FALLBACK -> system.newStackCsd(src, dst, func, info);
            case KMALLOC -> system.newAllocatedCsd(src, dst, func, info);
            default -> throw new IllegalStateException(this + " csds are not made per call");
        };
    }
}
