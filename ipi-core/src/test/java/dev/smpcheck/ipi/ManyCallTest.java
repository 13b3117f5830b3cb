package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectClean;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.ipi.Scenarios.Runs;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** smp_call_function_many_cond and the functions built on it, at the v6.17 baseline. */
class ManyCallTest {

    @Test
    void aWaitingManyCallReturnsAfterEveryDestinationRanAndNeverRunsOnTheCaller() throws Throwable {
        SearchResult result = exhaustive("many/wait", 3, 20_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            Runs runs = new Runs();
            smp.onCpu(0, cpu -> {
                ipi.callFunctionMany(CpuMask.of(0, 1, 2), runs.func(), null, true);
                assertThat(runs.cpus).as("both destinations completed before the wait returned")
                        .containsExactlyInAnyOrder(1, 2);
            });
            smp.afterAll(() -> {
                assertThat(runs.cpus).containsExactlyInAnyOrder(1, 2);
                assertThat(runs.irqsAlwaysOff).isTrue();
                assertThat(ipi.enqueuedCalls()).isEqualTo(2);
                assertThat(ipi.cfd(0).csd(1).generation()).isEqualTo(1);
                assertThat(ipi.cfd(0).csd(2).generation()).isEqualTo(1);
                assertThat(ipi.warnings()).isEmpty();
            });
        });
        expectExhaustedClean(result);
    }

    @Test
    void onEachCpuAlsoRunsOnTheCallerWithIrqsDisabled() throws Throwable {
        SearchResult result = search("many/onEachCpu", 3, 500, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            Runs runs = new Runs();
            smp.onCpu(1, cpu -> {
                ipi.onEachCpu(runs.func(), null, true);
                assertThat(runs.cpus).containsExactlyInAnyOrder(0, 1, 2);
                assertThat(cpu.irqsDisabled()).isFalse();
            });
            smp.afterAll(() -> assertThat(runs.irqsAlwaysOff).isTrue());
        });
        expectClean(result);
    }

    @Test
    void theConditionRunsOnTheCallerAndSelectsTheDestinations() throws Throwable {
        SearchResult result = search("many/cond", 3, 300, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            Runs runs = new Runs();
            List<Integer> asked = new ArrayList<>();
            smp.onCpu(0, cpu -> {
                ipi.onEachCpuCond((target, info) -> {
                    assertThat(Sched.currentCpu().id()).isZero();
                    asked.add(target);
                    return target != 1;
                }, runs.func(), null, true);
                assertThat(runs.cpus).containsExactlyInAnyOrder(0, 2);
            });
            smp.afterAll(() -> {
                assertThat(asked).containsExactly(1, 2, 0);
                assertThat(ipi.enqueuedCalls()).isEqualTo(1);
            });
        });
        expectClean(result);
    }

    @Test
    void onlyOnlineCpusOfTheMaskAreCalled() throws Throwable {
        SearchResult result = search("many/offline", 4, 300, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17, 2);
            Runs runs = new Runs();
            smp.onCpu(0, cpu -> {
                ipi.callFunction(runs.func(), null, true);
                assertThat(runs.cpus).containsExactlyInAnyOrder(1, 3);
                ipi.onEachCpuMask(CpuMask.of(2, 3), runs.func(), null, true);
                // CPU2 is offline and CPU0 is not in the mask: only CPU3 again.
                assertThat(runs.cpus).containsExactlyInAnyOrder(1, 3, 3);
                ipi.callFunctionMany(CpuMask.of(0, 2), runs.func(), null, true);
                assertThat(runs.cpus).hasSize(3);
            });
            smp.afterAll(() -> assertThat(ipi.cpuOnlineMask()).isEqualTo(CpuMask.of(0, 1, 3)));
        });
        expectClean(result);
    }

    @Test
    void noWaitManyCallsToOneCpuReuseTheCfdCsdAndRunInOrder() throws Throwable {
        SearchResult result = exhaustive("many/nowait", 2, 20_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            List<Integer> order = new ArrayList<>();
            smp.onCpu(0, cpu -> {
                for (int i = 0; i < 2; i++) {
                    int n = i;
                    ipi.callFunctionMany(CpuMask.of(1), info -> order.add(n), null, false);
                }
            });
            smp.afterAll(() -> {
                // The second call's csd_lock waited until CPU1 had unlocked the first, so they run in order.
                assertThat(order).containsExactly(0, 1);
                assertThat(ipi.cfd(0).csd(1).generation()).isEqualTo(2);
                assertThat(ipi.cfd(0).csd(1).isLocked()).isFalse();
            });
        });
        expectExhaustedClean(result);
    }

    @Test
    void callFunctionAnyPrefersTheCallerThenTheLowestOnlineCpu() throws Throwable {
        SearchResult result = search("many/any", 4, 100, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17, 1);
            Runs runs = new Runs();
            smp.onCpu(0, cpu -> {
                assertThat(ipi.callFunctionAny(CpuMask.of(0, 3), runs.func(), null, true)).isZero();
                assertThat(ipi.callFunctionAny(CpuMask.of(1, 3, 2), runs.func(), null, true)).isZero();
                assertThat(ipi.callFunctionAny(CpuMask.of(1), runs.func(), null, true)).isEqualTo(-Errno.ENXIO);
                assertThat(ipi.callFunctionAny(CpuMask.none(), runs.func(), null, false)).isEqualTo(-Errno.ENXIO);
            });
            smp.afterAll(() -> assertThat(runs.cpus).containsExactly(0, 2));
        });
        expectClean(result);
    }
}
