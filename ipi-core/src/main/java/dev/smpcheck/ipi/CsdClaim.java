package dev.smpcheck.ipi;

import dev.smpcheck.ipi.Design.AsyncClaim;
import dev.smpcheck.ipi.Design.AsyncOnLocked;
import dev.smpcheck.schedule.Sched;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A csd's {@code CSD_FLAG_LOCK} as a lock that is only tried: the claim {@code smp_call_function_single_async} makes
 * before it queues a csd (v6.17 {@code kernel/smp.c}), and the release {@code csd_unlock} makes when the csd's flush is
 * done with it. Checked against {@code Specifications.tryLock()}, it shows seed 004's point on its own: the claim of
 * {@link Variant#NONATOMIC_ASYNC} (and of {@link Variant#V6_17}, which has the same plain test-and-set) is not
 * linearizable when two CPUs use one csd at once, the claim of {@link Variant#ATOMIC_ASYNC} is.
 *
 * <pre>{@code
 * CsdClaim lock = CsdClaim.of(Variant.ATOMIC_ASYNC);
 * lock.tryLock();   // true: _async would queue the csd
 * lock.tryLock();   // false: _async would return -EBUSY
 * lock.unlock();    // the target's flush took the csd and handed it back
 * }</pre>
 *
 * <h2>Steps</h2>
 * The claim runs the same code {@code _async} runs: for the atomic claim one read-modify-write, for the plain claim a
 * read and a store with a schedule point between them, so under the engine (or Lincheck) another CPU can claim in
 * between. {@link #unlock} is {@code csd_unlock}'s store-release of 0, without its WARN on an unlocked csd (which needs
 * an {@link IpiSystem}). Outside a controlled execution it works on plain threads too.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CsdClaim {
    private final Variant variant;
    private final Csd csd;

    private CsdClaim(Variant variant) {
        this.variant = variant;
        this.csd = Csd.init("csd", info -> { }, null);
    }

    /**
     * @param variant a design whose {@code _async} returns {@code -EBUSY} on a locked csd, never {@code null}
     * @return an unlocked csd, claimed as {@code variant}'s {@code _async} claims it
     * @throws IllegalArgumentException for a design whose {@code _async} waits for a locked csd instead
     *     ({@link Variant#PRE_5_7_ASYNC_WARN_WAIT}, {@link Variant#PRE_4_0_UNLOCK_AFTER_FUNC}): its claim is not a try
     */
    public static CsdClaim of(Variant variant) {
        Objects.requireNonNull(variant, "variant");
        if (!variant.has(AsyncClaim.ATOMIC) && !variant.has(AsyncOnLocked.EBUSY)) {
            throw new IllegalArgumentException(variant + "'s _async waits for a locked csd instead of returning -EBUSY,"
                    + " so its claim is not a try-lock; use a variant whose _async returns -EBUSY, such as "
                    + Variant.V6_17 + ", " + Variant.NONATOMIC_ASYNC + " or " + Variant.ATOMIC_ASYNC);
        }
        return new CsdClaim(variant);
    }

    /**
     * The claim of {@code smp_call_function_single_async}.
     *
     * @return true if this caller set {@code LOCK} (the call would queue the csd), false if it found it set (the call
     *     would return {@code -EBUSY})
     */
    public boolean tryLock() {
        if (variant.has(AsyncClaim.ATOMIC)) {
            return claimAtomically(csd);
        }
        if (testLock(csd)) {
            return false;
        }
        setLock(csd);
        return true;
    }

    /** {@code csd_unlock}'s {@code smp_store_release(&csd->node.u_flags, 0)}: the csd is its owner's again. */
    public void unlock() {
        Sched.point("csd_unlock", csd);
        csd.storeFlagsRelease(0);
    }

    /** @return the csd, to inspect its flags and generation */
    public Csd csd() {
        return csd;
    }

    /** @return the design whose claim this is */
    public Variant variant() {
        return variant;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The claim's steps, shared with SingleCall's _async.

    /**
     * The atomic claim ({@link Variant#ATOMIC_ASYNC}): one fully ordered read-modify-write that sets {@code LOCK} only if
     * it was clear.
     *
     * @return whether this caller set {@code LOCK}
     */
    static boolean claimAtomically(Csd csd) {
        Sched.point("claim csd LOCK atomically", csd);
        return (csd.claimLockAtomically() & CallSingleNode.CSD_FLAG_LOCK) == 0;
    }

    /**
     * The test of the plain test-and-set: a plain load of the flags. Nothing keeps another CPU from setting
     * {@code LOCK} between this and {@link #setLock}; the kernel asks callers to serialise their uses of one csd.
     *
     * @return whether {@code LOCK} is set
     */
    static boolean testLock(Csd csd) {
        Sched.point("read csd flags", csd);
        return (csd.readFlagsPlain() & CallSingleNode.CSD_FLAG_LOCK) != 0;
    }

    /**
     * The set of the plain test-and-set: {@code csd->node.u_flags = CSD_FLAG_LOCK} (type ASYNC), then
     * {@code smp_wmb()}, which orders {@code LOCK} before the enqueue's stores, as in {@code csd_lock}.
     */
    static void setLock(Csd csd) {
        Sched.point("write csd flags", csd);
        csd.writeFlagsPlain(CallSingleNode.CSD_FLAG_LOCK);
        Barriers.wmb();
    }

    @Override
    public String toString() {
        return "CsdClaim[" + variant + ", " + (csd.isLocked() ? "locked" : "unlocked") + "]";
    }
}
