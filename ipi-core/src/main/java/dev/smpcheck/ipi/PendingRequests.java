package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Requests from many CPUs to one target CPU through seed 003's pending-flag queue
 * ({@link IpiSystem#queueFunctionSingle}), and the target's flush, as a concurrent object. Checked against
 * {@code Specifications.pendingQueue()}: every request is followed by a run that sees what the requester wrote, even a
 * request coalesced into a run already pending. {@link Variant#PENDING_QUEUE_2014} keeps that promise;
 * {@link Variant#PENDING_QUEUE_2014_CLEAR_AFTER_FUNC}, whose handler clears {@code pending} after the function, does
 * not.
 *
 * <pre>{@code
 * PendingRequests work = new PendingRequests(ipi, 2);   // requests go to CPU2
 * work.request();    // on CPU0 or CPU1: leave a token, then smp_queue_function_single(2, ...)
 * work.flush();      // on CPU2, irqs disabled: how many tokens the function took, or null if none
 * }</pre>
 *
 * <h2>Who calls what</h2>
 * What a requester writes before asking is a token (a shared count goes up by one); the function takes every token
 * there is (the count goes back to 0). {@link #request} runs on any CPU but the target, from any number of threads at once.
 * {@link #flush} runs on the target CPU, which keeps its irqs disabled, so the {@code CALL_FUNCTION_SINGLE} IPI stays
 * pending and only {@code flush} runs the queue: the target behaves as an idle CPU that polls its queue instead of
 * taking the interrupt. That makes every run of the function part of a {@code flush} operation, where a checker sees
 * it. One thread at a time acts as the target.
 *
 * <h2>Why a flush first waits</h2>
 * A request that finds {@code pending} set returns at once, relying on the run that the request which set it is
 * about to queue. Until that request has queued it, a flush finds nothing, although a request already returned: the
 * promise is kept later, not broken. So {@link #flush} first waits until no request is half-done (between leaving its
 * token and returning); a run it then finds missing is missing for good. The wait cannot deadlock: a request never
 * waits for the target, because the csd is unlocked before {@code pending} is cleared.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class PendingRequests {
    private final IpiSystem ipi;
    private final int target;
    private final QueueSingleData qsd;
    /** The requesters' data: each request leaves a token here before it asks, each run takes them all. */
    private final AtomicInteger tokens = new AtomicInteger();
    /** Requests between leaving their token and returning. */
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The tokens the function took in the current flush; written and read on the target only. */
    private int taken;

    /**
     * @param ipi the system, booted with the design to check, never {@code null}
     * @param target the CPU the requests go to, a CPU of {@code ipi}
     * @throws IllegalArgumentException when {@code target} is not a CPU of {@code ipi}
     */
    public PendingRequests(IpiSystem ipi, int target) {
        this.ipi = Objects.requireNonNull(ipi, "ipi");
        if (target < 0 || target >= ipi.nrCpus()) {
            throw new IllegalArgumentException("target CPU" + target + " is not a CPU of " + ipi + " (CPUs 0.."
                    + (ipi.nrCpus() - 1) + ")");
        }
        this.target = target;
        this.qsd = ipi.newQueueSingleData("qsd for CPU" + target);
    }

    /**
     * Leaves a token, then {@code smp_queue_function_single(target, func, qsd)} from the calling CPU.
     *
     * @return what that returned: 0 (queued, or coalesced into the pending run), or {@code -ENXIO}
     * @throws IllegalStateException when called on the target CPU (its queue would run the function at once, outside
     *     any {@link #flush}) or off any simulated CPU
     */
    public int request() {
        Cpu me = Sched.currentCpu();
        if (me != null && me.id() == target) {
            throw new IllegalStateException("request() runs on a CPU other than the target CPU" + target);
        }
        inFlight.incrementAndGet();
        try {
            tokens.incrementAndGet();
            return ipi.queueFunctionSingle(target, q -> taken += tokens.getAndSet(0), qsd);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Waits until no request is half-done, then {@code flush_smp_call_function_queue()} on the target: runs the queued
     * request, if any.
     *
     * @return how many tokens the function took, or {@code null} if none (nothing was queued, or the queued run found
     *     no token left)
     * @throws IllegalStateException when not called on the target CPU, or with its irqs enabled
     */
    public Integer flush() {
        Cpu me = Sched.currentCpu();
        if (me == null || me.id() != target || !me.irqsDisabled()) {
            throw new IllegalStateException("flush() runs on the target CPU" + target + " with irqs disabled (so that "
                    + "the IPI cannot run the queue behind its back), not on " + (me == null ? "no CPU"
                    : me + (me.irqsDisabled() ? "" : " with irqs enabled")));
        }
        Sched.awaitUntil("no request half-done", this, () -> inFlight.get() == 0);
        taken = 0;
        ipi.flushSmpCallFunctionQueue();
        return taken == 0 ? null : taken;
    }

    /** @return the target CPU */
    public int target() {
        return target;
    }

    /** @return how many tokens are waiting for a run now */
    public int tokens() {
        return tokens.get();
    }

    @Override
    public String toString() {
        return "PendingRequests[to CPU" + target + ", " + tokens.get() + " tokens, " + (qsd.isPending()
                ? "pending" : "idle") + "]";
    }
}
