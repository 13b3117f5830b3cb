package dev.smpcheck.ipi;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * What sits on a {@code call_single_queue}: the kernel's {@code struct __call_single_node} (v6.17,
 * {@code include/linux/smp_types.h}), an {@code llist} link plus one 32-bit flags word shared by csds, irq_works and
 * task wake entries.
 *
 * <h2>The flags word</h2>
 * Bit 0 is {@link #CSD_FLAG_LOCK} ("in flight; the owner must not touch it"), bits 4-7 the type
 * ({@link #CSD_TYPE_ASYNC}, {@link #CSD_TYPE_SYNC}, ...). The flush reads the type to decide whether to unlock before or
 * after running the function. Each access below uses the memory-order mode of the kernel access it models and says
 * which access on the other side it pairs with.
 *
 * <h2>Ghost state</h2>
 * Besides the kernel's fields, a node records which list it is on and who put it there. The kernel does not have
 * this; the model uses it to report a second {@code llist_add} of a node that is still on a list.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class CallSingleNode {

    /** {@code CSD_FLAG_LOCK}: the csd is in flight; its owner must not reuse it until the flush unlocks it. */
    public static final int CSD_FLAG_LOCK = 0x01;
    /** {@code CSD_TYPE_ASYNC} (0): unlock first, then run the function, so the function may re-queue its csd. */
    public static final int CSD_TYPE_ASYNC = 0x00;
    /** {@code CSD_TYPE_SYNC}: someone waits; run the function first, then unlock. */
    public static final int CSD_TYPE_SYNC = 0x10;
    /** {@code CSD_TYPE_IRQ_WORK}: an {@link IrqWork} queued on another CPU's call_single_queue. */
    public static final int CSD_TYPE_IRQ_WORK = 0x20;
    /** {@code CSD_TYPE_TTWU}: a remote task wake-up (not modelled yet). */
    public static final int CSD_TYPE_TTWU = 0x30;
    /** {@code CSD_FLAG_TYPE_MASK}. */
    public static final int CSD_FLAG_TYPE_MASK = 0xF0;

    private final AtomicInteger flags;

    /**
     * The {@code llist} link. Written by {@code llist_add} before the compare-and-set that publishes the node (a
     * volatile write, so the link is visible to whoever sees the node) and read by the flush after
     * {@code llist_del_all}'s exchange (a volatile read, which pairs with that compare-and-set).
     */
    CallSingleNode next;

    /** Ghost: the list this node was added to and not yet unlinked from by its consumer, or {@code null}. */
    private final AtomicReference<LlistHead> onList = new AtomicReference<>();
    /** Ghost: who added it there, for corruption reports. */
    private volatile String enqueuer;
    /** Ghost: why the memory holding this node is gone (freed, or its stack frame ended), or {@code null}. */
    private volatile String gone;

    CallSingleNode(int initialFlags) {
        this.flags = new AtomicInteger(initialFlags);
    }

    /** @return the flags word now (a volatile read, for inspection; the model itself uses the kernel's modes) */
    public final int flags() {
        return flags.get();
    }

    /** @return whether {@link #CSD_FLAG_LOCK} is set now */
    public final boolean isLocked() {
        return (flags.get() & CSD_FLAG_LOCK) != 0;
    }

    /** @return the type bits now, one of the {@code CSD_TYPE_*} constants */
    public final int type() {
        return flags.get() & CSD_FLAG_TYPE_MASK;
    }

    /** @return the list this node is on and not yet unlinked from, or {@code null} (ghost state) */
    public final LlistHead onList() {
        return onList.get();
    }

    /**
     * A plain load of the flags ({@code csd->node.u_flags}), as {@code csd_lock} and {@code _async} do. No ordering:
     * the kernel relies on the caller owning the csd.
     */
    final int readFlagsPlain() {
        return flags.getPlain();
    }

    /**
     * {@code smp_load_acquire(&csd->node.u_flags)}, the read {@code csd_lock_wait} spins on. Pairs with the
     * store-release in {@link #storeFlagsRelease}: once LOCK reads clear, everything the function wrote is visible.
     */
    final int loadFlagsAcquire() {
        return flags.getAcquire();
    }

    /**
     * A plain store of the flags, as {@code csd_lock}'s {@code |=} and {@code _async}'s {@code = CSD_FLAG_LOCK} do. The
     * caller follows it with {@code smp_wmb()} ({@link Barriers#wmb()}), which orders it before the stores of func and
     * info and pairs with the full ordering of the flush's {@code llist_del_all}.
     */
    final void writeFlagsPlain(int value) {
        int before = flags.getPlain(); // ghost read, to track generations; not a kernel access
        flags.setPlain(value);
        flagsWritten(before, value);
    }

    /**
     * {@code smp_store_release(&csd->node.u_flags, 0)} in {@code csd_unlock}: everything the flush did with the csd
     * (and, for SYNC, everything the function wrote) happens before the owner sees it unlocked. Pairs with
     * {@link #loadFlagsAcquire()} in {@code csd_lock_wait}.
     */
    final void storeFlagsRelease(int value) {
        int before = flags.getPlain(); // ghost read
        flags.setRelease(value);
        flagsWritten(before, value);
    }

    /**
     * One atomic read-modify-write that sets the flags to {@code LOCK} (type ASYNC) only if {@code LOCK} was clear
     * (the unmerged atomic {@code _async} claim, {@link Variant#ATOMIC_ASYNC}). Fully ordered, like the kernel's
     * {@code cmpxchg}, so no {@code smp_wmb()} is needed after it.
     *
     * @return the flags before: if they have {@code LOCK}, nothing was written
     */
    final int claimLockAtomically() {
        int before = flags.getAndUpdate(f -> (f & CSD_FLAG_LOCK) != 0 ? f : CSD_FLAG_LOCK);
        if ((before & CSD_FLAG_LOCK) == 0) {
            flagsWritten(before, CSD_FLAG_LOCK);
        }
        return before;
    }

    /**
     * {@code atomic_fetch_or(bits, &node->a_flags)}: one fully ordered read-modify-write, even when it changes nothing
     * (irq_work's claim relies on that since 25269871db1a).
     *
     * @return the flags before
     */
    final int fetchOrFlags(int bits) {
        return flags.getAndUpdate(f -> f | bits);
    }

    /** {@code atomic_read(&node->a_flags)}: no ordering. */
    final int readFlagsAtomic() {
        return flags.getOpaque();
    }

    /** {@code atomic_set(&node->a_flags, value)}: no ordering; the caller adds the barrier it needs. */
    final void setFlagsAtomic(int value) {
        flags.setOpaque(value);
    }

    /**
     * {@code atomic_cmpxchg(&node->a_flags, expected, value)}: fully ordered when it succeeds.
     *
     * @return whether the flags were {@code expected} and are now {@code value}
     */
    final boolean compareAndSetFlags(int expected, int value) {
        return flags.compareAndSet(expected, value);
    }

    /** Hook for ghost bookkeeping after every write of the flags word. */
    void flagsWritten(int before, int after) {}

    /**
     * Ghost: marks this node as being on {@code list}, unless it already is on one.
     *
     * @return {@code null} on success, else the list it is already on
     */
    final LlistHead claimList(LlistHead list, String by) {
        if (onList.compareAndSet(null, list)) {
            enqueuer = by;
            return null;
        }
        return onList.get();
    }

    /** Ghost: the flush took the node off its detached chain. */
    final void unlinked() {
        onList.set(null);
    }

    /** @return ghost: who added this node to the list it is on, or the last one it was on */
    final String enqueuer() {
        return enqueuer;
    }

    /**
     * {@code kfree()}: the memory holding this node is freed. The model keeps the object but remembers, and reports
     * any later access the kernel code would make to it as {@code USE_AFTER_FREE}. Only for nodes the caller owns
     * (made with {@link IpiSystem#newCsd} or {@link IpiSystem#newIrqWork}); the model ends its own stack csds.
     */
    public final void free() {
        markGone("it was freed (kfree)");
    }

    /** @return whether the memory holding this node is gone: freed, or its stack frame ended (ghost) */
    public final boolean isGone() {
        return gone != null;
    }

    /** Ghost: the memory is gone, for the given reason, such as {@code the frame of the call that owned it ended}. */
    final void markGone(String why) {
        if (gone == null) {
            gone = why;
        }
    }

    /**
     * The model is about to touch this node.
     *
     * @param what the access, such as {@code read func and info}
     * @param by who does it, such as {@code the flush on CPU1}
     * @throws ViolationException {@link Violation#USE_AFTER_FREE} when the memory is gone
     */
    final void checkAlive(String what, String by) {
        String why = gone;
        if (why != null) {
            throw new ViolationException(Violation.USE_AFTER_FREE, by + " does '" + what + "' on " + this
                    + " after " + why);
        }
    }
}
