package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectClean;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPU hotplug: the stop_machine invariant of ipi-spec §A.9, the DYING flush, and nothing running while OFFLINE. */
class HotplugTest {

    /**
     * CPU0 sends CPU1 a call while a hotplug thread takes CPU1 down.
     *
     * @param states collects, per schedule, the state CPU1 was in when the function ran (or "ENXIO")
     */
    static ScheduleBody sendWhileGoingDown(Variant variant, boolean wait, List<String> states) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, variant);
            List<String> seen = new ArrayList<>();
            smp.onCpu(0, cpu -> {
                int err = ipi.callFunctionSingle(1, info -> {
                    assertThat(Sched.currentCpu().id()).isEqualTo(1);
                    seen.add(ipi.cpuState(1).name());
                }, wait);
                if (err != 0) {
                    assertThat(err).isEqualTo(-Errno.ENXIO);
                    seen.add("ENXIO");
                }
            });
            smp.thread("hotplug", () -> assertThat(ipi.cpuDown(1)).isZero());
            smp.afterAll(() -> {
                assertThat(seen).as("the call ran once or was refused").hasSize(1);
                assertThat(ipi.cpuState(1)).isEqualTo(CpuState.OFFLINE);
                assertThat(ipi.cpuOnlineMask()).isEqualTo(CpuMask.of(0));
                states.addAll(seen);
            });
        };
    }

    @Test
    void aCallQueuedBeforeTheCpuWentDownRunsInItsDyingFlushAndLaterOnesGetEnxio() throws Throwable {
        List<String> states = new ArrayList<>();
        expectExhaustedClean(exhaustive("hotplug/nowait", 2, 50_000, sendWhileGoingDown(Variant.V6_17, false,
                states)));
        assertThat(states).containsOnly("ONLINE", "DYING", "ENXIO").contains("ONLINE", "DYING", "ENXIO");
    }

    @Test
    void stopMachineWaitsForAWaitingSenderSoItsWaitAlwaysEnds() throws Throwable {
        List<String> states = new ArrayList<>();
        expectExhaustedClean(exhaustive("hotplug/wait", 2, 50_000, sendWhileGoingDown(Variant.V6_17, true,
                states)));
        assertThat(states).containsOnly("ONLINE", "ENXIO").contains("ONLINE", "ENXIO");
    }

    @Test
    void withoutTheDyingFlushAQueuedCallIsLostOnTheDeadCpu() throws Throwable {
        Finding f = expectViolation(exhaustive("hotplug/noDyingFlush", 2, 50_000,
                sendWhileGoingDown(Variant.PRE_3_16_NO_DYING_FLUSH, false, new ArrayList<>())), Violation.LOST_CALL);

        assertThat(f.outcome().message()).isEqualTo("call #1 (csd_data[CPU0] generation 1, sent by CPU0 "
                + "(smp_call_function_single) to CPU1) never ran; call_single_queue[CPU1] still holds 1 entry and CPU1 "
                + "is offline");
        assertThat(Searches.eventTexts(f)).containsSubsequence("send CALL_FUNCTION_SINGLE to CPU1",
                "irq CPU_STOP", "take_cpu_down: __cpu_disable CPU1", "cpuhp: dead CPU1", "irq CALL_FUNCTION_SINGLE");
    }

    @Test
    void aTaskThatKeepsRunningOnItsOfflineCpuIsReported() throws Throwable {
        Finding f = expectViolation(search("hotplug/zombie", 2, 200, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            smp.onCpu(1, cpu -> {
                smp.awaitUntil("CPU1 offline", () -> ipi.cpuState(1) == CpuState.OFFLINE);
                ipi.callFunctionSingle(0, info -> { }, false);
            });
            smp.thread("hotplug", () -> ipi.cpuDown(1));
        }), Violation.OFFLINE_EXECUTION);

        assertThat(f.outcome().message()).isEqualTo("smp_call_function_single runs on CPU1, which is "
                + "offline (a dead CPU runs nothing; the model cannot migrate a task off it)");
    }

    @Test
    void theLastOnlineCpuStaysAndAnOfflineCpuComesBack() throws Throwable {
        expectClean(search("hotplug/upDown", 2, 100, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            int[] runs = {0};
            boolean[] done = {false};
            smp.thread("hotplug", () -> {
                assertThat(ipi.cpuDown(1)).isZero();
                assertThat(ipi.cpuDown(1)).as("already offline").isZero();
                assertThat(ipi.cpuDown(0)).as("the last online CPU").isEqualTo(-Errno.EBUSY);
                assertThat(ipi.cpuUp(1)).isZero();
                done[0] = true;
            });
            smp.onCpu(0, cpu -> {
                smp.awaitUntil("hotplug done", () -> done[0]);
                assertThat(ipi.callFunctionSingle(1, info -> runs[0]++, true)).isZero();
                assertThat(runs[0]).isEqualTo(1);
            });
            smp.afterAll(() -> assertThat(ipi.cpuState(1)).isEqualTo(CpuState.ONLINE));
        }));
    }

    @Test
    void takingACpuDownFromItselfIsRejectedWithTheReason() throws Throwable {
        Finding f = expectViolation(search("hotplug/self", 2, 1, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            smp.onCpu(1, cpu -> ipi.cpuDown(1));
        }), Violation.UNCAUGHT_EXCEPTION);

        assertThat(f.outcome().message()).isEqualTo("java.lang.IllegalStateException: cpu_down(CPU1) called from CPU1 "
                + "itself: the model cannot migrate the caller off the CPU it takes down; call it from another CPU or "
                + "from a plain thread (Smp.thread)");
    }
}
