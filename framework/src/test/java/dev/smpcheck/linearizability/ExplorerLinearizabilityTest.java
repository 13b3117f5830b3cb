package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import org.junit.jupiter.api.Test;

/** The recorder and checker inside schedules: a racy counter fails with NOT_LINEARIZABLE, its atomic twin passes. */
class ExplorerLinearizabilityTest {

    /** A counter whose increment reads, then writes, with a schedule point between: two CPUs can both return 1. */
    static final class RacyCounter {
        int value;

        int inc() {
            int v = value;
            Sched.point("read value", this, v);
            value = v + 1;
            return v + 1;
        }
    }

    /** The same counter with the read and the write in one step. */
    static final class AtomicCounter {
        int value;

        int inc() {
            Sched.point("fetch-add value", this);
            return ++value;
        }
    }

    static ScheduleBody body(boolean racy) {
        return smp -> {
            History history = new History();
            RacyCounter r = new RacyCounter();
            AtomicCounter a = new AtomicCounter();
            for (int cpu = 0; cpu < 2; cpu++) {
                smp.onCpu(cpu, c -> history.call("inc", () -> racy ? r.inc() : a.inc()));
            }
            smp.afterAll(() -> history.check(Specs.COUNTER));
        };
    }

    static SearchResult search(SearchConfig config, ScheduleBody body) throws Throwable {
        return new Explorer(config, null).explore(Fixture.of(body));
    }

    /**
     * The seed is fixed (derived from the test id), so the schedule found, and with it the timeline, is too. The
     * report indents the checker's message by two spaces.
     */
    @Test
    void theRacyCounterIsFoundNotLinearizableWithItsTimeline() throws Throwable {
        SearchResult result = search(SearchConfig.defaults("ExplorerLinearizabilityTest#racy"), body(true));

        Finding f = result.finding();
        assertThat(f).isNotNull();
        assertThat(f.kind()).isEqualTo(Violation.NOT_LINEARIZABLE);
        assertThat(f.reproduced()).isTrue();
        assertThat(f.outcome().actor()).isEqualTo("after all");
        assertThat(f.report())
                .startsWith("NOT_LINEARIZABLE in schedule " + f.schedule())
                .contains("""
                        A 1-minimal non-linearizable sub-history: 2 of 2 operation(s) (drop any one and the rest is \
                        linearizable)
                         time | CPU0  | CPU1
                        ------+-------+-----------
                            0 | inc() |
                            1 | |     | inc()
                            2 | |     | '-> 1 (!)
                            3 | '-> 1 |
                        """.indent(2))
                .contains("has no legal linearization point")
                .contains("the specification gives inc() -> 2");
    }

    @Test
    void theAtomicTwinIsLinearizableInEveryScheduleWithinTheBound() throws Throwable {
        SearchResult result = search(SearchConfig.defaults("ExplorerLinearizabilityTest#atomic").withStrategy("dfs"),
                body(false));

        assertThat(result.finding()).isNull();
        assertThat(result.exhausted()).isTrue();
        assertThat(result.schedules()).isGreaterThan(1);
    }
}
