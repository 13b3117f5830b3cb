package dev.smpcheck.ipi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.smpcheck.check.Violation;
import dev.smpcheck.linearizability.SequentialObjects;
import dev.smpcheck.linearizability.Specifications;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.CpuSession;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import java.util.List;
import kotlin.jvm.functions.Function1;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.util.LoggingLevel;
import org.junit.jupiter.api.Test;

/**
 * Lincheck on ipi-core's concurrent objects, each against the same {@link Specifications} entry our checker uses
 * (through {@link SequentialObjects}), and the cross-check: on every object, broken or fixed, Lincheck's model checker
 * and a bounded exhaustive search with our checker ({@link ObjectHistories}) give the same verdict (one exception,
 * explained at the pending queue's tests).
 *
 * <p>Lincheck runs its own threads, so the objects that need a CPU ({@link PendingRequests}) bind them with a
 * {@link CpuSession}: each Lincheck thread acts as its own CPU. Run in the {@code lincheck} Surefire execution.
 */
class ObjectsLincheckTest {

    // ---------------------------------------------------------------------------------------------------------------
    // Operations classes; Lincheck makes a fresh instance for every invocation.

    /** {@link Llist}: any thread adds and takes. */
    public static class LlistOps {
        private final Llist list = new Llist();

        @Operation
        public boolean add(int value) {
            return list.add(value);
        }

        @Operation
        public List<Integer> delAll() {
            return list.delAll();
        }
    }

    /** {@link CsdClaim} of one variant: any thread claims, any thread releases. */
    public abstract static class ClaimOps {
        private final CsdClaim lock;

        ClaimOps(Variant variant) {
            this.lock = CsdClaim.of(variant);
        }

        @Operation
        public boolean tryLock() {
            return lock.tryLock();
        }

        @Operation
        public void unlock() {
            lock.unlock();
        }
    }

    public static class NonAtomicClaim extends ClaimOps {
        public NonAtomicClaim() {
            super(Variant.NONATOMIC_ASYNC);
        }
    }

    public static class V617Claim extends ClaimOps {
        public V617Claim() {
            super(Variant.V6_17);
        }
    }

    public static class AtomicClaim extends ClaimOps {
        public AtomicClaim() {
            super(Variant.ATOMIC_ASYNC);
        }
    }

    /** {@link IrqWorkClaim}: any thread claims; one thread at a time runs (the CPU whose list holds the work). */
    public static class IrqWorkOps {
        private final IrqWorkClaim work = new IrqWorkClaim();

        @Operation
        public boolean claim() {
            return work.claim();
        }

        @Operation(nonParallelGroup = "runner")
        public boolean run() {
            return work.run();
        }
    }

    /**
     * {@link PendingRequests} to CPU2 of a 3-CPU session: each Lincheck thread that requests acts as its own CPU (0 or
     * 1, the first to ask gets CPU0); a flush acts as CPU2 for its duration, one thread at a time.
     */
    public abstract static class PendingOps {
        static final int TARGET = 2;
        private final CpuSession session = CpuSession.open(3);
        private final PendingRequests work;

        PendingOps(Variant variant) {
            work = new PendingRequests(IpiSystem.boot(session.smp(), variant), TARGET);
            try {
                session.runOn(TARGET, Cpu::localIrqDisable); // the target polls its queue
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Operation
        public int request() {
            session.cpu();
            return work.request();
        }

        @Operation(nonParallelGroup = "target")
        public Integer flush() throws Exception {
            Integer[] taken = {null};
            session.runOn(TARGET, cpu -> taken[0] = work.flush());
            return taken[0];
        }
    }

    public static class PendingQueue2014 extends PendingOps {
        public PendingQueue2014() {
            super(Variant.PENDING_QUEUE_2014);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The cross-checks.

    @Test
    void theLlistPassesBoth() throws Throwable {
        assertThat(lincheck(LlistOps.class, SequentialObjects.Llist.class)).isNull();
        Searches.expectExhaustedClean(ours("llist", 3, ObjectHistories.llist()));
    }

    @Test
    void theIrqWorkClaimPassesBoth() throws Throwable {
        assertThat(lincheck(IrqWorkOps.class, SequentialObjects.IrqWork.class)).isNull();
        Searches.expectExhaustedClean(ours("irq_work", 3, ObjectHistories.irqWork()));
    }

    @Test
    void theAtomicCsdClaimPassesBoth() throws Throwable {
        assertThat(lincheck(AtomicClaim.class, SequentialObjects.TryLock.class)).isNull();
        Searches.expectExhaustedClean(ours("csd/atomic", 2, ObjectHistories.csdClaim(Variant.ATOMIC_ASYNC)));
    }

    @Test
    void thePlainTestAndSetFailsBoth() throws Throwable {
        for (Class<?> ops : List.of(NonAtomicClaim.class, V617Claim.class)) {
            LincheckAssertionError e = lincheck(ops, SequentialObjects.TryLock.class);
            assertThat(e).as(ops.getSimpleName()).isNotNull();
            // Two claims both succeed: the results table shows tryLock(): true in both threads.
            assertThat(e.getMessage()).contains("= Invalid execution results =").contains("tryLock(): true");
        }
        for (Variant v : List.of(Variant.NONATOMIC_ASYNC, Variant.V6_17)) {
            Searches.expectViolation(ours("csd/" + v, 2, ObjectHistories.csdClaim(v)), Violation.NOT_LINEARIZABLE);
        }
    }

    @Test
    void thePendingQueuePassesBoth() throws Throwable {
        assertThat(lincheck(PendingQueue2014.class, SequentialObjects.PendingQueue.class, 2, 3, 200)).isNull();
        Searches.expectExhaustedClean(ours("pending", 3, ObjectHistories.pendingQueue(Variant.PENDING_QUEUE_2014)));
    }

    // Not here: PENDING_QUEUE_2014_CLEAR_AFTER_FUNC under Lincheck. Our bounded search finds it (ObjectHistories pins
    // the shape: a request, then a flush racing a second request, then a last flush), but Lincheck's model checker
    // must first generate that scenario at random and then switch inside the handler; it found nothing in 40
    // scenarios x 300 invocations (110 s on the 2-core machine), too slow for this suite.

    /**
     * Lincheck's model checker with a budget for a unit-test suite: 2 threads of 3 operations between 1 before and 1
     * after, 6 scenarios of at most 300 interleavings each. Its seed is fixed, so the verdict is the same every run.
     *
     * @return Lincheck's failure, or {@code null} when it found none
     */
    private static LincheckAssertionError lincheck(Class<?> ops, Class<?> spec) {
        return lincheck(ops, spec, 3, 6, 300);
    }

    /**
     * As {@link #lincheck(Class, Class)} with a budget of {@code iterations} scenarios of at most {@code invocations}
     * interleavings. smpcheck's inert runtime (the schedule-point calls, which are no-ops here but for
     * {@code awaitUntil}) is hidden from the model checker, as {@code @LincheckTest} does, so it adds no switch points.
     */
    private static LincheckAssertionError lincheck(Class<?> ops, Class<?> spec, int actorsPerThread, int iterations,
            int invocations) {
        Function1<String, Boolean> sched = name -> name.equals(Sched.class.getName());
        Function1<String, Boolean> inert = method -> !method.equals("awaitUntil");
        Throwable t = catchThrowable(() -> new ModelCheckingOptions()
                .threads(2).actorsPerThread(actorsPerThread).actorsBefore(1).actorsAfter(1)
                .iterations(iterations).invocationsPerIteration(invocations)
                .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(sched).methods(inert).ignore())
                .sequentialSpecification(spec)
                .logLevel(LoggingLevel.ERROR)
                .check(ops));
        if (t != null && !(t instanceof LincheckAssertionError)) {
            throw new AssertionError("Lincheck did not run to a verdict on " + ops.getSimpleName(), t);
        }
        return (LincheckAssertionError) t;
    }

    private static SearchResult ours(String id, int cpus, ScheduleBody body) throws Throwable {
        return Searches.exhaustive("cross-check/" + id, cpus, 50_000, body);
    }
}
