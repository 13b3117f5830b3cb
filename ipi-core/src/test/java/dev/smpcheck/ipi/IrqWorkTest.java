package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.exhaustive;
import static dev.smpcheck.ipi.Searches.expectClean;
import static dev.smpcheck.ipi.Searches.expectExhaustedClean;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.ipi.Scenarios.Runs;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Sched;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** irq_work (kernel/irq_work.c, v6.17): claim, local and remote queueing, run, sync. */
class IrqWorkTest {

    @Test
    void aLocalWorkRunsFromTheSelfIpiAndASecondQueueWhilePendingIsCoalesced() throws Throwable {
        SearchResult result = search("irqwork/local", 2, 300, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            Runs runs = new Runs();
            IrqWork work = ipi.newIrqWork("local work", runs.work());
            smp.onCpu(0, cpu -> {
                cpu.localIrqDisable();
                assertThat(ipi.irqWorkQueue(work)).isTrue();
                assertThat(work.isPending()).isTrue();
                assertThat(ipi.irqWorkQueue(work)).as("already pending").isFalse();
                cpu.localIrqEnable();
            });
            smp.afterAll(() -> {
                assertThat(runs.cpus).containsExactly(0);
                assertThat(runs.alwaysInIrq && runs.irqsAlwaysOff).isTrue();
                assertThat(work.flags()).as("idle again, type bits kept").isEqualTo(CallSingleNode.CSD_TYPE_IRQ_WORK);
                assertThat(ipi.coalescedRequests()).isEqualTo(1);
            });
        });
        expectClean(result);
    }

    @Test
    void aRemoteWorkTravelsOnTheTargetsCallSingleQueue() throws Throwable {
        SearchResult result = search("irqwork/remote", 2, 300, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            Runs runs = new Runs();
            IrqWork work = ipi.newIrqWork("remote work", runs.work());
            boolean[] queuedSeen = {false};
            BooleanSupplier held = Scenarios.busyWithIrqsOffUntilQueued(smp, ipi, 1, 1,
                    () -> queuedSeen[0] = ipi.irqWorks().raisedList(1).isEmpty());
            smp.onCpu(0, cpu -> {
                smp.awaitUntil("CPU1 holds irqs off", held);
                assertThat(ipi.irqWorkQueueOn(work, 1)).isTrue();
            });
            smp.afterAll(() -> {
                assertThat(queuedSeen[0]).isTrue();
                assertThat(runs.cpus).containsExactly(1);
                assertThat(runs.alwaysInIrq && runs.irqsAlwaysOff).isTrue();
            });
        });
        expectClean(result);
    }

    @Test
    void aCoalescedQueueIsSeenByThePendingRun() throws Throwable {
        int[] coalesced = {0};
        SearchResult result = exhaustive("irqwork/coalesce", 2, 20_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            int[] data = {0};
            int[] seen = {0};
            IrqWork work = ipi.newIrqWork("kick work", w -> seen[0] = data[0]);
            smp.onCpu(0, cpu -> {
                for (int value = 1; value <= 2; value++) {
                    data[0] = value;
                    ipi.irqWorkQueueOn(work, 1);
                }
            });
            smp.afterAll(() -> {
                coalesced[0] += ipi.coalescedRequests();
                assertThat(seen[0]).isEqualTo(2);
            });
        });
        expectExhaustedClean(result);
        assertThat(coalesced[0]).isPositive();
    }

    @Test
    void aWorkMayRequeueItselfWhileRunning() throws Throwable {
        SearchResult result = exhaustive("irqwork/requeue", 2, 20_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            int[] runs = {0};
            IrqWork work = ipi.newIrqWork("self-requeueing work", w -> {
                // BUSY without PENDING: the claim succeeds and queues a second run.
                if (runs[0]++ == 0) {
                    assertThat(ipi.irqWorkQueue(w)).isTrue();
                }
            });
            smp.onCpu(0, cpu -> ipi.irqWorkQueueOn(work, 1));
            smp.afterAll(() -> {
                assertThat(runs[0]).isEqualTo(2);
                assertThat(work.isBusy()).isFalse();
            });
        });
        expectExhaustedClean(result);
    }

    @Test
    void syncWaitsUntilTheWorkIsNoLongerBusy() throws Throwable {
        SearchResult result = exhaustive("irqwork/sync", 2, 20_000, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
            boolean[] done = {false};
            IrqWork work = ipi.newIrqWork("synced work", w -> {
                Sched.point("work body");
                done[0] = true;
            });
            smp.onCpu(0, cpu -> {
                ipi.irqWorkQueueOn(work, 1);
                ipi.irqWorkSync(work);
                assertThat(done[0]).isTrue();
                assertThat(work.isBusy()).isFalse();
            });
        });
        expectExhaustedClean(result);
    }
}
