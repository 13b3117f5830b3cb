package dev.smpcheck.ipi;

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
        SearchConfig d = SearchConfig.defaults("ipi-core/" + testId);
        SearchConfig config = new SearchConfig(d.testId(), cpus, schedules, PREEMPTIONS, STRATEGY, d.seed(), null,
                d.maxSteps(), d.watchdogMillis());
        return new Explorer(config, null).explore(Fixture.of(body));
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
