package dev.smpcheck.samples.linearizability;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.IpiSystem;
import dev.smpcheck.ipi.PendingRequests;
import dev.smpcheck.ipi.Variant;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.junit.lincheck.LincheckTest;
import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.SequentialObjects;
import dev.smpcheck.linearizability.Specifications;
import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.CpuSession;
import dev.smpcheck.schedule.Smp;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;

/*
 * Linearizability 04: seed 003's pending-flag queue (2014), on the whole IpiSystem, checked by both checkers.
 *
 * smp_queue_function_single(cpu, func, qsd) lets any number of CPUs ask one CPU to run func, without waiting: the
 * request that sets qsd->pending queues the csd, a request that finds it set is coalesced into the pending run, which
 * promises to see what the requester wrote. PendingRequests makes that observable: each request leaves a token, the
 * function takes every token, and the target's flush() reports how many it took. Specifications.pendingQueue() says
 * every token is taken exactly once. The handler must clear pending before the function runs
 * (Variant.PENDING_QUEUE_2014); clearing it after (..._CLEAR_AFTER_FUNC) loses the token of a request coalesced
 * between the function's read and the clear.
 *
 * The target, CPU2, keeps irqs disabled and runs its queue from flush(), as a polling idle CPU does, so every run of
 * the function is part of a flush the checkers see. Lincheck's threads are not smpcheck's, so the Lincheck operations
 * bind them to the CPUs of a CpuSession: each requesting thread acts as its own CPU, and a flush acts as CPU2.
 *
 * How to run:   mvn -pl samples -am verify -Dtest=Lin04_PendingQueue -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: clearing after the function is NOT_LINEARIZABLE for our checker (a flush returns 1, the last flush null,
 * with one token never taken; the model's own LOST_UPDATE oracle agrees); the 2014 order is exhausted clean.
 */
class Lin04_PendingQueue {

    // ---- our checker: CPU0 and CPU1 request once; CPU2 flushes during the second request and once more at the end

    @SmpTest(cpus = 3, strategy = "dfs", schedules = 10_000, exhaustive = true)
    void clearingPendingFirstIsLinearizable(Smp smp) {
        record(smp, Variant.PENDING_QUEUE_2014);
    }

    @SmpTest(cpus = 3, strategy = "dfs", schedules = 10_000, expect = Violation.NOT_LINEARIZABLE)
    void clearingPendingAfterTheFunctionIsNotLinearizable(Smp smp) {
        record(smp, Variant.PENDING_QUEUE_2014_CLEAR_AFTER_FUNC);
    }

    private static void record(Smp smp, Variant variant) {
        History h = new History();
        smp.afterAll(() -> h.check(Specifications.pendingQueue())); // before boot: runs before the model's oracles
        PendingRequests work = new PendingRequests(IpiSystem.boot(smp, variant), 2);
        AtomicInteger returned = new AtomicInteger(); // samples run instrumented: a plain ++ here would race
        for (int sender = 0; sender < 2; sender++) {
            smp.onCpu(sender, cpu -> {
                smp.awaitUntil("CPU2 polls", () -> smp.cpu(2).irqsDisabled());
                h.call("request", work::request);
                returned.incrementAndGet();
            });
        }
        smp.onCpu(2, cpu -> {
            cpu.localIrqDisable();
            smp.awaitUntil("a request returned", () -> returned.get() >= 1);
            h.call("flush", work::flush);
            smp.awaitUntil("both requests returned", () -> returned.get() == 2);
            h.call("flush", work::flush);
            cpu.localIrqEnable();
        });
    }

    // ---- Lincheck: requests from its threads, each its own CPU; flushes on CPU2, one thread at a time

    public abstract static class PendingOps {
        private static final int TARGET = 2;
        private final CpuSession session = CpuSession.open(3);
        private final PendingRequests work;

        PendingOps(Variant variant) throws Exception {
            work = new PendingRequests(IpiSystem.boot(session.smp(), variant), TARGET);
            session.runOn(TARGET, Cpu::localIrqDisable); // the target polls its queue
        }

        @Operation
        public int request() {
            session.cpu(); // the first call binds this Lincheck thread to a free CPU
            return work.request();
        }

        @Operation(nonParallelGroup = "target")
        public Integer flush() throws Exception {
            Integer[] taken = {null};
            session.runOn(TARGET, cpu -> taken[0] = work.flush());
            return taken[0];
        }
    }

    public static class ClearFirst extends PendingOps {
        public ClearFirst() throws Exception {
            super(Variant.PENDING_QUEUE_2014);
        }
    }

    @LincheckTest(operations = ClearFirst.class, sequentialSpecification = SequentialObjects.PendingQueue.class, actorsPerThread = 2,
            iterations = 3, invocations = 100)
    void clearingPendingFirstPassesLincheck() {}
}
