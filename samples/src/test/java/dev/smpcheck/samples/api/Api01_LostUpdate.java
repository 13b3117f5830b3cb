package dev.smpcheck.samples.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import dev.smpcheck.schedule.SpinLock;

/*
 * Sample 01: the lost update, the "hello world" of concurrency bugs.
 *
 * Two CPUs each increment one counter by reading it, then writing the value plus one. If CPU1 reads after CPU0 read
 * but before CPU0 wrote, both write 1 and an increment is lost. Every read and write is a schedule point
 * (Sched.point), so the search can switch CPUs between them.
 *
 * An @SmpTest method runs its body once per schedule on a fresh instance. The body sets things up and puts work on
 * CPUs; the work starts when the body returns; afterAll checks run once every CPU is done.
 *
 * How to run:   mvn -pl samples -am test -Dtest=Api01_LostUpdate -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed (JDK 17 and 25): the default portfolio (PCT at depths 1 to 3 and a random walk, taking turns) finds the
 * lost update in schedule 15; the report shows CPU0 and CPU1 both reading 0, after minimization to one preemption.
 * The locked twin passes all 1,000.
 */
class Api01_LostUpdate {

    /** A counter whose every access is a schedule point. */
    static final class Counter {
        private int value;

        int read() {
            int v = value;
            Sched.point("read", this, v);
            return v;
        }

        void write(int v) {
            value = v;
            Sched.point("write", this, v);
        }

        @Override
        public String toString() {
            return "counter";
        }
    }

    @SmpTest(expect = Violation.ASSERTION_FAILED)
    void brokenReadModifyWrite(Smp smp) {
        Counter counter = new Counter();
        smp.onCpu(0, cpu -> counter.write(counter.read() + 1));
        smp.onCpu(1, cpu -> counter.write(counter.read() + 1));
        smp.afterAll(() -> assertThat(counter.value).as("increments that survived").isEqualTo(2));
    }

    @SmpTest
    void incrementUnderASpinLockIsSafe(Smp smp) {
        Counter counter = new Counter();
        SpinLock lock = new SpinLock("counter_lock");
        for (int cpu = 0; cpu < 2; cpu++) {
            smp.onCpu(cpu, c -> {
                lock.lock();
                counter.write(counter.read() + 1);
                lock.unlock();
            });
        }
        smp.afterAll(() -> assertThat(counter.value).as("increments that survived").isEqualTo(2));
    }
}
