package dev.smpcheck.run;

import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What a search did and found.
 *
 * @param testId the test searched
 * @param strategy the strategy's description
 * @param schedules how many schedules ran
 * @param exhausted whether the strategy proved it covered its whole bounded space
 * @param replay whether this was a replay of one recorded schedule
 * @param elapsedNanos wall time of the search
 * @param finding the violation found, or {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SearchResult(String testId, String strategy, int schedules, boolean exhausted, boolean replay,
        long elapsedNanos, Finding finding) {

    /** @return one line: strategy, schedules run, exhausted or not, the verdict and the time */
    public String summary() {
        String verdict = finding == null ? "no violation" : finding.kind() + " in schedule " + finding.schedule();
        String space = replay ? "replayed 1 schedule" : String.format(Locale.ROOT, "%,d schedule%s, %s",
                schedules, schedules == 1 ? "" : "s", exhausted ? "exhausted" : "not exhausted");
        return String.format(Locale.ROOT, "smpcheck %s: %s, %s, %s, %.2f s", testId, strategy, space, verdict,
                elapsedNanos / 1e9);
    }
}
