package dev.smpcheck.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Threads smpcheck did not start act as CPUs of a {@link CpuSession}: binding, interrupts, and every error path. */
class CpuSessionTest {

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "worker");
        t.setDaemon(true);
        return t;
    });

    @AfterEach
    void leaveNoBinding() {
        pool.shutdownNow();
        assertThat(Sched.currentCpu()).as("the test thread acts as no CPU afterwards").isNull();
    }

    private <T> T onOtherThread(Callable<T> work) throws Exception {
        Future<T> f = pool.submit(work);
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void eachThreadsFirstCallClaimsTheLowestFreeCpuAndKeepsIt() throws Exception {
        try (CpuSession session = CpuSession.open(3)) {
            Cpu mine = session.cpu();
            assertThat(mine.id()).isZero();
            assertThat(session.cpu()).isSameAs(mine);
            assertThat(Sched.currentCpu()).isSameAs(mine);
            assertThat(Sched.currentThreadName()).isEqualTo("CPU0");
            assertThat(Sched.smp()).isSameAs(session.smp());

            assertThat(onOtherThread(() -> session.cpu().id())).isEqualTo(1);
            assertThat(session.toString()).contains("CPU0 bound to thread '" + Thread.currentThread().getName() + "'",
                    "CPU1 bound to thread 'worker'", "CPU2 free");
            session.unbind();
            assertThat(Sched.currentCpu()).isNull();
        }
    }

    @Test
    void concurrentFirstCallsGetDistinctCpus() throws Exception {
        int threads = 8;
        for (int round = 0; round < 20; round++) {
            try (CpuSession session = CpuSession.open(threads)) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> ids = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    ids.add(pool.submit(() -> {
                        start.await();
                        return session.cpu().id();
                    }));
                }
                start.countDown();
                List<Integer> got = new ArrayList<>();
                for (Future<Integer> f : ids) {
                    got.add(f.get(20, TimeUnit.SECONDS));
                }
                assertThat(got).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
            }
        }
    }

    @Test
    void moreThreadsThanCpusIsAnErrorThatNamesTheOwners() throws Exception {
        try (CpuSession session = CpuSession.open(1)) {
            session.bind(0);
            Throwable t = onOtherThread(() -> catchThrowable(session::cpu));
            assertThat(t).isInstanceOf(IllegalStateException.class)
                    .hasMessage("all 1 CPUs of this session are bound (CPU0 to thread '"
                            + Thread.currentThread().getName() + "'), so thread 'worker' cannot act as another one: "
                            + "open the session with more CPUs, or unbind a thread");
            session.unbind();
        }
    }

    @Test
    void aCpuBoundToAnotherThreadCannotBeBoundOrRunOn() throws Exception {
        try (CpuSession session = CpuSession.open(2)) {
            session.bind(1);
            String me = Thread.currentThread().getName();
            assertThat(onOtherThread(() -> catchThrowable(() -> session.bind(1))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("CPU1 of this session is bound to thread '" + me + "', so thread 'worker' cannot act "
                            + "as it: a CPU is one thread at a time (unbind it there first)");
            assertThat(onOtherThread(() -> catchThrowable(() -> session.runOn(1, cpu -> { }))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("CPU1 of this session is bound to thread '" + me + "'");
            session.unbind();
            assertThat(onOtherThread(() -> session.bind(1).id())).isEqualTo(1);
        }
    }

    @Test
    void aThreadActsAsOneCpuAtATime() {
        try (CpuSession session = CpuSession.open(2)) {
            Cpu zero = session.bind(0);
            assertThat(session.bind(0)).as("binding again to the same CPU does nothing").isSameAs(zero);
            assertThatThrownBy(() -> session.bind(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("thread '" + Thread.currentThread().getName() + "' already acts as CPU0 of this "
                            + "session; call unbind() first, or runOn(1, ...) to act as CPU1 for one call");
            session.unbind();
            assertThatThrownBy(session::unbind).isInstanceOf(IllegalStateException.class)
                    .hasMessage("thread '" + Thread.currentThread().getName() + "' is not bound to a CPU of this "
                            + "session");
        }
    }

    @Test
    void badCpuCountsAndIdsNameTheAllowedRange() {
        assertThatThrownBy(() -> CpuSession.open(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a CpuSession needs 1 to 64 CPUs, got 0");
        assertThatThrownBy(() -> CpuSession.open(65)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a CpuSession needs 1 to 64 CPUs, got 65");
        try (CpuSession session = CpuSession.open(2)) {
            assertThatThrownBy(() -> session.bind(2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no CPU2: this session has CPUs 0..1");
            assertThatThrownBy(() -> session.smp().cpu(-1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no CPU-1: this session has CPUs 0..1");
        }
    }

    @Test
    void theSessionHasNoTasksAndStartsNoThreads() {
        try (CpuSession session = CpuSession.open(1)) {
            assertThatThrownBy(() -> session.smp().onCpu(0, cpu -> { }))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("a CpuSession has no tasks");
            assertThatThrownBy(() -> session.smp().thread("t", () -> { }))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("a CpuSession starts no threads");
        }
    }

    @Test
    void onlyTheBoundThreadMayChangeItsCpusState() throws Exception {
        try (CpuSession session = CpuSession.open(2)) {
            Cpu zero = session.bind(0);
            Throwable t = onOtherThread(() -> catchThrowable(zero::localIrqDisable));
            assertThat(t).isInstanceOf(IllegalStateException.class)
                    .hasMessage("CPU0's state can be changed only by code running on CPU0, not by worker");
            Throwable fromCpu1 = onOtherThread(() -> {
                session.bind(1);
                return catchThrowable(zero::localIrqDisable);
            });
            assertThat(fromCpu1).hasMessage("CPU0's state can be changed only by code running on CPU0, not by CPU1");
            session.unbind();
        }
    }

    @Test
    void anInterruptIsTakenAtTheBoundThreadsNextSchedulePointWithIrqsEnabled() {
        try (CpuSession session = CpuSession.open(2)) {
            List<String> log = new ArrayList<>();
            IrqVector ipi = session.smp().registerIrq("ipi", cpu -> {
                log.add("handler on " + cpu + (cpu.inInterrupt() ? " in irq" : "") + (cpu.irqsDisabled()
                        ? " with irqs off" : "") + " as " + Sched.currentCpu());
            });
            Cpu zero = session.bind(0);
            zero.localIrqDisable();
            ipi.raise(zero);
            Sched.point("with irqs off");
            assertThat(log).as("not taken with irqs disabled").isEmpty();
            assertThat(zero.isPending(ipi)).isTrue();
            zero.localIrqEnable();
            assertThat(log).containsExactly("handler on CPU0 in irq with irqs off as CPU0");
            assertThat(zero.irqsDisabled()).as("irqs on again after the handler").isFalse();
            assertThat(zero.isPending(ipi)).isFalse();
            assertThat(session.interrupts()).isEqualTo(1);
            session.unbind();
        }
    }

    @Test
    void anInterruptToAFreeCpuWaitsForTheThreadThatBindsToIt() throws Exception {
        try (CpuSession session = CpuSession.open(2)) {
            AtomicInteger runs = new AtomicInteger();
            IrqVector ipi = session.smp().registerIrq("ipi", cpu -> runs.incrementAndGet());
            Cpu one = session.smp().cpu(1);
            assertThat(one.isIdle()).as("no thread acts as it").isTrue();
            session.bind(0);
            ipi.raise(one);
            Sched.point("CPU0 goes on");
            assertThat(runs.get()).as("CPU0 does not take CPU1's interrupt").isZero();
            session.unbind();

            assertThat(onOtherThread(() -> {
                session.bind(1);
                Sched.point("first point as CPU1");
                session.unbind();
                return runs.get();
            })).isEqualTo(1);
        }
    }

    /** Two foreign threads call each other, as two CPUs sending IPIs, and spin until each handler acknowledged. */
    @Test
    void twoBoundThreadsTakeEachOthersInterruptsWhileSpinning() throws Exception {
        for (int round = 0; round < 20; round++) {
            try (CpuSession session = CpuSession.open(2)) {
                boolean[] acked = new boolean[2];
                IrqVector ipi = session.smp().registerIrq("call_function", cpu -> acked[cpu.id()] = true);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> sides = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    sides.add(pool.submit(() -> {
                        Cpu cpu = session.cpu();
                        start.await();
                        ipi.raise(session.smp().cpu(1 - cpu.id()));
                        Sched.awaitUntil("ack from the other CPU", null, () -> acked[1 - cpu.id()]);
                        // Keep polling until our own handler ran too, so neither thread leaves while owed an IPI.
                        Sched.awaitUntil("own IPI taken", null, () -> acked[cpu.id()]);
                        return acked[0] && acked[1];
                    }));
                }
                start.countDown();
                for (Future<Boolean> f : sides) {
                    assertThat(f.get(20, TimeUnit.SECONDS)).isTrue();
                }
                assertThat(session.interrupts()).isEqualTo(2);
            }
        }
    }

    @Test
    void runOnActsAsAnotherCpuForOneCallAndRestoresTheThreadsOwn() throws Exception {
        try (CpuSession session = CpuSession.open(3)) {
            Cpu mine = session.cpu();
            AtomicReference<Cpu> during = new AtomicReference<>();
            session.runOn(2, cpu -> during.set(Sched.currentCpu()));
            assertThat(during.get().id()).isEqualTo(2);
            assertThat(Sched.currentCpu()).isSameAs(mine);
            assertThat(onOtherThread(() -> catchThrowable(() -> session.bind(0))))
                    .as("the thread's own CPU stayed reserved").hasMessageStartingWith("CPU0 of this session is bound");
            assertThat(onOtherThread(() -> session.bind(2).id())).as("CPU2 is free again").isEqualTo(2);
            session.runOn(0, cpu -> during.set(cpu));
            assertThat(during.get()).isSameAs(mine);
            session.unbind();

            session.runOn(1, cpu -> { });
            assertThat(Sched.currentCpu()).as("an unbound thread is unbound again").isNull();
        }
    }

    @Test
    void bindingInAnotherSessionEndsTheBindingInTheFirst() throws Exception {
        CpuSession first = CpuSession.open(1);
        CpuSession second = CpuSession.open(1);
        first.bind(0);
        Cpu inSecond = second.cpu();
        assertThat(Sched.currentCpu()).isSameAs(inSecond);
        assertThat(Sched.smp()).isSameAs(second.smp());
        assertThat(onOtherThread(() -> first.cpu().id())).as("CPU0 of the first session is free again").isZero();
        assertThatThrownBy(first::unbind).isInstanceOf(IllegalStateException.class);
        second.unbind();
    }

    @Test
    void aClosedSessionBindsNothingAndItsThreadsActAsNoCpu() {
        CpuSession session = CpuSession.open(1);
        session.bind(0);
        session.close();
        assertThat(Sched.currentCpu()).isNull();
        assertThat(session.toString()).isEqualTo("CpuSession[CPU0 free] (closed)");
        assertThatThrownBy(session::cpu).isInstanceOf(IllegalStateException.class)
                .hasMessage("this CpuSession is closed");
    }

    @Test
    void warningsAreKeptPerCpuAndAfterAllChecksRunOnRequest() throws Throwable {
        try (CpuSession session = CpuSession.open(1)) {
            List<String> ran = new ArrayList<>();
            session.smp().afterAll(() -> ran.add("first"));
            session.smp().afterAll(() -> {
                throw new IllegalStateException("second failed");
            });
            session.bind(0);
            Sched.warn("something odd");
            session.unbind();
            Sched.warn("not on a CPU: dropped");
            assertThat(session.warnings()).containsExactly("CPU0: something odd");
            assertThat(ran).as("checks run only on request").isEmpty();
            assertThatThrownBy(session::runAfterAllChecks).hasMessage("second failed");
            assertThat(ran).containsExactly("first");
        }
    }

    @Test
    void threadsOfAFreeRunOrOfAScheduleCannotBind() throws Throwable {
        try (CpuSession session = CpuSession.open(1)) {
            FreeRun.Result r = FreeRun.run(1, Duration.ofSeconds(20), smp -> smp.onCpu(0, cpu -> session.bind(0)));
            assertThat(r.status()).isEqualTo(FreeRun.Status.FAILED);
            assertThat(r.message()).isEqualTo("thread 'smpcheck-free-CPU0' is CPU0 of a free run and cannot bind to a "
                    + "CpuSession");

            SearchResult s = new Explorer(SearchConfig.defaults("CpuSessionTest#controlled"), null)
                    .explore(Fixture.of(smp -> smp.onCpu(0, cpu -> session.cpu())));
            assertThat(s.finding()).isNotNull();
            assertThat(s.finding().report()).contains("CPU0 is a controlled thread of a schedule; it runs on the "
                    + "schedule's own CPUs and cannot bind to a CpuSession");
        }
    }
}
