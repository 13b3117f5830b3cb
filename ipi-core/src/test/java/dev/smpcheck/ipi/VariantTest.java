package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.expectClean;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Sched;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every variant shares: the single-call paths their designs did not change. */
class VariantTest {

    /** The test class that pins each variant's verdict (and fails if it flips). */
    private static final Map<Variant, Class<?>> VERDICT_PINNED_BY = Map.ofEntries(
            Map.entry(Variant.V6_17, C18WaitSkippedWithoutIpiTest.class),
            Map.entry(Variant.PRE_5_7_ASYNC_WARN_WAIT, C12AsyncWaitHangTest.class),
            Map.entry(Variant.V5_7_ASYNC_EBUSY, Seed002AsyncOnLockedCsdTest.class),
            Map.entry(Variant.NONATOMIC_ASYNC, Seed004ConcurrentAsyncTest.class),
            Map.entry(Variant.ATOMIC_ASYNC, Seed004ConcurrentAsyncTest.class),
            Map.entry(Variant.GENERIC_IPI_2008_FALLBACK_TO_WAIT, C01FallbackToWaitTest.class),
            Map.entry(Variant.GENERIC_IPI_2008_POLL_OWN_QUEUE, Seed000FallbackToWaitTest.class),
            Map.entry(Variant.MANY_COND_WAIT_IF_IPI_SENT, C18WaitSkippedWithoutIpiTest.class),
            Map.entry(Variant.GENERIC_IPI_2008_GLOBAL_LOCK, Seed000FallbackToWaitTest.class),
            Map.entry(Variant.PER_DESTINATION_LOCK_2009, Seed001PerDestinationLockTest.class),
            Map.entry(Variant.PRE_4_0_UNLOCK_AFTER_FUNC, C11AsyncRequeueTest.class),
            Map.entry(Variant.PENDING_QUEUE_2014, Seed003PendingQueueTest.class),
            Map.entry(Variant.PENDING_QUEUE_2014_CLEAR_AFTER_FUNC, Seed003PendingQueueTest.class),
            Map.entry(Variant.PRE_3_16_NO_DYING_FLUSH, HotplugTest.class),
            Map.entry(Variant.CSD_TRACE_AFTER_QUEUE, C22TraceAfterQueueTest.class));

    @Test
    void everyVariantHasATestThatPinsItsVerdict() {
        assertThat(VERDICT_PINNED_BY.keySet()).containsExactlyInAnyOrder(Variant.values());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariantNamesItsSource(Variant variant) {
        assertThat(variant.source()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariantCompletesCrossCallsWithIrqsEnabled(Variant variant) throws Throwable {
        SearchResult result = search("variant/crossCalls/" + variant, 2, 300, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            int[] runs = new int[2];
            for (int me = 0; me < 2; me++) {
                int other = 1 - me;
                smp.onCpu(me, cpu -> {
                    boolean[] done = {false};
                    assertThat(ipi.callFunctionSingle(other, info -> done[0] = true, true)).isZero();
                    assertThat(done[0]).isTrue();
                    assertThat(ipi.callFunctionSingle(other, info -> runs[other]++, false)).isZero();
                });
            }
            smp.afterAll(() -> {
                assertThat(runs).containsExactly(1, 1);
                assertThat(ipi.completedCalls()).isEqualTo(ipi.enqueuedCalls());
            });
        });
        expectClean(result);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void everyVariantCompletesManyCallsWithIrqsEnabled(Variant variant) throws Throwable {
        SearchResult result = search("variant/manyCalls/" + variant, 3, 200, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            int[] runs = new int[3];
            for (int me = 0; me < 2; me++) {
                smp.onCpu(me, cpu -> {
                    ipi.callFunction(info -> runs[Sched.currentCpu().id()]++, null, cpu.id() == 0);
                    ipi.onEachCpuMask(CpuMask.of(0, 1), info -> runs[Sched.currentCpu().id()]++, null, true);
                });
            }
            smp.afterAll(() -> {
                assertThat(runs).containsExactly(3, 3, 2);
                assertThat(ipi.completedCalls()).isEqualTo(ipi.enqueuedCalls());
            });
        });
        expectClean(result);
    }
}
