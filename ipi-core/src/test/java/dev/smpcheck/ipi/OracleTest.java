package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.describe;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** Each oracle fires when its contract is broken; the model's own paths are bypassed to break them. */
class OracleTest {

    private static final LlistHead.EnqueueHook NO_HOOK = LlistHead.EnqueueHook.NONE;

    /** Locks a csd and routes it as an {@code _async} call from {@code src} to {@code dst} would. */
    private static Csd locked(Csd csd, int src, int dst) {
        csd.writeFlagsPlain(CallSingleNode.CSD_FLAG_LOCK);
        csd.setRoute(src, dst);
        return csd;
    }

    @Test
    void anEnqueueWithoutItsIpiIsALostCall() throws Throwable {
        SearchResult result = search("oracle/lostCall", 2, 20, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            smp.onCpu(0, cpu -> {
                Csd csd = locked(ipi.newCsd("orphan csd", info -> { }), 0, 1);
                ipi.callSingleQueue(1).add(csd, "a sender that forgets the IPI");
            });
        });

        Finding f = result.finding();
        assertThat(f).as(describe(result)).isNotNull();
        assertThat(f.kind()).isEqualTo(Violation.LOST_CALL);
        assertThat(f.outcome().actor()).isEqualTo("after all");
        assertThat(f.outcome().message()).isEqualTo("call #1 (orphan csd generation 1, sent by CPU0 "
                + "(a sender that forgets the IPI) to CPU1) never ran; call_single_queue[CPU1] still holds 1 entry "
                + "and no IPI is pending to flush it");
    }

    @Test
    void aCsdQueuedOnAnotherCpuThanItsTargetRunsOnTheWrongCpu() throws Throwable {
        SearchResult result = search("oracle/wrongCpu", 2, 20, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            smp.onCpu(0, cpu -> {
                Csd csd = locked(ipi.newCsd("misrouted csd", info -> { }), 1, 1);
                ipi.callSingleQueue(0).add(csd, "a sender that picked the wrong queue");
                ipi.flushSmpCallFunctionQueue();
            });
        });

        Finding f = result.finding();
        assertThat(f).as(describe(result)).isNotNull();
        assertThat(f.kind()).isEqualTo(Violation.WRONG_CPU);
        assertThat(f.outcome().message()).contains("misrouted csd").contains("runs on CPU0, not on CPU1");
    }

    @Test
    void aWaitThatReturnsBeforeTheFunctionRanIsReported() {
        CallLedger ledger = new CallLedger();
        CallSingleQueue queue = new CallSingleQueue(1, ledger::enqueued);
        Csd csd = locked(Csd.onStack("stack csd", info -> { }, null), 0, 1);
        queue.add(csd, "test");

        assertThatThrownBy(() -> ledger.waitReturned(csd.ticket, "CPU0"))
                .isInstanceOfSatisfying(ViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(Violation.WAIT_RETURNED_EARLY))
                .hasMessageContaining("CPU0 returned from its wait for call #1 (stack csd generation 1")
                .hasMessageEndingWith("before the function started");

        ledger.started(csd.ticket, csd, 1);
        assertThatThrownBy(() -> ledger.waitReturned(csd.ticket, "CPU0"))
                .hasMessageEndingWith("before the function completed");
        ledger.finished(csd.ticket);
        ledger.waitReturned(csd.ticket, "CPU0");
    }

    @Test
    void runningOneEnqueueTwiceIsCaught() {
        CallLedger ledger = new CallLedger();
        Csd csd = locked(Csd.init("csd", info -> { }, null), 0, 1);
        new CallSingleQueue(1, ledger::enqueued).add(csd, "test");
        ledger.started(csd.ticket, csd, 1);

        assertThatThrownBy(() -> ledger.started(csd.ticket, csd, 1))
                .isInstanceOfSatisfying(ViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(Violation.LIST_CORRUPTION))
                .hasMessageContaining("runs a second time");
    }

    @Test
    void touchingAReusedOrDeadCsdIsAUseAfterFree() {
        CallLedger ledger = new CallLedger();
        Csd csd = locked(Csd.init("reused csd", info -> { }, null), 0, 1);
        new CallSingleQueue(1, ledger::enqueued).add(csd, "test");
        CallLedger.Ticket ticket = csd.ticket;
        CallLedger.checkAccess(ticket, csd, "the flush on CPU1", "read func and info");

        csd.storeFlagsRelease(0);
        csd.writeFlagsPlain(CallSingleNode.CSD_FLAG_LOCK);
        assertThat(csd.generation()).isEqualTo(2);
        assertThatThrownBy(() -> CallLedger.checkAccess(ticket, csd, "the flush on CPU1", "csd_unlock"))
                .isInstanceOfSatisfying(ViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(Violation.USE_AFTER_FREE))
                .hasMessageContaining("for generation 1, but the csd was unlocked and reused (now generation 2)");

        Csd stack = Csd.onStack("stack csd", info -> { }, null);
        stack.endFrame();
        assertThatThrownBy(() -> CallLedger.checkAccess(null, stack, "the flush on CPU1", "read func and info"))
                .hasMessageContaining("after the frame of the call that owned it ended");
    }

    @Test
    void addingANodeThatIsStillOnAListNamesBothEnqueuers() {
        CallSingleQueue q1 = new CallSingleQueue(1, NO_HOOK);
        CallSingleQueue q2 = new CallSingleQueue(2, NO_HOOK);
        Csd csd = Csd.init("shared csd", info -> { }, null);
        assertThat(q1.add(csd, "first")).isTrue();

        assertThatThrownBy(() -> q2.add(csd, "second"))
                .isInstanceOfSatisfying(ViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(Violation.LIST_CORRUPTION))
                .hasMessageContaining("llist_add of shared csd to call_single_queue[CPU2] by ")
                .hasMessageContaining("(second), but shared csd is still on call_single_queue[CPU1], added there by ")
                .hasMessageContaining("(first)");
        assertThat(q1.size()).isEqualTo(1);
        assertThat(q2.isEmpty()).isTrue();

        // Once a flush unlinked it, adding it again is legal.
        CallSingleNode chain = q1.delAll();
        assertThat(chain).isSameAs(csd);
        csd.unlinked();
        assertThat(q2.add(csd, "third")).isTrue();
    }
    @Test
    void addingOneLockGenerationAgainAfterAFlushTookItOffNamesBothEnqueuers() {
        CallLedger ledger = new CallLedger();
        CallSingleQueue queue = new CallSingleQueue(2, ledger::enqueued);
        Csd csd = locked(Csd.init("kick csd", info -> { }, null), 0, 2);
        queue.add(csd, "first");
        // The flush takes it off; a second sender that read the flags before the first claim now stores LOCK over
        // LOCK (no new generation) and adds it to the empty queue.
        queue.delAll();
        csd.unlinked();
        csd.writeFlagsPlain(CallSingleNode.CSD_FLAG_LOCK);
        assertThat(csd.generation()).isEqualTo(1);

        assertThatThrownBy(() -> queue.add(csd, "second"))
                .isInstanceOfSatisfying(ViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(Violation.LIST_CORRUPTION))
                .hasMessageContaining("llist_add of kick csd to call_single_queue[CPU2] by ")
                .hasMessageContaining("(second), but kick csd was already added to call_single_queue[CPU2] by ")
                .hasMessageContaining("(first) under the same lock (generation 1), and a flush took it off but has "
                        + "not unlocked it yet");
        assertThat(queue.isEmpty()).as("nothing was published").isTrue();

        // Unlocked by the flush and added again without a new claim: the same double enqueue.
        csd.storeFlagsRelease(0);
        csd.ticket.unlocked = true;
        assertThatThrownBy(() -> queue.add(csd, "third"))
                .hasMessageContaining("a flush took it off and unlocked it");

        // A new claim starts generation 2: reusing the csd is legal.
        csd.writeFlagsPlain(CallSingleNode.CSD_FLAG_LOCK);
        assertThat(queue.add(csd, "fourth")).isTrue();
        assertThat(ledger.enqueuedCount()).isEqualTo(2);
    }
}
