package dev.smpcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
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
                "minimized from \\d+ steps with ([2-9]|\\d\\d+) preemption\\(s\\)");
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

    @Test
    void aLostUpdateIsReportedWithItsSinglePreemption() throws Throwable {
        Finding f = new Explorer(SearchConfig.defaults("MinimizerTest#lost"), null)
                .explore(Fixture.of(Programs.lostUpdate())).finding();
        assertThat(f.outcome().preemptions()).isEqualTo(1);
    }
}
