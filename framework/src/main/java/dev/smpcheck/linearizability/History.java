package dev.smpcheck.linearizability;

import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Records the operations that threads perform on a concurrent object, so that {@link #check} can decide whether the
 * object behaved like its sequential specification.
 *
 * <pre>{@code
 * History history = new History();
 * smp.onCpu(0, cpu -> history.call("inc", () -> counter.incrementAndGet()));
 * smp.onCpu(1, cpu -> history.call("inc", () -> counter.incrementAndGet()));
 * smp.afterAll(() -> history.check(COUNTER_SPEC));   // fails the schedule with NOT_LINEARIZABLE
 * }</pre>
 *
 * <h2>Order and threads</h2>
 * Every invocation and every return takes the next tick of one logical clock. Inside a controlled execution only one
 * logical thread runs at a time, so the clock is the execution's own order of events; on plain threads the recorder
 * is thread-safe and its lock orders the events consistently with real time (an invocation is recorded before the
 * operation starts, a return after it ends). Operations are attributed to the calling logical thread or CPU
 * ({@link Sched#currentThreadName()}) or, outside control, to the Java thread's name.
 *
 * <h2>Outcomes</h2>
 * {@link #call} records what the body returns; an {@link Exception} it throws is recorded as the operation's outcome
 * and rethrown. An {@link Error} (an assertion, an aborted schedule) leaves the operation <em>pending</em>, like an
 * operation whose thread was stopped: it may or may not have taken effect, and the checker tries both. Use
 * {@link #invoke} with {@link Invocation#ret} for operations that do not fit a lambda, or that may never return.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class History {

    /**
     * An operation body that returns a value.
     *
     * @param <T> the result type
     * @param <X> the checked exception it may throw ({@code RuntimeException} when none)
     */
    @FunctionalInterface
    public interface Body<T, X extends Throwable> {
        /** @return the operation's result */
        T get() throws X;
    }

    /**
     * An operation body that returns nothing.
     *
     * @param <X> the checked exception it may throw ({@code RuntimeException} when none)
     */
    @FunctionalInterface
    public interface VoidBody<X extends Throwable> {
        /** Performs the operation. */
        void run() throws X;
    }

    /** One recorded operation while it may still change; guarded by the history's lock. */
    private static final class Slot {
        final String thread;
        final String name;
        final List<Object> args;
        final long invokedAt;
        long returnedAt = Operation.PENDING;
        Object result;
        Throwable failure;

        Slot(String thread, String name, List<Object> args, long invokedAt) {
            this.thread = thread;
            this.name = name;
            this.args = args;
            this.invokedAt = invokedAt;
        }
    }

    private final List<Slot> slots = new ArrayList<>();
    private long clock;

    /** Makes an empty history. */
    public History() {}

    /**
     * Records the invocation of an operation by the calling thread. Complete it with {@link Invocation#ret} or
     * {@link Invocation#threw}, or leave it pending.
     *
     * @param name the operation's name, never {@code null}
     * @param args its arguments, may hold {@code null}s
     * @return the handle to record its return
     */
    public Invocation invoke(String name, Object... args) {
        return invokeBy(currentThread(), name, args);
    }

    /**
     * Records the invocation of an operation on behalf of a named thread, as when building a history by hand.
     *
     * @param thread the thread it is attributed to, never {@code null}
     * @param name the operation's name, never {@code null}
     * @param args its arguments, may hold {@code null}s
     * @return the handle to record its return
     */
    public Invocation invokeBy(String thread, String name, Object... args) {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(name, "name");
        List<Object> copy = Arrays.asList(args == null ? new Object[] {null} : args.clone());
        synchronized (slots) {
            slots.add(new Slot(thread, name, copy, clock++));
            return new Invocation(this, slots.size() - 1);
        }
    }

    /** Records the return of invocation {@code index}; called by {@link Invocation}. */
    void complete(int index, Object result, Throwable failure) {
        synchronized (slots) {
            Slot s = slots.get(index);
            if (s.returnedAt != Operation.PENDING) {
                throw new IllegalStateException(s.name + " by " + s.thread + " (invoked at " + s.invokedAt
                        + ") has already returned at " + s.returnedAt);
            }
            s.result = result;
            s.failure = failure;
            s.returnedAt = clock++;
        }
    }

    /**
     * Performs an operation and records it.
     *
     * @param name the operation's name, never {@code null}
     * @param body performs it, never {@code null}
     * @param <T> the result type
     * @param <X> the checked exception the body may throw
     * @return what the body returned
     * @throws X what the body threw, after recording it
     */
    public <T, X extends Throwable> T call(String name, Body<T, X> body) throws X {
        return record(invoke(name), body);
    }

    /** As {@link #call(String, Body)} for an operation with one argument. */
    public <T, X extends Throwable> T call(String name, Object arg, Body<T, X> body) throws X {
        return record(invoke(name, arg), body);
    }

    /** As {@link #call(String, Body)} for an operation with two arguments. */
    public <T, X extends Throwable> T call(String name, Object arg0, Object arg1, Body<T, X> body) throws X {
        return record(invoke(name, arg0, arg1), body);
    }

    /** As {@link #call(String, Body)} for an operation with three arguments. */
    public <T, X extends Throwable> T call(String name, Object arg0, Object arg1, Object arg2, Body<T, X> body)
            throws X {
        return record(invoke(name, arg0, arg1, arg2), body);
    }

    /**
     * Performs a void operation and records it (its result is {@code null}).
     *
     * @param name the operation's name, never {@code null}
     * @param body performs it, never {@code null}
     * @param <X> the checked exception the body may throw
     * @throws X what the body threw, after recording it
     */
    public <X extends Throwable> void run(String name, VoidBody<X> body) throws X {
        record(invoke(name), voidBody(body));
    }

    /** As {@link #run(String, VoidBody)} for an operation with one argument. */
    public <X extends Throwable> void run(String name, Object arg, VoidBody<X> body) throws X {
        record(invoke(name, arg), voidBody(body));
    }

    /** As {@link #run(String, VoidBody)} for an operation with two arguments. */
    public <X extends Throwable> void run(String name, Object arg0, Object arg1, VoidBody<X> body) throws X {
        record(invoke(name, arg0, arg1), voidBody(body));
    }

    private static <X extends Throwable> Body<Object, X> voidBody(VoidBody<X> body) {
        Objects.requireNonNull(body, "body");
        return () -> {
            body.run();
            return null;
        };
    }

    private static <T, X extends Throwable> T record(Invocation invocation, Body<T, X> body) throws X {
        Objects.requireNonNull(body, "body");
        T result;
        try {
            result = body.get();
        } catch (Throwable t) {
            // An Error means the operation was cut short, not that it completed by throwing: leave it pending.
            if (t instanceof Exception) {
                invocation.threw(t);
            }
            throw t;
        }
        invocation.ret(result);
        return result;
    }

    /** @return a snapshot of the operations recorded so far, in invocation order; unfinished ones are pending */
    public List<Operation> operations() {
        synchronized (slots) {
            List<Operation> ops = new ArrayList<>(slots.size());
            for (Slot s : slots) {
                ops.add(new Operation(ops.size(), s.thread, s.name, s.args, s.result, s.failure, s.invokedAt,
                        s.returnedAt));
            }
            return ops;
        }
    }

    /** @return the number of operations recorded so far */
    public int size() {
        synchronized (slots) {
            return slots.size();
        }
    }

    /**
     * Checks the operations recorded so far with the default {@link LinearizabilityChecker}.
     *
     * @param spec the sequential specification, never {@code null}
     * @return the verdict, never {@code null}
     */
    public Verdict verdict(SequentialSpec<?> spec) {
        return LinearizabilityChecker.defaults().check(this, spec);
    }

    /**
     * Checks the operations recorded so far with the default {@link LinearizabilityChecker} and fails when they are
     * not linearizable, or when that could not be decided within the checker's budget. Call it from
     * {@code smp.afterAll(...)} to fail the schedule with {@link dev.smpcheck.check.Violation#NOT_LINEARIZABLE}.
     *
     * @param spec the sequential specification, never {@code null}
     * @throws dev.smpcheck.check.ViolationException of kind {@code NOT_LINEARIZABLE}, with the report
     * @throws UndecidedException when the budget ran out before a verdict
     */
    public void check(SequentialSpec<?> spec) {
        LinearizabilityChecker.defaults().assertLinearizable(this, spec);
    }

    /** @return the operations as a per-thread timeline */
    @Override
    public String toString() {
        return Timeline.render(operations(), null);
    }

    private static String currentThread() {
        String logical = Sched.currentThreadName();
        return logical != null ? logical : Thread.currentThread().getName();
    }
}
