package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * smpcheck's own linearizability checker on ipi-core's concurrent objects, inside controlled executions: every
 * schedule within the preemption bound records a history and checks it against the object's specification. The
 * llist, the atomic csd claim, the irq_work claim and the 2014 pending queue pass; the plain test-and-set of
 * {@code _async} used by two CPUs at once and seed 003's wrong order fail with {@code NOT_LINEARIZABLE}.
 */
class ObjectLinearizabilityTest {

    /** Big enough for every clean space below (the largest, the llist's, is a few thousand schedules). */
    private static final int CAP = 50_000;

    @Test
    void theLlistIsLinearizable() throws Throwable {
        expectExhaustedClean(exhaustive("lin/llist", 3, CAP, ObjectHistories.llist()));
    }

    @Test
    void theIrqWorkClaimIsLinearizable() throws Throwable {
        expectExhaustedClean(exhaustive("lin/irq_work", 3, CAP, ObjectHistories.irqWork()));
    }

    @Test
    void theAtomicCsdClaimIsLinearizable() throws Throwable {
        expectExhaustedClean(exhaustive("lin/csd/atomic", 2, CAP, ObjectHistories.csdClaim(Variant.ATOMIC_ASYNC)));
    }

    /** v6.17's {@code _async} has the same plain test-and-set as seed 004's "before". */
    @ParameterizedTest
    @EnumSource(names = {"NONATOMIC_ASYNC", "V6_17"})
    void thePlainTestAndSetUsedConcurrentlyIsNotLinearizable(Variant variant) throws Throwable {
        SearchResult result = exhaustive("lin/csd/" + variant, 2, CAP, ObjectHistories.csdClaim(variant));

        Finding f = expectViolation(result, Violation.NOT_LINEARIZABLE);
        // Both CPUs read the flags before either stored LOCK: two claims succeed with no unlock between them.
        assertThat(f.report()).contains("tryLock() -> true").contains("has no legal linearization point");
    }

    @ParameterizedTest
    @EnumSource(names = {"NONATOMIC_ASYNC", "V6_17", "ATOMIC_ASYNC"})
    void everyClaimIsLinearizableWhenCallersSerialiseTheirUsesAsTheKernelAsks(Variant variant) throws Throwable {
        expectExhaustedClean(exhaustive("lin/csd/serialised/" + variant, 2, CAP,
                ObjectHistories.serialisedCsdClaim(variant)));
    }

    @Test
    void theClaimOfAnAsyncThatWaitsIsNotATryLock() {
        assertThatThrownBy(() -> CsdClaim.of(Variant.PRE_5_7_ASYNC_WARN_WAIT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PRE_5_7_ASYNC_WARN_WAIT's _async waits for a locked csd instead of returning -EBUSY, so its "
                        + "claim is not a try-lock; use a variant whose _async returns -EBUSY, such as V6_17, "
                        + "NONATOMIC_ASYNC or ATOMIC_ASYNC");
    }

    @Test
    void thePendingQueueIsLinearizable() throws Throwable {
        expectExhaustedClean(exhaustive("lin/pending", 3, CAP, ObjectHistories.pendingQueue(Variant.PENDING_QUEUE_2014)));
    }

    @Test
    void clearingPendingAfterTheFunctionIsNotLinearizable() throws Throwable {
        SearchResult result = exhaustive("lin/pending/after", 3, CAP,
                ObjectHistories.pendingQueue(Variant.PENDING_QUEUE_2014_CLEAR_AFTER_FUNC));

        Finding f = expectViolation(result, Violation.NOT_LINEARIZABLE);
        // The run took one token; the request coalesced before pending was cleared left one that no run takes.
        assertThat(f.report()).contains("flush() -> 1").contains("flush() -> null");
    }
}
