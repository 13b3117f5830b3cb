package dev.smpcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.schedule.Execution;
import dev.smpcheck.schedule.PlatformThreadBackend;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.trace.ChoiceLog;
import dev.smpcheck.trace.ReplayToken;
import org.junit.jupiter.api.Test;

class MinimizerTest {

    /**
     * CPU1 fails if it checks while CPU0 is between its two writes. One preemption (CPU0 paused at "mid", CPU1 runs
     * to its check) is necessary and enough; a random walk with a loose bound finds it with several more.
     */
    static ScheduleBody oneNecessaryPreemption() {
        return smp -> {
            int[] a = new int[1];
            smp.onCpu(0, c -> {
                for (int i = 0; i < 6; i++) {
                    Sched.point("p" + i);
                }
                a[0] = 1;
                Sched.point("mid");
                a[0] = 2;
            });
            smp.onCpu(1, c -> {
                for (int i = 0; i < 6; i++) {
                    Sched.point("q" + i);
                }
                if (a[0] == 1) {
                    throw new AssertionError("saw the half-done update");
                }
            });
        };
    }

    @Test
    void aBugBehindOneNecessaryPreemptionIsReportedWithExactlyOne() throws Throwable {
        SearchConfig config = SearchConfig.defaults("MinimizerTest#one").withStrategy("random").withPreemptions(20)
                .withSchedules(5_000);
        Finding f = new Explorer(config, null).explore(Fixture.of(oneNecessaryPreemption())).finding();

        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo(Violation.ASSERTION_FAILED);
        assertThat(f.minimized()).as("the search's schedule had more preemptions").matches(
                "minimized from \\d+ steps with ([2-9]|\\d\\d+) preemption\\(s\\); 1-minimal in preemptions");
        assertThat(f.outcome().preemptions()).isEqualTo(1);
        assertThat(f.reproduced()).isTrue();
        assertThat(f.report()).contains("with 1 preemption(s) (minimized from");
    }

    @Test
    void theMinimizedTokenReplaysToTheSameViolationAndIsReportedAsGiven() throws Throwable {
        SearchConfig config = SearchConfig.defaults("MinimizerTest#replay").withStrategy("random")
                .withPreemptions(20).withSchedules(5_000);
        Finding f = new Explorer(config, null).explore(Fixture.of(oneNecessaryPreemption())).finding();
        Finding again = new Explorer(config.withReplay(f.token()), null)
                .explore(Fixture.of(oneNecessaryPreemption())).finding();

        assertThat(again.kind()).isEqualTo(Violation.ASSERTION_FAILED);
        assertThat(again.token()).isEqualTo(f.token());
        assertThat(again.outcome().preemptions()).isEqualTo(1);
        assertThat(again.minimized()).isEmpty();
    }

    /**
     * Two preemptions are necessary: CPU0 must be switched away while {@code a == 1} (between "a set" and "a cleared")
     * for CPU1 to see it and set {@code b}, and CPU1 must be switched away while {@code b == 1} for CPU0 to see that.
     * Noise points on both sides give a loose random walk room for many more.
     */
    static ScheduleBody twoNecessaryPreemptions() {
        return smp -> {
            int[] ab = new int[2];
            smp.onCpu(0, c -> {
                noise("p", 4);
                ab[0] = 1;
                Sched.point("a set");
                ab[0] = 0;
                Sched.point("a cleared");
                if (ab[1] == 1) {
                    throw new AssertionError("CPU0 saw b set");
                }
                noise("p'", 4);
            });
            smp.onCpu(1, c -> {
                noise("q", 4);
                if (ab[0] == 1) {
                    ab[1] = 1;
                    Sched.point("b set");
                    ab[1] = 0;
                }
                noise("q'", 4);
            });
        };
    }

    private static void noise(String name, int n) {
        for (int i = 0; i < n; i++) {
            Sched.point(name + i);
        }
    }

    @Test
    void theReportedScheduleIsOneMinimalInPreemptions() throws Throwable {
        SearchConfig config = SearchConfig.defaults("MinimizerTest#two").withStrategy("random").withPreemptions(20)
                .withSchedules(20_000);
        Finding f = new Explorer(config, null).explore(Fixture.of(twoNecessaryPreemptions())).finding();

        assertThat(f).isNotNull();
        assertThat(f.outcome().preemptions()).isEqualTo(2);
        assertThat(f.minimized()).matches("minimized from \\d+ steps with \\d+ preemption\\(s\\); "
                + "1-minimal in preemptions");
        // Independent evidence that neither preemption can go: no schedule with at most one fails at all.
        SearchResult one = new Explorer(config.withStrategy("dfs").withPreemptions(1), null)
                .explore(Fixture.of(twoNecessaryPreemptions()));
        assertThat(one.exhausted()).isTrue();
        assertThat(one.finding()).isNull();
        assertThat(new Explorer(config.withStrategy("dfs").withPreemptions(2), null)
                .explore(Fixture.of(twoNecessaryPreemptions())).finding()).isNotNull();
    }

    @Test
    void aMinimizerOutOfReplaysDoesNotClaimOneMinimality() throws Throwable {
        SearchConfig config = SearchConfig.defaults("MinimizerTest#budget").withStrategy("random").withPreemptions(20)
                .withSchedules(20_000);
        Finding f = new Explorer(config, null).explore(Fixture.of(twoNecessaryPreemptions())).finding();
        Fixture fixture = Fixture.of(twoNecessaryPreemptions());
        ChoiceLog failing = ReplayToken.decode(f.token()).log();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("budget")) {
            Execution.Settings settings = new Execution.Settings(2, Defaults.MAX_STEPS, 5_000, false);
            Minimizer starved = new Minimizer(fixture, backend, settings, "random", 0, 1);
            starved.minimize(failing, Violation.ASSERTION_FAILED);
            assertThat(starved.oneMinimal()).isFalse();
            Minimizer ample = new Minimizer(fixture, backend, settings, "random", 0);
            Minimizer.Candidate best = ample.minimize(failing, Violation.ASSERTION_FAILED);
            assertThat(ample.oneMinimal()).isTrue();
            assertThat(best.outcome().preemptions()).isEqualTo(2);
        }
    }

    @Test
    void aLostUpdateIsReportedWithItsSinglePreemption() throws Throwable {
        Finding f = new Explorer(SearchConfig.defaults("MinimizerTest#lost"), null)
                .explore(Fixture.of(Programs.lostUpdate())).finding();
        assertThat(f.outcome().preemptions()).isEqualTo(1);
    }
}
