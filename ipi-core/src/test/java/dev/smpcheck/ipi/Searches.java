package dev.smpcheck.ipi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.trace.Event;
import java.util.List;

/** Runs searches for ipi-core's tests with the engine directly. */
final class Searches {
    private Searches() {}

    /**
     * The engine's default strategy, so these verdicts are the ones an {@code @SmpTest} user gets. Seed 004's race
     * needs a sender demoted early to outrank an IPI demoted later, which PCT reaches because its change points carry
     * labels independent of their order.
     */
    private static final String STRATEGY = "default";
    private static final int PREEMPTIONS = 2;

    /**
     * @param testId the test's id (also its seed)
     * @param cpus simulated CPUs
     * @param schedules the budget
     * @param body the schedule body
     * @return what the search found
     */
    static SearchResult search(String testId, int cpus, int schedules, ScheduleBody body) throws Throwable {
        return run(testId, cpus, schedules, PREEMPTIONS, STRATEGY, body);
    }

    /**
     * Bounded exhaustive search: every schedule with at most {@value #PREEMPTIONS} preemptions, stopping at the first
     * violation. A clean result is a proof within the bound only if {@link SearchResult#exhausted()}; callers assert
     * it, with {@code cap} well above the space they expect.
     *
     * @param cap the most schedules to run, so a space larger than expected fails the test instead of running long
     */
    static SearchResult exhaustive(String testId, int cpus, int cap, ScheduleBody body) throws Throwable {
        return exhaustive(testId, cpus, PREEMPTIONS, cap, body);
    }

    /** As {@link #exhaustive(String, int, int, ScheduleBody)}, with another preemption bound. */
    static SearchResult exhaustive(String testId, int cpus, int preemptions, int cap, ScheduleBody body)
            throws Throwable {
        return run(testId, cpus, cap, preemptions, "dfs", body);
    }

    private static SearchResult run(String testId, int cpus, int schedules, int preemptions, String strategy,
            ScheduleBody body) throws Throwable {
        SearchConfig d = SearchConfig.defaults("ipi-core/" + testId);
        SearchConfig config = new SearchConfig(d.testId(), cpus, schedules, preemptions, strategy, d.seed(), null,
                d.maxSteps(), d.watchdogMillis());
        return new Explorer(config, null).explore(Fixture.of(body));
    }

    /**
     * Asserts that the search found a violation of {@code kind} and that its traced replay ended the same way.
     *
     * @return the finding, for further assertions on its report
     */
    static Finding expectViolation(SearchResult result, Violation kind) {
        Finding f = result.finding();
        assertThat(f).as(describe(result)).isNotNull();
        assertThat(f.kind()).as(f.report()).isEqualTo(kind);
        assertThat(f.reproduced()).as("the replay ends the same way").isTrue();
        return f;
    }

    /** Asserts that the search found nothing. */
    static void expectClean(SearchResult result) {
        assertThat(result.finding()).as(describe(result)).isNull();
    }

    /** Asserts that the search found nothing and covered its whole bounded space. */
    static void expectExhaustedClean(SearchResult result) {
        if (Boolean.getBoolean("smpcheck.ipi.summaries")) {
            System.out.println(result.summary()); // the sizes quoted in the tests' comments
        }
        assertThat(result.finding()).as(describe(result)).isNull();
        assertThat(result.exhausted()).as("covered the whole space within the bound: " + result.summary()).isTrue();
    }

    /** @return the text of every event in the finding's traced replay, in order */
    static List<String> eventTexts(Finding finding) {
        return finding.trace().events().stream().map(Event::text).toList();
    }

    /** @return the finding's full report, or the summary when there is none, for assertion messages */
    static String describe(SearchResult result) {
        return result.finding() == null ? result.summary() : result.finding().report();
    }
}
