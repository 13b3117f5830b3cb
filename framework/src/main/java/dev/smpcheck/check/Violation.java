package dev.smpcheck.check;

import org.apiguardian.api.API;

/**
 * The closed set of things a schedule can find wrong. The engine's kinds and the kinds raised by models (such as
 * ipi-core's oracles) live in this one enum so that {@code @SmpTest(expect = ...)} can name any of them.
 *
 * <p>Each constant's Javadoc says who raises it and what the report contains.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Violation {

    /** An {@link AssertionError} escaped a controlled thread, an interrupt handler, the body or an after-all check. */
    ASSERTION_FAILED,

    /** Any other exception escaped a controlled thread, an interrupt handler, the body or an after-all check. */
    UNCAUGHT_EXCEPTION,

    /**
     * No logical thread can run and no pending interrupt can be delivered, yet not every task has finished. The report
     * lists who waits for what (lock holders, conditions, interrupts held off by disabled irqs).
     */
    DEADLOCK,

    /** The schedule exceeded its step bound. The report shows the repeating part of the trace. */
    LIVELOCK,

    /** A controlled thread neither reached a schedule point nor ended within the watchdog time; it was abandoned. */
    TIMEOUT,

    /** The code under test started a thread that the engine does not control, so the search cannot cover it. */
    UNCONTROLLED_THREAD,

    /** A node was added to a lock-free list (llist) it is already on. Raised by models. */
    LIST_CORRUPTION,

    /** A coalesced request was not followed by a run that saw the requester's earlier writes. Raised by models. */
    LOST_UPDATE,

    /** An enqueued call never ran although no IPI was dropped. Raised by models. */
    LOST_CALL,

    /** A waiting cross-call returned before its function completed. Raised by models. */
    WAIT_RETURNED_EARLY,

    /** A csd generation was touched after it was unlocked or after its owner's frame ended. Raised by models. */
    USE_AFTER_FREE,

    /** A call ran on a CPU other than the one requested. Raised by models. */
    WRONG_CPU,

    /** Something ran on a CPU that was offline. Raised by models. */
    OFFLINE_EXECUTION,

    /** A recorded kernel {@code WARN_ON} fired while the test asked to fail on warnings. Raised by models. */
    KERNEL_WARN,

    /** A recorded history has no linearization against its sequential specification. */
    NOT_LINEARIZABLE;

    /**
     * Classifies a throwable that escaped user code: {@link ViolationException} carries its own kind, assertion
     * errors are {@link #ASSERTION_FAILED}, everything else {@link #UNCAUGHT_EXCEPTION}.
     *
     * @param failure the throwable, never {@code null}
     * @return the kind, never {@code null}
     */
    public static Violation classify(Throwable failure) {
        if (failure instanceof ViolationException v) {
            return v.kind();
        }
        return failure instanceof AssertionError ? ASSERTION_FAILED : UNCAUGHT_EXCEPTION;
    }
}
