package dev.smpcheck.ipi;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A cross-call descriptor: the kernel's {@code call_single_data_t} (v6.17, {@code include/linux/smp_types.h}), a
 * {@link CallSingleNode} plus the function to run and its {@code info}.
 *
 * <h2>Where csds live</h2>
 * <ul>
 *   <li>On the caller's stack: a waiting {@code smp_call_function_single} makes one, already locked as SYNC, and it
 *       dies when the call returns (the model marks its frame ended).</li>
 *   <li>Per CPU: {@code csd_data}, used by no-wait {@code smp_call_function_single} after {@code csd_lock}.</li>
 *   <li>Owned by the caller, usually embedded in an object: made with {@link IpiSystem#newCsd} (the kernel's
 *       {@code INIT_CSD}) and sent with {@link IpiSystem#callFunctionSingleAsync}. The caller must serialise its own
 *       uses of such a csd.</li>
 * </ul>
 *
 * <h2>Generations</h2>
 * Each time {@code LOCK} goes from clear to set the csd starts a new <em>generation</em>: a new call that reuses the
 * same memory. The model stamps every enqueue with the generation and reports a flush that touches a csd whose
 * generation moved on or whose stack frame ended ({@code USE_AFTER_FREE}). Reusing a csd for a new call is legal.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Csd extends CallSingleNode {
    private final String name;
    private final boolean onStack;

    /**
     * {@code csd->func} and {@code csd->info}: written by the owner while it holds {@code LOCK} and before
     * {@code llist_add} publishes the csd, read by the flush after {@code llist_del_all}; that pair orders them.
     */
    private SmpCallFunc func;
    private Object info;

    /** {@code csd->node.src} / {@code dst}: the CSD debug fields, which the model always fills in. */
    private int src = -1;
    private int dst = -1;

    /** Ghost: the current generation, 0 before the first lock. */
    private volatile int generation;
    /** Ghost: the ledger entry of the enqueue that put this csd on the list it is on. */
    CallLedger.Ticket ticket;

    private Csd(String name, boolean onStack, int flags, SmpCallFunc func, Object info) {
        super(flags);
        this.name = Objects.requireNonNull(name, "name");
        this.onStack = onStack;
        this.func = func;
        this.info = info;
        this.generation = (flags & CSD_FLAG_LOCK) != 0 ? 1 : 0;
    }

    /** {@code INIT_CSD(csd, func, info)}: an unlocked csd owned by the caller. */
    static Csd init(String name, SmpCallFunc func, Object info) {
        return new Csd(name, false, 0, Objects.requireNonNull(func, "func"), info);
    }

    /** A csd embedded in a larger structure (such as a {@link QueueSingleData}): unlocked, no function yet. */
    static Csd embedded(String name) {
        return new Csd(name, false, 0, null, null);
    }

    /** The per-CPU {@code csd_data}: unlocked, no function until a call sets one. */
    static Csd perCpu(String name) {
        return new Csd(name, false, 0, null, null);
    }

    /**
     * An on-stack csd of a waiting call, initialised locked as SYNC
     * ({@code CSD_INIT} with {@code CSD_FLAG_LOCK | CSD_TYPE_SYNC}), so no {@code csd_lock} is needed.
     */
    static Csd onStack(String name, SmpCallFunc func, Object info) {
        return new Csd(name, true, CSD_FLAG_LOCK | CSD_TYPE_SYNC, Objects.requireNonNull(func, "func"), info);
    }

    /** A csd from {@code kmalloc} (2.6.27's {@code CSD_FLAG_ALLOC}): locked, ASYNC, freed after its run. */
    static Csd allocated(String name, SmpCallFunc func, Object info) {
        return new Csd(name, false, CSD_FLAG_LOCK | CSD_TYPE_ASYNC, Objects.requireNonNull(func, "func"), info);
    }

    /** @return the function, or {@code null} for a {@code csd_data} never used */
    public SmpCallFunc func() {
        return func;
    }

    /** @return the {@code info} argument, may be {@code null} */
    public Object info() {
        return info;
    }

    /** @return the CPU that last sent this csd ({@code src}), or -1 */
    public int src() {
        return src;
    }

    /** @return the CPU this csd was last sent to ({@code dst}), or -1 */
    public int dst() {
        return dst;
    }

    /** @return the generation: how many times {@code LOCK} went from clear to set (ghost state) */
    public int generation() {
        return generation;
    }

    /** @return whether this csd lived on a caller's stack */
    public boolean onStack() {
        return onStack;
    }

    /** @return whether this on-stack csd's frame has ended, so any further access is a use after free (ghost) */
    public boolean frameEnded() {
        return onStack && isGone();
    }

    /** Plain stores of func and info by the owner, which holds {@code LOCK}. */
    void setCall(SmpCallFunc func, Object info) {
        this.func = Objects.requireNonNull(func, "func");
        this.info = info;
    }

    /** The CSD debug fields {@code src} and {@code dst}, stored with func and info. */
    void setRoute(int src, int dst) {
        this.src = src;
        this.dst = dst;
    }

    /** Ghost: the call that owns this on-stack csd returned. */
    void endFrame() {
        markGone("the frame of the call that owned it ended");
    }

    @Override
    void flagsWritten(int before, int after) {
        if ((before & CSD_FLAG_LOCK) == 0 && (after & CSD_FLAG_LOCK) != 0) {
            generation++;
        }
    }

    /** @return the name, stable across runs, used in traces and reports */
    @Override
    public String toString() {
        return name;
    }
}
