package dev.smpcheck.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.check.Violation;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FreeRunTest {

    private static final Duration BUDGET = Duration.ofSeconds(20);

    /** Each CPU sends the other an IPI and spins until the other's handler acknowledged it. */
    static ScheduleBody crossCall(boolean irqsOff, AtomicInteger handlerRuns) {
        return smp -> {
            boolean[] acked = new boolean[2];
            AtomicInteger irqsOffCount = new AtomicInteger();
            IrqVector ipi = smp.registerIrq("call_function", cpu -> {
                assertThat(cpu.inInterrupt()).isTrue();
                assertThat(Sched.currentCpu()).isSameAs(cpu);
                handlerRuns.incrementAndGet();
                acked[cpu.id()] = true;
            });
            for (int me = 0; me < 2; me++) {
                int other = 1 - me;
                smp.onCpu(me, cpu -> {
                    boolean flags = irqsOff ? cpu.localIrqSave() : false;
                    if (irqsOff) {
                        // Both CPUs have irqs off before either sends: the deadlock is certain, not a lucky race.
                        irqsOffCount.incrementAndGet();
                        smp.awaitUntil("both CPUs with irqs off", () -> irqsOffCount.get() == 2);
                    }
                    ipi.raise(smp.cpu(other));
                    smp.awaitUntil("IPI ack from CPU" + other, () -> acked[other]);
                    if (irqsOff) {
                        cpu.localIrqRestore(flags);
                    }
                });
            }
            smp.afterAll(() -> assertThat(acked).containsExactly(true, true));
        };
    }

    @Test
    void cpusOnRealThreadsTakeEachOthersInterruptsWhileSpinning() {
        for (int round = 0; round < 50; round++) {
            AtomicInteger runs = new AtomicInteger();
            FreeRun.Result r = FreeRun.run(2, BUDGET, crossCall(false, runs));

            assertThat(r.status()).as(r.message()).isEqualTo(FreeRun.Status.COMPLETED);
            assertThat(r.kind()).isNull();
            assertThat(runs.get()).isEqualTo(2);
            assertThat(r.interrupts()).isEqualTo(2);
        }
    }

    @Test
    void waitingForEachOtherWithIrqsOffHangsAndTheReportSaysWhoWaitsForWhat() {
        FreeRun.Result r = FreeRun.run(2, Duration.ofMillis(300), crossCall(true, new AtomicInteger()));

        assertThat(r.status()).isEqualTo(FreeRun.Status.HUNG);
        assertThat(r.kind()).isEqualTo(Violation.TIMEOUT);
        assertThat(r.message())
                .contains("not quiescent after 300 ms")
                .containsPattern("CPU0 \\(running tasks, irqs disabled, interrupts pending: call_function\\) "
                        + "waits for IPI ack from CPU1")
                .containsPattern("CPU1 \\(running tasks, irqs disabled, interrupts pending: call_function\\) "
                        + "waits for IPI ack from CPU0");
    }

    @Test
    void aSpinLockExcludesRealThreadsAndAnIdleCpuStillTakesInterrupts() {
        int perCpu = 20_000;
        int[] counter = {0};
        AtomicInteger kicks = new AtomicInteger();
        FreeRun.Result r = FreeRun.run(3, BUDGET, smp -> {
            SpinLock lock = new SpinLock("counter_lock");
            IrqVector kick = smp.registerIrq("kick", cpu -> kicks.incrementAndGet());
            for (int c = 0; c < 2; c++) {
                smp.onCpu(c, cpu -> {
                    for (int i = 0; i < perCpu; i++) {
                        lock.lock();
                        counter[0]++;
                        lock.unlock();
                    }
                    // CPU2 has no task: it is idle from the start and must still run this handler.
                    kick.raise(smp.cpu(2));
                });
            }
            smp.afterAll(() -> assertThat(counter[0]).isEqualTo(2 * perCpu));
        });

        assertThat(r.status()).as(r.message()).isEqualTo(FreeRun.Status.COMPLETED);
        assertThat(kicks.get()).as("two raises, coalesced or not").isBetween(1, 2);
    }

    @Test
    void aFailingTaskOrCheckEndsTheRunWithItsViolationAndWarningsAreKept() {
        FreeRun.Result thrown = FreeRun.run(2, BUDGET, smp -> {
            smp.onCpu(0, cpu -> Sched.warn("WARN_ON(irqs_disabled())"));
            smp.onCpu(1, cpu -> {
                throw new IllegalStateException("boom on CPU1");
            });
        });
        assertThat(thrown.status()).isEqualTo(FreeRun.Status.FAILED);
        assertThat(thrown.kind()).isEqualTo(Violation.UNCAUGHT_EXCEPTION);
        assertThat(thrown.message()).isEqualTo("boom on CPU1");

        FreeRun.Result checked = FreeRun.run(1, BUDGET, smp -> {
            smp.onCpu(0, cpu -> Sched.warn("something odd"));
            smp.afterAll(() -> assertThat(1).as("after-all").isEqualTo(2));
        });
        assertThat(checked.kind()).isEqualTo(Violation.ASSERTION_FAILED);
        assertThat(checked.message()).contains("after-all");
        assertThat(checked.warnings()).containsExactly("CPU0: something odd");
    }

    @Test
    void plainThreadsRunAndJoinAndCpuStateBelongsToItsCpu() {
        AtomicInteger done = new AtomicInteger();
        FreeRun.Result r = FreeRun.run(1, BUDGET, smp -> {
            ThreadHandle t = smp.thread("worker", done::incrementAndGet);
            smp.onCpu(0, cpu -> {
                t.join();
                assertThat(done.get()).isEqualTo(1);
                assertThatCode(() -> Sched.smp().cpu(0).localIrqDisable()).doesNotThrowAnyException();
                cpu.localIrqEnable();
            });
            smp.afterAll(() -> assertThat(t.isAlive()).isFalse());
        });
        assertThat(r.status()).as(r.message()).isEqualTo(FreeRun.Status.COMPLETED);

        FreeRun.Result wrongCpu = FreeRun.run(2, BUDGET, smp -> smp.onCpu(0, cpu -> smp.cpu(1).localIrqDisable()));
        assertThat(wrongCpu.message()).isEqualTo("CPU1's state can be changed only by code running on CPU1, not by CPU0");
    }

    @Test
    void badArgumentsAreRejectedWithWhatIsAllowed() {
        assertThatThrownBy(() -> FreeRun.run(0, BUDGET, smp -> { }))
                .hasMessage("a free run needs 1 to 64 CPUs, got 0");
        assertThatThrownBy(() -> FreeRun.run(1, Duration.ZERO, smp -> { }))
                .hasMessage("the timeout of a free run must be positive, got PT0S");
        FreeRun.Result late = FreeRun.run(1, BUDGET, smp -> smp.onCpu(0, cpu -> smp.onCpu(0, c -> { })));
        assertThat(late.message()).isEqualTo("in a free run, the body puts every task before the CPUs start");
    }
}
