package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.expectClean;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Sched;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every variant shares: the single-call paths their designs did not change. */
class VariantTest {

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
