package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.describe;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** smp_call_function_single() at the v6.17 baseline. */
class SingleCallTest {

    @Test
    void aWaitingCallReturnsOnlyAfterItsFunctionCompletedOnTheTarget() throws Throwable {
        SearchResult result = search("single/wait", 2, 2_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            int[] ranOn = {-1};
            boolean[] done = {false};
            smp.onCpu(0, cpu -> {
                int err = ipi.callFunctionSingle(1, info -> {
                    ranOn[0] = Sched.currentCpu().id();
                    Sched.point("func body");
                    done[0] = true;
                }, true);
                assertThat(err).isZero();
                assertThat(done[0]).as("func completed when the wait returned").isTrue();
            });
            smp.afterAll(() -> {
                assertThat(ranOn[0]).isEqualTo(1);
                assertThat(ipi.enqueuedCalls()).isEqualTo(1);
                assertThat(ipi.completedCalls()).isEqualTo(1);
                assertThat(ipi.warnings()).isEmpty();
            });
        });
        assertThat(result.finding()).as(describe(result)).isNull();
        assertThat(result.schedules()).isEqualTo(2_000);
    }

    @Test
    void noWaitCallsFromOneCpuReuseItsCsdDataAndAllRunInOrder() throws Throwable {
        SearchResult result = search("single/nowait", 2, 1_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            List<Integer> runs = new ArrayList<>();
            smp.onCpu(0, cpu -> {
                for (int i = 0; i < 3; i++) {
                    int n = i;
                    assertThat(ipi.callFunctionSingle(1, info -> runs.add(n), false)).isZero();
                }
            });
            smp.afterAll(() -> {
                // csd_lock makes each call wait until the previous one was unlocked, so they run in order.
                assertThat(runs).containsExactly(0, 1, 2);
                assertThat(ipi.csdData(0).isLocked()).isFalse();
                assertThat(ipi.csdData(0).generation()).isEqualTo(3);
            });
        });
        assertThat(result.finding()).as(describe(result)).isNull();
    }

    @Test
    void aCallToTheCallingCpuRunsRightAwayWithIrqsDisabled() throws Throwable {
        SearchResult result = search("single/local", 2, 100, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            smp.onCpu(1, cpu -> {
                boolean[] ran = {false};
                for (boolean wait : new boolean[] {true, false}) {
                    ran[0] = false;
                    int err = ipi.callFunctionSingle(1, info -> {
                        assertThat(Sched.currentCpu().irqsDisabled()).isTrue();
                        assertThat(Sched.currentCpu().inTask()).isTrue();
                        ran[0] = true;
                    }, wait);
                    assertThat(err).isZero();
                    assertThat(ran[0]).as("ran before returning, wait=" + wait).isTrue();
                    assertThat(cpu.irqsDisabled()).isFalse();
                }
            });
            smp.afterAll(() -> assertThat(ipi.enqueuedCalls()).isZero());
        });
        assertThat(result.finding()).as(describe(result)).isNull();
    }

    @Test
    void anOfflineOrInvalidTargetGetsEnxioAndNothingRuns() throws Throwable {
        SearchResult result = search("single/enxio", 3, 100, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17, 2);
            boolean[] ran = {false};
            smp.onCpu(0, cpu -> {
                for (int target : new int[] {2, 3, -1}) {
                    assertThat(ipi.callFunctionSingle(target, info -> ran[0] = true, true)).isEqualTo(-Errno.ENXIO);
                    // No wait: csd_data is locked, then unlocked again by the -ENXIO path, so this cannot hang.
                    assertThat(ipi.callFunctionSingle(target, info -> ran[0] = true, false)).isEqualTo(-Errno.ENXIO);
                    Csd csd = ipi.newCsd("async", info -> ran[0] = true);
                    assertThat(ipi.callFunctionSingleAsync(target, csd)).isEqualTo(-Errno.ENXIO);
                    assertThat(csd.isLocked()).isFalse();
                }
            });
            smp.afterAll(() -> {
                assertThat(ran[0]).isFalse();
                assertThat(ipi.enqueuedCalls()).isZero();
                assertThat(ipi.cpuOnline(2)).isFalse();
            });
        });
        assertThat(result.finding()).as(describe(result)).isNull();
    }

    @Test
    void callingWithIrqsDisabledIsWarnedOnce() throws Throwable {
        SearchResult result = search("single/irqsOffWarn", 2, 50, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            smp.onCpu(0, cpu -> {
                cpu.localIrqDisable();
                ipi.callFunctionSingle(1, info -> { }, false);
                ipi.callFunctionSingle(1, info -> { }, false);
                cpu.localIrqEnable();
            });
            smp.afterAll(() -> assertThat(ipi.warnings()).containsExactly(
                    "smp_call_function_single on CPU0 with irqs disabled: can deadlock"));
        });
        assertThat(result.finding()).as(describe(result)).isNull();
    }

    @Test
    void theFlushRunsSyncEntriesBeforeAsyncEntriesQueuedEarlier() throws Throwable {
        SearchResult result = search("single/syncFirst", 3, 500, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            List<String> order = new ArrayList<>();
            Csd async = ipi.newCsd("async csd", info -> order.add("async"));
            BooleanSupplier held = Scenarios.busyWithIrqsOffUntilQueued(smp, ipi, 1, 2, () -> { });
            smp.onCpu(0, cpu -> {
                smp.awaitUntil("CPU1 holds irqs off", held);
                assertThat(ipi.callFunctionSingleAsync(1, async)).isZero();
            });
            smp.onCpu(2, cpu -> {
                smp.awaitUntil("CPU1 holds irqs off", held);
                ipi.callFunctionSingle(1, info -> order.add("sync"), true);
            });
            smp.afterAll(() -> assertThat(order).containsExactly("sync", "async"));
        });
        assertThat(result.finding()).as(describe(result)).isNull();
    }

    @Test
    void callingFromTheBodyInsteadOfACpuIsRejectedWithTheReason() throws Throwable {
        SearchResult result = search("single/fromBody", 2, 1, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            ipi.callFunctionSingle(1, info -> { }, true);
        });
        assertThat(result.finding()).isNotNull();
        assertThat(result.finding().outcome().message()).isEqualTo("java.lang.IllegalStateException: "
                + "smp_call_function_single must be called on a simulated CPU (a task put with Smp.onCpu, an "
                + "interrupt handler, or a thread bound with CpuSession), not from main");
    }
}
