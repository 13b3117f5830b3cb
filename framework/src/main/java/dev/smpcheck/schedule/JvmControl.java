package dev.smpcheck.schedule;

import dev.smpcheck.check.Violation;
import dev.smpcheck.strategy.Access;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * What the instrumentation runtime ({@code dev.smpcheck.instrument}) needs from the engine beyond {@link Sched}: waits
 * that release a real monitor or may time out, threads for {@code java.lang.Thread} objects, and a slot for its
 * per-schedule state. Models written by hand use {@link Sched}; this class is public only so that the runtime, in
 * another package, can reach it.
 *
 * <p>Every method must be called by a controlled thread of a running schedule ({@link #controlled()}).
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class JvmControl {
    private JvmControl() {}

    /**
     * @return whether the caller is a controlled thread running its own code; {@code false} outside control and while
     *     the engine itself runs on the thread (evaluating a wait condition, naming an object for the trace), where
     *     instrumented code must behave as plain Java
     */
    public static boolean controlled() {
        Context c = Context.current();
        return c != null && c.busy == 0;
    }

    /**
     * A schedule point before an action; the trace shows the action when the thread goes on (after the point).
     *
     * @param what the action, such as {@code read count}, never {@code null}
     * @param on the object acted on, named in the trace; may be {@code null}
     */
    public static void pointBefore(String what, Object on) {
        Context c = self();
        c.execution.pointBefore(c, what, on);
    }

    /**
     * As {@link #pointBefore}, announcing that the step after the point reads or writes one location, for
     * partial-order reduction (see {@link Sched#read}). The running thread must {@link #widen} the step if it then
     * touches anything else before its next point.
     *
     * @param what the action, never {@code null}
     * @param on the object the trace names, may be {@code null}
     * @param object the location's object, never {@code null}; numbered in order of first announcement
     * @param key the part of {@code object}, compared with {@code equals}; {@code null} for all of it
     * @param write whether the step writes (and may read) the location, rather than only reading it
     */
    public static void accessBefore(String what, Object on, Object object, Object key, boolean write) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(object, "object");
        Context c = self();
        c.execution.accessBefore(c, what, on, object, key, write ? Access.Mode.WRITE : Access.Mode.READ);
    }

    /**
     * Tells the engine that the running step touches state that its schedule point did not announce, so that it
     * counts as touching anything. Cheap after the first call in a step.
     */
    public static void widen() {
        Context c = self();
        c.execution.widen(c);
    }

    /**
     * @return how many schedule points the calling thread has passed in this schedule; a thread that passed none
     *     between two calls ran on without the engine seeing it
     */
    public static long resumes() {
        Context c = self();
        return c.execution.resumes(c);
    }

    /**
     * Ends the schedule at once with a violation the runtime detected, such as threads that spin forever. The caller
     * is unwound with an {@link Error} that user code should not catch; if it does, its next point stops it again.
     *
     * @param kind the violation, never {@code null}
     * @param message what went wrong, for the report, never {@code null}
     * @return never returns normally; declared so that callers can write {@code throw JvmControl.fail(...)}
     */
    public static Error fail(Violation kind, String message) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Context c = self();
        throw c.execution.failWith(c, kind, message);
    }

    /**
     * Records in the trace what the caller just did, such as taking a lock after a wait; not a schedule point, and
     * nothing at all when the schedule is not traced. Never throws for a controlled thread.
     *
     * @param what the action, never {@code null}
     * @param on the object acted on, may be {@code null}
     */
    public static void note(String what, Object on) {
        Context c = self();
        c.execution.note(c, what, on);
    }

    /**
     * Waits, as {@link Sched#awaitUntil(String, Object, BooleanSupplier, Supplier)}, with the two extras that Java's
     * blocking methods need.
     *
     * @param what what is awaited, for traces and deadlock reports, never {@code null}
     * @param on the object waited on, may be {@code null}
     * @param condition a side-effect-free test, never {@code null}
     * @param blocker describes the blocker for deadlock reports, may be {@code null}
     * @param realMonitor a monitor the caller really holds and that must be free for others while it waits (the
     *     receiver of {@code Object.wait}), or {@code null}
     * @param timeout for a timed wait, when it may time out; a timeout happens only when no thread can run (see
     *     {@link Waiter}); {@code null} for an untimed wait
     * @return {@code true} when {@code condition} held on resuming, {@code false} when the wait timed out
     */
    public static boolean await(String what, Object on, BooleanSupplier condition, Supplier<String> blocker,
            Object realMonitor, BooleanSupplier timeout) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(condition, "condition");
        Context c = self();
        return c.execution.await(c, what, on, condition, blocker, realMonitor, timeout);
    }

    /**
     * As {@link #await(String, Object, BooleanSupplier, Supplier, Object, BooleanSupplier)}, for a wait that changes
     * nothing when it ends (a join): the step after it touches nothing shared until the caller announces or
     * {@link #widen}s, so partial-order reduction need not order it against other threads.
     */
    public static boolean awaitThenLocal(String what, Object on, BooleanSupplier condition, Supplier<String> blocker,
            BooleanSupplier timeout) {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(condition, "condition");
        Context c = self();
        return c.execution.await(c, what, on, condition, blocker, null, timeout, true);
    }

    /**
     * Starts a controlled plain thread, as {@link Smp#thread}.
     *
     * @param name the logical thread's name, never {@code null}
     * @param body what it runs, never {@code null}
     * @param point whether the start is a schedule point (not in an atomic region)
     * @return its handle
     */
    public static ThreadHandle spawn(String name, Runnable body, boolean point) {
        return spawn(name, body, point, false);
    }

    /**
     * As {@link #spawn(String, Runnable, boolean)}, optionally promising, as {@link Sched#declareLocalStarts} does
     * for a whole schedule, that the thread touches nothing shared before its first schedule point other than what it
     * announces or {@link #widen}s.
     *
     * @param localStart whether the thread's first step is local
     */
    public static ThreadHandle spawn(String name, Runnable body, boolean point, boolean localStart) {
        Context c = self();
        return c.execution.spawn(c, name, body, point, localStart);
    }

    /**
     * The runtime's state for the current schedule, made on first use. There is one slot per schedule, so the runtime
     * keeps all its state in one object.
     *
     * @param type the state's class, checked against what the slot holds
     * @param factory makes the state, never {@code null}
     * @param <T> the state's type
     * @return the state, never {@code null}
     */
    public static <T> T state(Class<T> type, Supplier<? extends T> factory) {
        Execution e = self().execution;
        Object s = e.jvmState;
        if (s == null) {
            s = Objects.requireNonNull(factory.get(), "state");
            e.jvmState = s;
        }
        return type.cast(s);
    }

    private static Context self() {
        Context c = Context.current();
        if (c == null) {
            throw new IllegalStateException("only a controlled thread of a running schedule may call this, not "
                    + Thread.currentThread().getName());
        }
        return c;
    }
}
