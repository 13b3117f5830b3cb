package dev.smpcheck.ipi;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ghost state for the designs that <em>coalesce</em> requests: the 2014 pending-flag queue ({@link QueueSingleData})
 * and irq_work ({@link IrqWork}). A request that finds the work already pending is not queued again; the design
 * promises instead that the pending run starts after the request, so it sees everything the requester wrote before
 * asking (seed 003: "we guarantee it will see the new state of the data we expect it to").
 *
 * <h2>Oracle</h2>
 * Every request is stamped with a logical time when it claims or fails to claim the work; every run of the function
 * is stamped when it starts. Once the schedule is over, each request must be followed by a run that started after it:
 * a coalesced request without one is a {@link Violation#LOST_UPDATE}, an accepted (queued) one a
 * {@link Violation#LOST_CALL}. Requests that failed ({@code -ENXIO}) promise nothing and are not recorded.
 */
final class RequestLedger {

    private record Request(long time, Object work, boolean coalesced, String requester) {}

    private final List<Request> requests = new ArrayList<>();
    private final Map<Object, Long> lastRunStart = new IdentityHashMap<>();
    private long clock;

    /** @return a new logical time, for a request about to be decided */
    synchronized long tick() {
        return ++clock;
    }

    /**
     * A request made at {@code time} was coalesced into a pending run, or was accepted and queued.
     *
     * @param requester who asked, for reports
     */
    synchronized void promised(Object work, long time, boolean coalesced, String requester) {
        requests.add(new Request(time, work, coalesced, requester));
    }

    /** @return how many requests were coalesced into a pending run so far */
    synchronized int coalescedCount() {
        return (int) requests.stream().filter(Request::coalesced).count();
    }

    /** The function of {@code work} starts running now. */
    synchronized void runStarted(Object work) {
        lastRunStart.put(work, ++clock);
    }

    /** After the schedule: every request was followed by a run that started after it. */
    synchronized void checkAllServed() {
        for (Request r : requests) {
            Long start = lastRunStart.get(r.work());
            if (start != null && start > r.time()) {
                continue;
            }
            String last = start == null ? "it never ran" : "its last run started before the request";
            if (r.coalesced()) {
                throw new ViolationException(Violation.LOST_UPDATE, r.requester() + " found " + r.work()
                        + " pending and relied on the pending run to see its earlier writes, but no run started "
                        + "after that request (" + last + ")");
            }
            throw new ViolationException(Violation.LOST_CALL, r.requester() + " queued " + r.work() + ", but no run "
                    + "started after that (" + last + ")");
        }
    }
}
