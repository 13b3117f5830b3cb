package dev.smpcheck.schedule;

import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * The handle a test body gets for one schedule: its CPUs, a way to put work on them, to start plain controlled
 * threads, to register interrupt vectors, and to check the outcome once everything is done.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li>Exactly one logical thread (the body, a CPU's task or handler, a started thread) runs at a time; the others
 *       wait at schedule points.</li>
 *   <li>Every schedule starts from nothing: new CPUs, new vectors, a new test instance.</li>
 *   <li>CPU tasks start when the body returns, so the body is set-up code that is never interleaved with them.</li>
 *   <li>{@link #afterAll} checks run after every task and thread has finished and no interrupt is pending, outside
 *       the controlled execution.</li>
 * </ul>
 *
 * <h2>Requirements</h2>
 * Call these methods only from controlled code of the same schedule (the body, tasks, handlers, started threads).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Smp {

    /** @return the number of CPUs of this schedule */
    int cpus();

    /**
     * @param id from 0 to {@code cpus() - 1}
     * @return that CPU
     * @throws IllegalArgumentException for an id out of range
     */
    Cpu cpu(int id);

    /**
     * Puts a task on a CPU. Tasks put on one CPU run one after the other, in the order given, after the body returns.
     *
     * @param cpu the CPU id, from 0 to {@code cpus() - 1}
     * @param task the work, never {@code null}
     */
    void onCpu(int cpu, CpuTask task);

    /**
     * Starts a plain controlled thread (one not bound to a CPU). Its start is a schedule point. An exception it throws
     * fails the schedule.
     *
     * @param name shown in traces, never {@code null}
     * @param body the work, never {@code null}
     * @return a handle to join it
     */
    ThreadHandle thread(String name, Runnable body);

    /**
     * Registers an interrupt vector for this schedule (at most 64).
     *
     * @param name shown in traces, never {@code null}
     * @param handler runs nested on the CPU it is delivered to, never {@code null}
     * @return the vector
     */
    IrqVector registerIrq(String name, IrqHandler handler);

    /**
     * Adds a check to run once all work is done. Checks run in the order added; one that throws fails the schedule.
     *
     * @param check the check, never {@code null}
     */
    void afterAll(Check check);

    /**
     * A schedule point: here the strategy may let another thread run or deliver an interrupt.
     *
     * @param what what happens here, shown in the trace, never {@code null}
     */
    default void point(String what) {
        Sched.point(what);
    }

    /**
     * Spins until {@code condition} holds, like the kernel's spin-waits. The waiting thread is not run again until the
     * condition is true, so a wait costs one step however long it lasts; while it waits with irqs enabled its CPU
     * can still take interrupts.
     *
     * @param what what is awaited, for traces and deadlock reports, never {@code null}
     * @param condition read-only test of shared state, never {@code null}
     */
    default void awaitUntil(String what, BooleanSupplier condition) {
        Sched.awaitUntil(what, null, condition);
    }

    /**
     * A data choice: the strategy picks a value in {@code [0, bound)}, so nondeterminism in a model (an allocation
     * failing, an IPI being dropped) is explored and replayed like thread choices.
     *
     * @param what what is decided, for traces, never {@code null}
     * @param bound the number of possible values, at least 1
     * @return the value; 0 is the usual outcome
     */
    default int choose(String what, int bound) {
        return Sched.choose(what, bound);
    }

    /** A boolean data choice; {@code false} is the usual outcome. @see #choose */
    default boolean chooseBoolean(String what) {
        return Sched.choose(what, 2) == 1;
    }

    /**
     * Promises that every CPU task and every thread started from now on touches no shared state before its first
     * schedule point, so partial-order reduction may treat task starts as independent. @see Sched#declareLocalStarts
     */
    default void declareLocalStarts() {
        Sched.declareLocalStarts();
    }

    /** A check run after all work is done. */
    @FunctionalInterface
    interface Check {
        /** Runs the check; throw to fail the schedule. */
        void run() throws Throwable;
    }
}
