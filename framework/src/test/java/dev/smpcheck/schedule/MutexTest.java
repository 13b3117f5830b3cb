package dev.smpcheck.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.Programs;
import dev.smpcheck.run.SearchConfig;
import org.junit.jupiter.api.Test;

class MutexTest {

    static Finding search(String name, ScheduleBody body) throws Throwable {
        return new Explorer(SearchConfig.defaults("MutexTest#" + name).withSchedules(300), null)
                .explore(Fixture.of(body)).finding();
    }

    @Test
    void aMutexExcludesAndADeadlockNamesItsHolder() throws Throwable {
        Finding clean = search("exclusion", smp -> {
            Mutex m = new Mutex("m");
            int[] inside = new int[1];
            for (int cpu = 0; cpu < 2; cpu++) {
                smp.onCpu(cpu, c -> {
                    m.lock();
                    inside[0]++;
                    smp.point("critical section");
                    assertThat(inside[0]).isEqualTo(1);
                    inside[0]--;
                    m.unlock();
                });
            }
        });
        assertThat(clean).isNull();

        Finding deadlock = search("order", Programs.lockOrder(Mutex::new));
        assertThat(deadlock.kind()).isEqualTo(Violation.DEADLOCK);
        assertThat(deadlock.outcome().message()).contains("CPU0 waits for mutex_lock B (held by CPU1)")
                .contains("CPU1 waits for mutex_lock A (held by CPU0)");
    }

    @Test
    void takingAMutexWithIrqsDisabledIsASleepingInAtomicBug() throws Throwable {
        Finding f = search("atomic", smp -> smp.onCpu(0, c -> {
            Mutex m = new Mutex("m");
            boolean flags = c.localIrqSave();
            m.lock();
            m.unlock();
            c.localIrqRestore(flags);
        }));
        assertThat(f.kind()).isEqualTo(Violation.UNCAUGHT_EXCEPTION);
        assertThat(f.outcome().message()).isEqualTo("java.lang.IllegalStateException: BUG: sleeping function called "
                + "from invalid context: mutex_lock(m) on CPU0 with irqs disabled");
    }

    @Test
    void unlockingALockHeldByAnotherThreadNamesTheHolder() throws Throwable {
        Finding f = search("foreignUnlock", smp -> {
            SpinLock l = new SpinLock("l");
            smp.onCpu(0, c -> l.lock());
            smp.onCpu(1, c -> {
                smp.awaitUntil("CPU0 holds l", l::isLocked);
                l.unlock();
            });
        });
        assertThat(f.kind()).isEqualTo(Violation.UNCAUGHT_EXCEPTION);
        assertThat(f.outcome().message())
                .isEqualTo("java.lang.IllegalMonitorStateException: l unlocked by CPU1 but held by CPU0");
    }
}
