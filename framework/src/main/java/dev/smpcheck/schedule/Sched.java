package dev.smpcheck.schedule;

import dev.smpcheck.strategy.Access;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The schedule-point API that models (ipi-core) and, later, instrumented code call.
 *
 * <p>Every method is cheap and safe outside a controlled execution: there {@link #point} does nothing,
 * {@link #choose} returns 0 (the usual outcome), and {@link #awaitUntil} really spins, so the same model code runs
 * under the engine, on plain threads and under Lincheck. On a thread that acts as a CPU outside the engine (a CPU
 * thread of a {@link FreeRun}, or a thread bound to a {@link CpuSession}) the points and spin iterations are also where
 * that CPU takes its pending interrupts, and {@link #currentCpu()}, {@link #smp()} and {@link #warn} refer to that run
 * or session.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Sched {
    private Sched() {}

    /** @return whether the calling thread is a controlled logical thread of a running schedule */
    public static boolean isControlled() {
        return Context.current() != null;
    }

    /** A schedule point. @param what what happens here, shown in the trace */
    public static void point(String what) {
        Context c = Context.current();
        if (c != null) {
            c.execution.point(c, what, null, null);
        } else {
            FreeCpus.pollCurrent();
        }
    }

    /**
     * A schedule point about an object.
     *
     * @param what what happens here, such as {@code llist_add}
     * @param on the object it happens to, named stably in the trace; may be {@code null}
     */
    public static void point(String what, Object on) {
        Context c = Context.current();
        if (c != null) {
            c.execution.point(c, what, on, null);
        } else {
            FreeCpus.pollCurrent();
        }
    }

    /**
     * A schedule point about an object and a value (read or written).
     *
     * @param what what happens here, such as {@code read flags}
     * @param on the object, may be {@code null}
     * @param value the value, may be {@code null}
     */
    public static void point(String what, Object on, Object value) {
        Context c = Context.current();
        if (c != null) {
            c.execution.point(c, what, on, value);
        } else {
            FreeCpus.pollCurrent();
        }
    }

    /**
     * A schedule point that announces that the step after it (up to this thread's next schedule point) only reads
     * {@code key} of {@code object} among all state other threads can see. Partial-order reduction
     * ({@code strategy = "dfs"} with no preemption bound) relies on it: two reads commute, so their orders are not
     * both tried. Announce in the order the accesses happen: call this right before the read. A wrong announcement
     * makes the reduced search miss schedules; when unsure, use {@link #point(String)}, which is dependent with
     * everything.
     *
     * @param what what happens here, shown in the trace, never {@code null}
     * @param object the object read, never {@code null}; identified by identity, numbered in order of first
     *     announcement (see {@link dev.smpcheck.strategy.Access})
     * @param key the field or element: a field name, an {@link Integer} index, or {@code null} for the whole object;
     *     compared with {@code equals}
     */
    public static void read(String what, Object object, Object key) {
        access(what, object, key, Access.Mode.READ);
    }

    /**
     * As {@link #read}, for a step that writes (and may also read) {@code key} of {@code object}: it is dependent with
     * every other step that reads or writes the same location.
     *
     * @param what what happens here, shown in the trace, never {@code null}
     * @param object the object written, never {@code null}
     * @param key the field or element, or {@code null} for the whole object
     */
    public static void write(String what, Object object, Object key) {
        access(what, object, key, Access.Mode.WRITE);
    }

    private static void access(String what, Object object, Object key, Access.Mode mode) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(object, "object");
        Context c = Context.current();
        if (c != null) {
            c.execution.access(c, what, object, key, mode);
        }
    }

    /**
     * Promises that in this schedule every CPU task and every thread started from now on touches no state shared with
     * other threads before its first schedule point, so partial-order reduction may treat starting it as independent
     * of every announced step. Without the promise a start is dependent with everything. Call it first in the body;
     * code whose every shared access is announced (instrumented code) keeps the promise. Outside control it does
     * nothing.
     */
    public static void declareLocalStarts() {
        Context c = Context.current();
        if (c != null) {
            c.execution.declareLocalStarts();
        }
    }

    /**
     * Spins until {@code condition} holds (a schedule point). Under control the thread is simply not enabled until the
     * condition is true, so a spin costs one step and a spin that can never end is reported as a deadlock with
     * {@code what} in it. Outside control it really spins with {@link Thread#onSpinWait()}.
     *
     * @param what what is awaited, such as {@code csd_lock_wait}, never {@code null}
     * @param on the object waited on, may be {@code null}
     * @param condition a side-effect-free test, never {@code null}
     */
    public static void awaitUntil(String what, Object on, BooleanSupplier condition) {
        awaitUntil(what, on, condition, null);
    }

    /**
     * As {@link #awaitUntil(String, Object, BooleanSupplier)}, with a description of what blocks the wait for deadlock
     * reports, such as "held by CPU1".
     *
     * @param blocker describes the blocker when asked, may be {@code null}
     */
    public static void awaitUntil(String what, Object on, BooleanSupplier condition, Supplier<String> blocker) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(condition, "condition");
        Context c = Context.current();
        if (c != null) {
            c.execution.await(c, what, on, condition, blocker);
            return;
        }
        FreeCpus.awaitCurrent(what, condition);
    }

    /**
     * A data choice explored and replayed like a thread choice.
     *
     * @param what what is decided, such as {@code kmalloc fails}
     * @param bound number of values, at least 1
     * @return a value in {@code [0, bound)}; always 0 outside control
     */
    public static int choose(String what, int bound) {
        Context c = Context.current();
        if (c == null) {
            if (bound < 1) {
                throw new IllegalArgumentException("a data choice needs at least one value, got bound " + bound);
            }
            return 0;
        }
        return c.execution.choose(c, what, bound);
    }

    /** A boolean data choice; always {@code false} outside control. @see #choose */
    public static boolean chooseBoolean(String what) {
        return choose(what, 2) == 1;
    }

    /**
     * Records a warning in the trace (a kernel {@code WARN_ON}) and goes on. In a {@link FreeRun} it is kept in the
     * run's result, in a {@link CpuSession} in its {@link CpuSession#warnings()}; elsewhere outside control it does
     * nothing.
     *
     * @param message what was warned about, never {@code null}
     */
    public static void warn(String message) {
        Context c = Context.current();
        if (c != null) {
            c.execution.warn(c, message);
        } else {
            FreeCpus.warnCurrent(message);
        }
    }

    /**
     * @return the simulated CPU the caller runs on (under control, in a {@link FreeRun} or bound in a
     *     {@link CpuSession}), or {@code null}
     */
    public static Cpu currentCpu() {
        Context c = Context.current();
        return c == null ? FreeCpus.currentCpu() : c.cpu;
    }

    /** @return the current schedule's (free run's, session's) handle, or {@code null} outside all three */
    public static Smp smp() {
        Context c = Context.current();
        return c == null ? FreeCpus.currentSmp() : c.execution.facade();
    }

    /** @return the name of the calling logical thread ({@code main}, {@code CPU0}, ...), or {@code null} */
    public static String currentThreadName() {
        Context c = Context.current();
        return c == null ? FreeCpus.currentName() : c.name;
    }
}
