package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The ready-made specifications, one history each that they must accept and one they must reject. */
class SpecificationsTest {

    @Test
    void theMapReturnsPreviousValuesAsJavaMapsDo() {
        History h = new History();
        h.invokeBy("A", "put", "k", 1).ret(null);
        h.invokeBy("A", "put", "k", 2).ret(1);
        h.invokeBy("B", "get", "k").ret(2);
        h.invokeBy("B", "remove", "k").ret(2);
        h.invokeBy("B", "get", "k").ret(null);
        assertThat(h.verdict(Specifications.map()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        h.invokeBy("A", "put", "k", 3).ret(2);              // the key was removed: put must return null
        assertThat(h.verdict(Specifications.map().partitionedBy(op -> op.arg(0))).counterexample().deadEnd()
                .expected()).isEqualTo("null");
    }

    @Test
    void theQueueAnswersToJavaNamesToo() {
        History h = new History();
        h.invokeBy("A", "offer", 'x').ret(true);
        h.invokeBy("A", "enq", 'y').ret(null);
        h.invokeBy("B", "poll").ret('x');
        h.invokeBy("B", "deq").ret('y');
        h.invokeBy("B", "poll").ret(null);
        assertThat(h.verdict(Specifications.queue()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History lifo = new History();
        lifo.invokeBy("A", "offer", 'x').ret(true);
        lifo.invokeBy("A", "offer", 'y').ret(true);
        lifo.invokeBy("B", "poll").ret('y');
        assertThat(lifo.verdict(Specifications.queue()).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
    }

    @Test
    void theRegisterMayHoldNull() {
        History h = new History();
        h.invokeBy("A", "read").ret(null);
        h.invokeBy("A", "write", "v").ret(null);
        h.invokeBy("B", "read").ret("v");
        assertThat(h.verdict(Specifications.register(null)).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        assertThat(h.verdict(Specifications.register("v")).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
    }

    @Test
    void theLlistTellsTheFirstAdderAndHandsOutEverythingNewestFirst() {
        History h = new History();
        Invocation a = h.invokeBy("A", "add", 1);
        Invocation b = h.invokeBy("B", "add", 2);
        b.ret(true);                                        // overlapping adds: 2 went first
        a.ret(false);
        h.invokeBy("C", "delAll").ret(List.of(1, 2));
        h.invokeBy("C", "delAll").ret(List.of());
        h.invokeBy("A", "add", 3).ret(true);
        assertThat(h.verdict(Specifications.llist()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History fifo = new History();
        fifo.invokeBy("A", "add", 1).ret(true);
        fifo.invokeBy("A", "add", 2).ret(false);
        fifo.invokeBy("B", "delAll").ret(List.of(1, 2));    // one after the other: must be [2, 1]
        assertThat(fifo.verdict(Specifications.llist()).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        History newestFirst = new History();
        newestFirst.invokeBy("A", "add", 1).ret(true);
        newestFirst.invokeBy("A", "add", 2).ret(false);
        newestFirst.invokeBy("B", "delAll").ret(List.of(2, 1));
        assertThat(newestFirst.verdict(Specifications.llist()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History twoFirsts = new History();
        Invocation x = twoFirsts.invokeBy("A", "add", 1);
        Invocation y = twoFirsts.invokeBy("B", "add", 2);
        x.ret(true);
        y.ret(true);                                        // both found it empty: one IPI is missing or one too many
        assertThat(twoFirsts.verdict(Specifications.llist()).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
    }

    @Test
    void theTryLockLetsOneOfTwoOverlappingClaimersWin() {
        History h = new History();
        Invocation a = h.invokeBy("CPU0", "tryLock");
        Invocation b = h.invokeBy("CPU1", "tryLock");
        a.ret(false);
        b.ret(true);
        h.invokeBy("CPU2", "unlock").ret(null);
        h.invokeBy("CPU2", "unlock").ret(null);           // unlocking a free lock changes nothing
        h.invokeBy("CPU0", "tryLock").ret(true);
        assertThat(h.verdict(Specifications.tryLock()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History both = new History();
        Invocation x = both.invokeBy("CPU0", "tryLock");
        Invocation y = both.invokeBy("CPU1", "tryLock");
        x.ret(true);
        y.ret(true);
        Verdict v = both.verdict(Specifications.tryLock());
        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.counterexample().deadEnd().expected()).isEqualTo("false");
    }

    @Test
    void theIrqWorkClaimCoalescesWhilePendingAndAClaimDuringTheRunQueuesAgain() {
        History h = new History();
        h.invokeBy("CPU0", "claim").ret(true);
        h.invokeBy("CPU1", "claim").ret(false);            // PENDING was set: coalesced into the pending run
        Invocation run = h.invokeBy("CPU2", "run");
        h.invokeBy("CPU1", "claim").ret(true);             // PENDING already cleared by the run: queues again
        run.ret(true);
        h.invokeBy("CPU2", "run").ret(true);
        h.invokeBy("CPU2", "run").ret(false);
        assertThat(h.verdict(Specifications.irqWork()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History twice = new History();
        twice.invokeBy("CPU0", "claim").ret(true);
        twice.invokeBy("CPU1", "claim").ret(true);         // a second owner of one pending work
        assertThat(twice.verdict(Specifications.irqWork()).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);

        History phantom = new History();
        phantom.invokeBy("CPU2", "run").ret(true);         // ran a work nobody claimed
        assertThat(phantom.verdict(Specifications.irqWork()).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
    }

    @Test
    void thePendingQueueRunTakesEveryTokenLeftBeforeIt() {
        History h = new History();
        h.invokeBy("CPU0", "flush").ret(null);             // nothing requested yet
        h.invokeBy("CPU1", "request").ret(0);
        h.invokeBy("CPU0", "request").ret(0);             // coalesced: the caller cannot tell
        Invocation flush = h.invokeBy("CPU2", "flush");
        h.invokeBy("CPU1", "request").ret(0);             // overlaps the run: taken by it, or by the next one
        flush.ret(3);
        h.invokeBy("CPU2", "flush").ret(null);             // the run its request queued found no token left
        h.invokeBy("CPU2", "flush");                       // cut short: may or may not have run
        assertThat(h.verdict(Specifications.pendingQueue()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
    }

    @Test
    void thePendingQueueCatchesARunThatReadBeforeItStoppedCoalescing() {
        // Seed 003's wrong order: the function took the one token, then a request was coalesced, then the handler
        // cleared pending. No later run takes the second token.
        History h = new History();
        h.invokeBy("CPU0", "request").ret(0);
        Invocation flush = h.invokeBy("CPU2", "flush");
        h.invokeBy("CPU1", "request").ret(0);
        flush.ret(1);
        h.invokeBy("CPU2", "flush").ret(null);
        Verdict v = h.verdict(Specifications.pendingQueue());
        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.counterexample().deadEnd().expected()).isEqualTo("1");

        History stale = new History();
        stale.invokeBy("CPU0", "request").ret(0);
        stale.invokeBy("CPU1", "request").ret(0);
        stale.invokeBy("CPU2", "flush").ret(1);            // missed a token left before it started
        assertThat(stale.verdict(Specifications.pendingQueue()).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
    }

    @Test
    void anUnknownOperationListsTheKnownOnes() {
        History h = new History();
        h.invokeBy("A", "push", 1).ret(null);

        assertThatThrownBy(() -> h.verdict(Specifications.queue())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the queue specification has no operation push(1); it has enq, deq, offer, poll");
    }
}
