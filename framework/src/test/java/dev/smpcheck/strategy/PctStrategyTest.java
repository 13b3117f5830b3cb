package dev.smpcheck.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.schedule.Execution;
import dev.smpcheck.schedule.Outcome;
import dev.smpcheck.schedule.PlatformThreadBackend;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.trace.ChoiceLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PctStrategyTest {
    static final int K = 10;

    /**
     * A depth-2 bug: CPU1 fails if its first step comes exactly when CPU0 has made K - 1 of its K increments. Random
     * walk must keep choosing CPU0 K - 1 times in a row and then switch: probability about 2^-K. PCT with d = 2 needs
     * CPU0 to start with the higher priority (1/2) and its one change point on the right step (about 1/k).
     */
    static ScheduleBody oneWindowBug() {
        return smp -> {
            int[] a = new int[1];
            smp.onCpu(0, cpu -> {
                for (int i = 0; i < K; i++) {
                    Sched.point("increment", null, i);
                    a[0]++;
                }
            });
            smp.onCpu(1, cpu -> {
                if (a[0] == K - 1) {
                    throw new AssertionError("CPU1 saw the window");
                }
            });
        };
    }

    static int hits(Strategy strategy, ScheduleBody body) {
        return hitsOn(2, strategy, body);
    }

    static int hitsOn(int cpus, Strategy strategy, ScheduleBody body) {
        int hits = 0;
        try (PlatformThreadBackend backend = new PlatformThreadBackend("pct")) {
            ChoiceLog log = new ChoiceLog();
            while (strategy.nextSchedule()) {
                Outcome o = new Execution(new Execution.Settings(cpus, 10_000, 5_000, false), strategy, backend, log)
                        .run(body);
                strategy.scheduleEnded();
                if (o.failed()) {
                    hits++;
                }
            }
        }
        return hits;
    }

    @Test
    void pctMeetsItsGuaranteeWhereRandomWalkAlmostNeverHits() {
        int runs = 2000;
        int pct = hits(new PctStrategy(7, runs, 2), oneWindowBug());
        int random = hits(new RandomWalkStrategy(7, runs, Integer.MAX_VALUE), oneWindowBug());

        System.out.printf("one-window bug, K=%d, %d runs: PCT d=2 hit %d, random walk hit %d%n", K, runs, pct, random);
        int n = 2;
        int k = K + 2; // CPU0's increments plus the task starts
        assertThat((double) pct / runs).as("PCT hit rate, guaranteed >= 1/(n*k)").isGreaterThanOrEqualTo(1.0 / (n * k));
        assertThat(random).as("random walk hits (expected about runs * 2^-K = 2)").isLessThan(pct / 5);
    }

    /**
     * Three ordered events across a thread and an interrupt: CPU0 pauses mid-update, CPU1 sees the half-done state and
     * raises an IPI at CPU2, then CPU0 must finish before the IPI is delivered. PCT reaches it only because change
     * points carry labels independent of their order (CPU0 demoted early to 2, the delivery later to 1).
     */
    @Test
    void pctOrdersAThreadDemotedEarlyBeforeAnInterruptDemotedLater() {
        ScheduleBody body = smp -> {
            boolean[] s = new boolean[3];
            dev.smpcheck.schedule.IrqVector v = smp.registerIrq("ipi", c -> {
                if (s[2] && s[1]) {
                    throw new AssertionError("handler saw the update finished after the IPI was sent");
                }
            });
            smp.onCpu(0, c -> {
                s[0] = true;
                Sched.point("A mid");
                s[1] = true;
            });
            smp.onCpu(1, c -> {
                Sched.point("B start");
                if (s[0] && !s[1]) {
                    s[2] = true;
                    v.raise(smp.cpu(2));
                }
            });
        };
        int hits = hitsOn(3, new PctStrategy(11, 2000, 3), body);
        System.out.printf("three-event interrupt ordering, 2000 runs: PCT d=3 hit %d%n", hits);
        assertThat(hits).isGreaterThan(0);
    }

    @Test
    void theSameSeedGivesTheSameSchedules() {
        List<String> first = decisions(new PctStrategy(99, 50, 3));
        assertThat(decisions(new PctStrategy(99, 50, 3))).isEqualTo(first);
        assertThat(decisions(new PctStrategy(100, 50, 3))).isNotEqualTo(first);
    }

    private static List<String> decisions(Strategy strategy) {
        List<String> logs = new ArrayList<>();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("pct")) {
            ChoiceLog log = new ChoiceLog();
            while (strategy.nextSchedule()) {
                new Execution(new Execution.Settings(2, 10_000, 5_000, false), strategy, backend, log)
                        .run(oneWindowBug());
                strategy.scheduleEnded();
                logs.add(java.util.Arrays.toString(log.toArray()));
            }
        }
        return logs;
    }

    @Test
    void describesItselfAndRejectsDepthZero() {
        assertThat(new PctStrategy(42, 1, 3).describe()).isEqualTo("PCT (d=3, seed 0x2a)");
        assertThat(new PctStrategy(42, 1, 3).name()).isEqualTo("pct");
        assertThatThrownBy(() -> new PctStrategy(1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PCT depth must be at least 1, got 0");
    }
}
