package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.ScheduleBody;
import org.junit.jupiter.api.Test;

/**
 * Catalogue C19 (ipi-spec §C): "waiting call from irq between {@code llist_add} and IPI send", the hazard behind
 * {@code WARN_ON_ONCE(!in_task())}. A task queues to CPU1's empty queue and so owes CPU1 the IPI; an interrupt arrives
 * before the send and its handler waits for its own call to CPU1, which finds the queue non-empty and sends nothing.
 * The owed IPI is never sent. From interrupt context only {@code _async} (or irq_work) may be used.
 */
class C19WaitFromIrqBeforeIpiTest {

    /** CPU0's task sends CPU1 a no-wait call while a device interrupt on CPU0 sends CPU1 another. */
    static ScheduleBody callFromIrq(boolean handlerWaits) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            int[] runs = {0};
            Csd irqCsd = ipi.newCsd("device irq csd", info -> runs[0]++);
            IrqVector device = smp.registerIrq("DEVICE", cpu -> {
                if (handlerWaits) {
                    ipi.callFunctionSingle(1, info -> runs[0]++, true);
                } else {
                    assertThat(ipi.callFunctionSingleAsync(1, irqCsd)).isZero();
                }
            });
            smp.onCpu(0, cpu -> {
                device.raise(cpu);
                assertThat(ipi.callFunctionSingle(1, info -> runs[0]++, false)).isZero();
            });
            smp.afterAll(() -> assertThat(runs[0]).isEqualTo(2));
        };
    }

    @Test
    void aWaitingCallFromTheInterruptHangsOnTheIpiItsTaskStillOwes() throws Throwable {
        Finding f = expectViolation(exhaustive("C19/buggy", 2, 1_000, callFromIrq(true)), Violation.DEADLOCK);

        assertThat(f.outcome().message()).contains("CPU0 waits for csd_lock_wait stack csd #1 of CPU0 for CPU1")
                .contains("target is unresponsive");
        assertThat(Searches.eventTexts(f)).containsSubsequence("llist_add call_single_queue[CPU1] = csd_data[CPU0]",
                "irq DEVICE", "WARN smp_call_function_single on CPU0 from interrupt context");
    }

    @Test
    void anAsyncCallFromTheInterruptLetsTheTaskSendItsIpi() throws Throwable {
        expectExhaustedClean(exhaustive("C19/fixed", 2, 5_000, callFromIrq(false)));
    }
}
