package dev.smpcheck.samples.linearizability;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.IrqWorkClaim;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.junit.lincheck.LincheckTest;
import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.SequentialObjects;
import dev.smpcheck.linearizability.Specifications;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.lincheck.datastructures.Operation;

/*
 * Linearizability 03: irq_work's claim, checked by both checkers.
 *
 * irq_work_queue may be called by any CPU, from any context, on the same work. It claims the work with one
 * atomic_fetch_or of PENDING | BUSY: the claim succeeds (and the caller queues the work) unless PENDING was set, in
 * which case the request is coalesced into the pending run. The runner clears PENDING, runs the function, and clears
 * BUSY unless the work was claimed again meanwhile. As an object: Specifications.irqWork(), claim() -> claimed and
 * run() -> ran, with one runner at a time (the CPU whose raised_list holds the work). IrqWorkClaim runs the model's
 * own flag steps.
 *
 * The broken twin claims with a load and a separate store (a test-then-set instead of the fetch-or): two CPUs can
 * both see the work idle and both queue it, which in the kernel adds one node to a list twice.
 *
 * How to run:   mvn -pl samples -am verify -Dtest=Lin03_IrqWorkClaim -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: the twin is NOT_LINEARIZABLE for both checkers (two claim() -> true before any run); the fetch-or claim is
 * exhausted clean by ours and passes Lincheck.
 */
class Lin03_IrqWorkClaim {

    /** irq_work's flags with the claim split into a load and a store. */
    static final class TestThenSetClaim {
        private static final int PENDING = 1;
        private static final int CLAIMED = 3; // PENDING | BUSY
        private final AtomicInteger flags = new AtomicInteger();

        boolean claim() {
            Sched.point("load flags");
            int old = flags.get();
            if ((old & PENDING) != 0) {
                return false;
            }
            Sched.point("store PENDING | BUSY");
            flags.set(old | CLAIMED);
            return true;
        }

        boolean run() {
            Sched.point("look for the work");
            if ((flags.get() & PENDING) == 0) {
                return false;
            }
            Sched.point("run the work");
            flags.set(0);
            return true;
        }
    }

    // ---- our checker: CPU0 and CPU1 claim, CPU2 runs the work twice

    @SmpTest(cpus = 3, strategy = "dfs", schedules = 10_000, exhaustive = true)
    void fetchOrClaimIsLinearizable(Smp smp) {
        IrqWorkClaim work = new IrqWorkClaim();
        record(smp, work::claim, work::run);
    }

    @SmpTest(cpus = 3, strategy = "dfs", expect = Violation.NOT_LINEARIZABLE)
    void testThenSetClaimIsNotLinearizable(Smp smp) {
        TestThenSetClaim work = new TestThenSetClaim();
        record(smp, work::claim, work::run);
    }

    interface Step {
        boolean call();
    }

    private static void record(Smp smp, Step claim, Step run) {
        History h = new History();
        smp.onCpu(0, cpu -> h.call("claim", claim::call));
        smp.onCpu(1, cpu -> h.call("claim", claim::call));
        smp.onCpu(2, cpu -> {
            h.call("run", run::call);
            h.call("run", run::call);
        });
        smp.afterAll(() -> h.check(Specifications.irqWork()));
    }

    // ---- Lincheck

    /** A claim as Lincheck's operations class: claims from any thread, runs from one thread at a time. */
    public abstract static class Ops {
        private final Step claim;
        private final Step run;

        Ops(Step claim, Step run) {
            this.claim = claim;
            this.run = run;
        }

        @Operation
        public boolean claim() {
            return claim.call();
        }

        @Operation(nonParallelGroup = "runner")
        public boolean run() {
            return run.call();
        }
    }

    public static class ClaimOps extends Ops {
        public ClaimOps() {
            this(new IrqWorkClaim());
        }

        private ClaimOps(IrqWorkClaim work) {
            super(work::claim, work::run);
        }
    }

    public static class BrokenOps extends Ops {
        public BrokenOps() {
            this(new TestThenSetClaim());
        }

        private BrokenOps(TestThenSetClaim work) {
            super(work::claim, work::run);
        }
    }

    @LincheckTest(operations = ClaimOps.class, sequentialSpecification = SequentialObjects.IrqWork.class, iterations = 10,
            invocations = 500)
    void fetchOrClaimPassesLincheck() {}

    @LincheckTest(operations = BrokenOps.class, sequentialSpecification = SequentialObjects.IrqWork.class,
            expect = Violation.NOT_LINEARIZABLE)
    void testThenSetClaimFailsLincheck() {}
}
