package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.expectViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import dev.smpcheck.schedule.ScheduleBody;
import org.junit.jupiter.api.Test;

/**
 * Seed 001 (Andrew Morton, Steven Rostedt, Jan 2009): one csd per destination, whose lock the sender takes and the
 * destination's IPI handler releases. "I have a suspicion that this is AB/BA deadlockable": it is, when the senders
 * have irqs disabled.
 */
class Seed001PerDestinationLockTest {

    /** CPU0 and CPU1 each send the other two no-wait calls. */
    static ScheduleBody twoCallsEachWay(boolean irqsOff) {
        return smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.PER_DESTINATION_LOCK_2009);
            int[] runs = new int[2];
            Scenarios.eachCallsTheOther(smp, irqsOff, (cpu, other) -> {
                for (int i = 0; i < 2; i++) {
                    assertThat(ipi.callFunctionSingle(other, info -> runs[other]++, false)).isZero();
                }
            });
            smp.afterAll(() -> {
                assertThat(runs).containsExactly(2, 2);
                assertThat(ipi.destinationSlot(0).generation()).isEqualTo(2);
            });
        };
    }

    @Test
    void withIrqsDisabledEachSenderSpinsOnALockOnlyTheOthersHandlerWouldRelease() throws Throwable {
        Finding f = expectViolation(exhaustive("seed001/irqsOff", 2, 1_000, twoCallsEachWay(true)),
                Violation.DEADLOCK);

        assertThat(f.outcome().message())
                .contains("CPU0 waits for csd_lock_wait call_single_data[CPU1] (per destination)")
                .contains("CPU1 waits for csd_lock_wait call_single_data[CPU0] (per destination)")
                .contains("waiting for CPU#1 call_single_data[CPU1] (per destination); target is unresponsive "
                        + "(irqs disabled)")
                .contains("CPU0 has CALL_FUNCTION_SINGLE pending but irqs are disabled")
                .contains("CPU1 has CALL_FUNCTION_SINGLE pending but irqs are disabled");
        assertThat(f.outcome().preemptions()).as("each CPU blocks in its second call; no preemption needed").isZero();
    }

    /**
     * Exhaustive within one preemption: 15,632 schedules. The deadlock above needs none, so this covers every schedule
     * shape of the broken run with a margin. Within two preemptions the space is 176,532 schedules (about 45 s here),
     * run by the sample's slow test: an IPI may reach the CPU that is not running at any step without costing a
     * preemption, so four calls already make a large space.
     */
    @Test
    void withIrqsEnabledTheSpinningSenderTakesTheIpiThatReleasesItsLock() throws Throwable {
        expectExhaustedClean(exhaustive("seed001/irqsOn", 2, 1, 20_000, twoCallsEachWay(false)));
    }
}
