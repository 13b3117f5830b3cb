package dev.smpcheck.ipi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.schedule.CpuSession;
import dev.smpcheck.schedule.Sched;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole model on threads smpcheck did not start, each bound to a CPU of a {@link CpuSession}. */
class OnPoolThreadsTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThePool() {
        pool.shutdownNow();
    }

    /**
     * CPU0 calls CPU1 and waits; CPU1's thread spins (a schedule point per spin) until it has taken the
     * {@code CALL_FUNCTION_SINGLE} IPI, whose handler runs the function on CPU1.
     */
    @Test
    void aWaitingCrossCallBetweenTwoPoolThreadsRunsOnTheTargetsThread() throws Throwable {
        for (int round = 0; round < 50; round++) {
            try (CpuSession session = CpuSession.open(2)) {
                IpiSystem ipi = IpiSystem.boot(session.smp(), Variant.V6_17);
                AtomicInteger ranOn = new AtomicInteger(-1);
                AtomicBoolean returned = new AtomicBoolean();
                CountDownLatch bound = new CountDownLatch(2);
                Future<Integer> caller = pool.submit(() -> {
                    session.bind(0);
                    bound.countDown();
                    bound.await();
                    int err = ipi.callFunctionSingle(1, info -> ranOn.set(Sched.currentCpu().id()), true);
                    returned.set(true);
                    session.unbind();
                    return err;
                });
                Future<?> target = pool.submit(() -> {
                    session.bind(1);
                    bound.countDown();
                    Sched.awaitUntil("the call returned", null, returned::get);
                    session.unbind();
                    return null;
                });
                assertThat(caller.get(20, TimeUnit.SECONDS)).isZero();
                target.get(20, TimeUnit.SECONDS);
                assertThat(ranOn.get()).isEqualTo(1);
                assertThat(ipi.completedCalls()).isEqualTo(1);
                assertThat(session.interrupts()).isEqualTo(1);
                assertThat(ipi.warnings()).isEmpty();
                session.runAfterAllChecks(); // every enqueued csd ran
            }
        }
    }

    @Test
    void aCallOnACpuOfAnotherSessionIsRejected() throws Throwable {
        try (CpuSession mine = CpuSession.open(2); CpuSession other = CpuSession.open(3)) {
            IpiSystem ipi = IpiSystem.boot(mine.smp(), Variant.V6_17);
            other.bind(2);
            assertThatThrownBy(() -> ipi.callFunctionSingle(1, info -> { }, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("smp_call_function_single called on CPU2 of another schedule, run or session than the "
                            + "one IpiSystem[V6_17, 2 CPUs] was booted on");
            mine.bind(0); // ends the binding in the other session
            assertThat(ipi.callFunctionSingle(0, info -> { }, false)).isZero();
            mine.unbind();
        }
    }

    @Test
    void aThreadThatIsNoCpuIsToldHowToBecomeOne() {
        try (CpuSession session = CpuSession.open(1)) {
            IpiSystem ipi = IpiSystem.boot(session.smp(), Variant.V6_17);
            assertThatThrownBy(() -> ipi.irqWorkQueue(ipi.newIrqWork("w", w -> { })))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("irq_work_queue must be called on a simulated CPU (a task put with Smp.onCpu, an "
                            + "interrupt handler, or a thread bound with CpuSession), not from an uncontrolled thread");
        }
    }
}
