package dev.smpcheck.ipi;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The model's record of every call it enqueued, and the oracles that check it. Not a kernel structure: it is ghost
 * state, written in the same atomic step as the kernel action it records.
 *
 * <h2>Oracles</h2>
 * <ul>
 *   <li>{@link #enqueued}: a csd generation is added to a queue once ({@link Violation#LIST_CORRUPTION} otherwise,
 *       naming both enqueuers).</li>
 *   <li>{@link #started}: an enqueue runs at most once ({@link Violation#LIST_CORRUPTION} otherwise: a list that hands
 *       out one entry twice is corrupt) and on the CPU it was sent to ({@link Violation#WRONG_CPU}).</li>
 *   <li>{@link #checkAccess}: the flush (or a sender's tracepoint) touches only the generation that was enqueued,
 *       before it was unlocked, and never a csd whose memory is gone ({@link Violation#USE_AFTER_FREE}).</li>
 *   <li>{@link #waitReturned}: a waiting call returns only after its function completed
 *       ({@link Violation#WAIT_RETURNED_EARLY}).</li>
 *   <li>{@link #checkAllRan}: once the schedule is over, every enqueue ran ({@link Violation#LOST_CALL}).</li>
 * </ul>
 * Methods are synchronized so that the ledger also stays consistent on plain threads.
 */
final class CallLedger {

    /** One successful {@code llist_add} of a csd. */
    static final class Ticket {
        final int seq;
        final Csd csd;
        final int generation;
        final int src;
        final int dst;
        final LlistHead queue;
        final String enqueuer;
        /** Whether {@code csd_unlock} handed this generation back to its owner. */
        volatile boolean unlocked;
        /** Written under the ledger's lock; volatile so that wait conditions may read it. */
        volatile int runs;
        int ranOn = -1;
        boolean completed;

        Ticket(int seq, Csd csd, LlistHead queue, String enqueuer) {
            this.seq = seq;
            this.csd = csd;
            this.generation = csd.generation();
            this.src = csd.src();
            this.dst = csd.dst();
            this.queue = queue;
            this.enqueuer = enqueuer;
        }

        /** @return whether the flush started running this call's function */
        boolean started() {
            return runs > 0;
        }

        @Override
        public String toString() {
            return "call #" + seq + " (" + csd + " generation " + generation + ", sent by " + enqueuer + " to CPU"
                    + dst + ")";
        }
    }

    private final List<Ticket> tickets = new ArrayList<>();
    private int completed;
    private int inFlight;
    private int maxInFlight;

    /**
     * {@link LlistHead.EnqueueHook}: stamps a csd's enqueue with a ticket. Other node types are not tracked.
     *
     * <p>Every kernel path takes {@code CSD_FLAG_LOCK} (starting a new generation) before it adds a csd, and adds it
     * once; only the flush's {@code csd_unlock} ends the generation. A second add of the same generation therefore
     * means two senders both believe they own the csd: the race of {@code _async}'s non-atomic test-and-set (seed 004,
     * C14). When the first add is still on the list, {@link LlistHead#add} reports it; this check catches the same
     * double add after a flush took the first one off. The kernel's list is not yet broken then, but the csd sits on a
     * queue while the flush releases its lock, so the next {@code csd_unlock} WARNs and the next claim adds a node that
     * is on a list: it is reported as the {@link Violation#LIST_CORRUPTION} it leads to, naming both enqueuers, rather
     * than as the later access to the unlocked csd.
     *
     * @throws ViolationException {@link Violation#LIST_CORRUPTION} when this generation of the csd was added before
     */
    synchronized void enqueued(LlistHead queue, CallSingleNode node, String via) {
        if (node instanceof Csd csd) {
            Ticket earlier = csd.ticket;
            if (earlier != null && earlier.generation == csd.generation()) {
                throw new ViolationException(Violation.LIST_CORRUPTION, "llist_add of " + csd + " to " + queue
                        + " by " + via + ", but " + csd + " was already added to " + earlier.queue + " by "
                        + earlier.enqueuer + " under the same lock (generation " + earlier.generation + "), and a "
                        + "flush took it off " + (earlier.unlocked ? "and unlocked it" : "but has not unlocked it yet")
                        + ": two enqueues for one CSD_FLAG_LOCK leave the csd queued while its owner sees it "
                        + "unlocked");
            }
            Ticket t = new Ticket(tickets.size() + 1, csd, queue, via);
            tickets.add(t);
            csd.ticket = t;
            maxInFlight = Math.max(maxInFlight, ++inFlight);
        }
    }

    /**
     * The flush is about to run {@code t}'s function on {@code cpu}.
     *
     * @param t the ticket the flush found on the node it unlinked, {@code null} if the node carried none
     */
    synchronized void started(Ticket t, Csd csd, int cpu) {
        if (t == null) {
            throw new ViolationException(Violation.LIST_CORRUPTION, "the flush on CPU" + cpu + " found " + csd
                    + " on its queue, but no llist_add put it there");
        }
        if (t.runs++ == 0) {
            inFlight--;
        } else {
            throw new ViolationException(Violation.LIST_CORRUPTION, t + " runs a second time, on CPU" + cpu
                    + " (it already ran on CPU" + t.ranOn + "): the list handed out one entry twice");
        }
        t.ranOn = cpu;
        if (cpu != t.dst) {
            throw new ViolationException(Violation.WRONG_CPU, t + " runs on CPU" + cpu + ", not on CPU" + t.dst
                    + " it was sent to");
        }
    }

    /** The function of {@code t} returned. */
    synchronized void finished(Ticket t) {
        if (!t.completed) {
            t.completed = true;
            completed++;
        }
    }

    /**
     * Someone touches {@code csd} on behalf of the enqueue {@code t}: the csd must still be in that generation and
     * locked (not yet handed back to its owner by {@code csd_unlock}), and its memory alive.
     *
     * @param by who, such as {@code the flush on CPU1}
     * @param what the access, such as {@code read func}
     */
    static void checkAccess(Ticket t, Csd csd, String by, String what) {
        csd.checkAlive(what, by);
        if (t == null) {
            return;
        }
        if (csd.generation() != t.generation) {
            throw new ViolationException(Violation.USE_AFTER_FREE, by + " does '" + what + "' on " + csd
                    + " for generation " + t.generation + ", but the csd was unlocked and reused (now generation "
                    + csd.generation() + ")");
        }
        if (t.unlocked) {
            throw new ViolationException(Violation.USE_AFTER_FREE, by + " does '" + what + "' on " + csd
                    + " for generation " + t.generation + " after csd_unlock handed it back to its owner");
        }
    }

    /**
     * A waiting call's {@code csd_lock_wait} returned.
     *
     * @param t the ticket of the call's enqueue, {@code null} when it ran locally or failed (nothing to wait for)
     * @param waiter who waited, for the report
     */
    synchronized void waitReturned(Ticket t, String waiter) {
        if (t != null && !t.completed) {
            throw new ViolationException(Violation.WAIT_RETURNED_EARLY, waiter + " returned from its wait for " + t
                    + " before the function " + (t.runs == 0 ? "started" : "completed"));
        }
    }

    /**
     * After the schedule: every enqueue ran.
     *
     * @param why says why a CPU's queue was not flushed, such as {@code CPU1 is offline}
     */
    synchronized void checkAllRan(IntFunction<String> why) {
        for (Ticket t : tickets) {
            if (t.runs == 0) {
                throw new ViolationException(Violation.LOST_CALL, t + " never ran; " + t.queue + " still holds "
                        + t.queue.size() + " entr" + (t.queue.size() == 1 ? "y" : "ies") + " and "
                        + why.apply(t.queue instanceof CallSingleQueue q ? q.cpu() : t.dst));
            }
        }
    }

    /** @return how many csd enqueues the model recorded */
    synchronized int enqueuedCount() {
        return tickets.size();
    }

    /** @return the most csds that were ever enqueued and not yet started at one time */
    synchronized int maxInFlight() {
        return maxInFlight;
    }

    /** @return how many of them ran to completion */
    synchronized int completedCount() {
        return completed;
    }
}
