package dev.smpcheck.samples.linearizability;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.CsdClaim;
import dev.smpcheck.ipi.Variant;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.junit.lincheck.LincheckTest;
import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.SequentialObjects;
import dev.smpcheck.linearizability.Specifications;
import dev.smpcheck.schedule.Smp;
import org.jetbrains.lincheck.datastructures.Operation;

/*
 * Linearizability 02: the csd lock as smp_call_function_single_async claims it (seed 004), checked by both checkers.
 *
 * Before _async queues a csd it claims CSD_FLAG_LOCK; a csd already locked makes it return -EBUSY, and the flush that
 * runs the csd releases it with csd_unlock. As an object that is a lock that is only ever tried:
 * Specifications.tryLock(). Mainline (v6.17, and Variant.NONATOMIC_ASYNC, the seed's "before") claims with a plain
 * load and a plain store: fine while callers serialise their uses of a csd, as the kernel asks, but two CPUs using
 * one csd at once can both find it unlocked and both "own" it. The seed's proposed atomic claim
 * (Variant.ATOMIC_ASYNC, never merged) is one read-modify-write. CsdClaim runs the model's own claim code.
 *
 * (Used through the whole IpiSystem, the same race shows up as LIST_CORRUPTION, the double llist_add: see
 * seeds/Seed004_AsyncClaimRace2020. Here the claim is checked on its own, so the verdict is about linearizability.)
 *
 * How to run:   mvn -pl samples -am verify -Dtest=Lin02_AsyncCsdClaim -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: the plain claim is NOT_LINEARIZABLE for both checkers (two tryLock() -> true with no unlock between);
 * the atomic claim is exhausted clean by ours and passes Lincheck.
 */
class Lin02_AsyncCsdClaim {

    // ---- our checker: CPU0 claims then releases, CPU1 claims twice

    @SmpTest(strategy = "dfs", expect = Violation.NOT_LINEARIZABLE)
    void plainTestAndSetIsNotLinearizable(Smp smp) {
        record(smp, CsdClaim.of(Variant.NONATOMIC_ASYNC));
    }

    @SmpTest(strategy = "dfs", schedules = 10_000, exhaustive = true)
    void atomicClaimIsLinearizable(Smp smp) {
        record(smp, CsdClaim.of(Variant.ATOMIC_ASYNC));
    }

    private static void record(Smp smp, CsdClaim lock) {
        History h = new History();
        smp.onCpu(0, cpu -> {
            h.call("tryLock", lock::tryLock);
            h.run("unlock", lock::unlock);
        });
        smp.onCpu(1, cpu -> {
            h.call("tryLock", lock::tryLock);
            h.call("tryLock", lock::tryLock);
        });
        smp.afterAll(() -> h.check(Specifications.tryLock()));
    }

    // ---- Lincheck

    /** The claim of one design as Lincheck's operations class: any thread claims, any thread releases. */
    public abstract static class ClaimOps {
        private final CsdClaim lock;

        ClaimOps(Variant variant) {
            lock = CsdClaim.of(variant);
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

    public static class PlainClaim extends ClaimOps {
        public PlainClaim() {
            super(Variant.NONATOMIC_ASYNC);
        }
    }

    public static class AtomicClaim extends ClaimOps {
        public AtomicClaim() {
            super(Variant.ATOMIC_ASYNC);
        }
    }

    @LincheckTest(operations = PlainClaim.class, sequentialSpecification = SequentialObjects.TryLock.class,
            expect = Violation.NOT_LINEARIZABLE)
    void plainTestAndSetFailsLincheck() {}

    @LincheckTest(operations = AtomicClaim.class, sequentialSpecification = SequentialObjects.TryLock.class, iterations = 10,
            invocations = 500)
    void atomicClaimPassesLincheck() {}
}
