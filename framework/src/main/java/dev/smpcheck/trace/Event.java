package dev.smpcheck.trace;

import org.apiguardian.api.API;

/**
 * One step of a fully traced schedule.
 *
 * @param step the number of schedule points passed before this event
 * @param actor the column: index of the logical thread (0 is the body, then the CPUs, then started threads)
 * @param kind what happened, never {@code null}
 * @param text the event in the model's words, such as {@code llist_add(csd#1) = true}, never {@code null}
 * @param location where in the code, such as {@code Csd.enqueue:42}, or the empty string when not known
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Event(long step, int actor, Kind kind, String text, String location) {

    /** What an event records. */
    public enum Kind {
        /** A thread or CPU task started. */
        START,
        /** A schedule point passed. */
        POINT,
        /** A thread began to wait (a lock, a condition, a join). */
        WAIT,
        /** A data choice was made. */
        DATA,
        /** An interrupt handler was entered. */
        IRQ_ENTER,
        /** An interrupt handler returned. */
        IRQ_EXIT,
        /** A model recorded a warning (such as a kernel WARN_ON) and went on. */
        WARN,
        /** A thread or CPU task ended. */
        END,
        /** The violation that ended the schedule. */
        FAIL
    }
}
