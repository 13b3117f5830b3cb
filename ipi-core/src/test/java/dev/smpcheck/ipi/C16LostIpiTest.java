package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.ScheduleBody;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Catalogue C16 (ipi-spec §C): "mysterious csd_lock_wait hangs on KVM/Xen" (35feb60474bf, a5aabace5fb8): an IPI is
 * lost, the queue stays non-empty so later senders send none either, and the calls never run. The diagnosis code of
 * {@code CONFIG_CSD_LOCK_WAIT_DEBUG} re-sends the IPI from the stuck waiter, which unsticks it. Losing an IPI is a data
 * choice of the search ({@link IpiOptions#withDroppedIpis}).
 */
class C16LostIpiTest {

    private static final IpiOptions ONE_LOST_IPI = IpiOptions.defaults().withDroppedIpis(1);

    /** CPU0 waits for a call to CPU1; one IPI may be lost. */
    static ScheduleBody waitingCall(IpiOptions options) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17, options);
            boolean[] done = {false};
            smp.onCpu(0, cpu -> {
                assertThat(ipi.callFunctionSingle(1, info -> done[0] = true, true)).isZero();
                assertThat(done[0]).isTrue();
            });
        };
    }

    @Test
    void aLostIpiLeavesTheWaiterSpinningOnAnUnresponsiveTarget() throws Throwable {
        Finding f = expectViolation(exhaustive("C16/wait", 2, 1_000, waitingCall(ONE_LOST_IPI)), Violation.DEADLOCK);

        assertThat(f.outcome().message()).contains("CPU0 waits for csd_lock_wait stack csd #1 of CPU0 for CPU1 "
                + "(csd: non-responsive CSD lock on CPU#0, waiting for CPU#1 stack csd #1 of CPU0 for CPU1; target is "
                + "unresponsive)");
        assertThat(Searches.eventTexts(f)).contains("IPI to CPU1 lost = 1");
    }

    @Test
    void lostIpisLoseEveryCallQueuedBehindThem() throws Throwable {
        Finding f = expectViolation(exhaustive("C16/nowait", 2, 1_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17, ONE_LOST_IPI);
            Csd first = ipi.newCsd("first csd", info -> { });
            Csd second = ipi.newCsd("second csd", info -> { });
            // CPU1 is busy with irqs off while both calls are queued, so one IPI serves both.
            BooleanSupplier held = Scenarios.busyWithIrqsOffUntilQueued(smp, ipi, 1, 2, () -> { });
            smp.onCpu(0, cpu -> {
                smp.awaitUntil("CPU1 busy", held);
                assertThat(ipi.callFunctionSingleAsync(1, first)).isZero();
                // The queue is not empty, so this sender owes no IPI: it relies on the lost one.
                assertThat(ipi.callFunctionSingleAsync(1, second)).isZero();
            });
        }), Violation.LOST_CALL);

        assertThat(f.outcome().message()).isEqualTo("call #1 (first csd generation 1, sent by CPU0 "
                + "(smp_call_function_single_async) to CPU1) never ran; call_single_queue[CPU1] still holds 2 entries "
                + "and 1 IPI(s) to CPU1 were lost (fault injection)");
    }

    @Test
    void csdLockWaitDebugResendsTheIpiAndTheWaitEnds() throws Throwable {
        expectExhaustedClean(exhaustive("C16/debug", 2, 5_000, waitingCall(ONE_LOST_IPI.withCsdLockWaitDebug(true))));
    }
}
