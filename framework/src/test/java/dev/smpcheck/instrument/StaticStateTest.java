package dev.smpcheck.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Statics;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Static fields that carry state from one schedule to the next: the warning, and resetting them per schedule. */
class StaticStateTest {

    private static SearchResult search(TestInstrumentation instrumentation, PlainPrograms.Program program)
            throws Throwable {
        SearchConfig config = SearchConfig.defaults("statics").withStrategy("dfs").withSchedules(1_000);
        return new Explorer(config, null).explore(instrumentation.wrap(Fixture.of(smp -> program.run())));
    }

    @Test
    void aStaticFieldReadAfterAnEarlierScheduleWroteItIsNamedInAWarning() throws Throwable {
        TestInstrumentation leaky = TestInstrumentation.prepare("leaky", List.of(), true, false);
        search(leaky, Statics::leaky);
        assertThat(leaky.staticFieldWarnings()).containsExactly("dev.smpcheck.plain.Statics.calls");

        TestInstrumentation clean = TestInstrumentation.prepare("resetsFirst", List.of(), true, false);
        SearchResult r = search(clean, Statics::resetsFirst);
        assertThat(r.schedules()).isGreaterThan(1);
        assertThat(clean.staticFieldWarnings()).isEmpty();
    }

    @Test
    void resettingStaticsStartsEveryScheduleFromTheInitialisersValues() throws Throwable {
        SearchResult leaking = search(TestInstrumentation.prepare("leaking", List.of(), true, false),
                Statics::changesInitialised);
        assertThat(leaking.finding()).isNotNull();
        assertThat(leaking.finding().kind()).isEqualTo(Violation.ASSERTION_FAILED);

        TestInstrumentation reset = TestInstrumentation.prepare("reset", List.of(), true, true);
        SearchResult r = search(reset, Statics::changesInitialised);
        assertThat(r.finding()).as(r.summary()).isNull();
        assertThat(r.exhausted()).isTrue();
        assertThat(r.schedules()).isGreaterThan(1);
        assertThat(reset.staticFieldWarnings()).isEmpty();
    }
}
