package dev.smpcheck.run;

import dev.smpcheck.strategy.Shard;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * What a search did and found.
 *
 * @param testId the test searched
 * @param strategy the strategy's description
 * @param shard the part of the search that ran, {@link Shard#NONE} for all of it
 * @param schedules how many schedules ran
 * @param exhausted whether the strategy proved it covered its whole bounded space
 * @param replay whether this was a replay of one recorded schedule
 * @param elapsedNanos wall time of the search
 * @param finding the violation found, or {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SearchResult(String testId, String strategy, Shard shard, int schedules, boolean exhausted,
        boolean replay, long elapsedNanos, Finding finding) {

    /** @return one line: strategy, shard, schedules run, exhausted or not, the verdict and the time */
    public String summary() {
        String verdict = finding == null ? "no violation" : finding.kind() + " in schedule " + finding.schedule();
        String space = replay ? "replayed 1 schedule" : String.format(Locale.ROOT, "%,d schedule%s, %s",
                schedules, schedules == 1 ? "" : "s", exhausted ? "exhausted" : "not exhausted");
        String part = shard.isSplit() ? ", shard " + shard : "";
        return String.format(Locale.ROOT, "smpcheck %s: %s%s, %s, %s, %.2f s", testId, strategy, part, space, verdict,
                elapsedNanos / 1e9);
    }
}
