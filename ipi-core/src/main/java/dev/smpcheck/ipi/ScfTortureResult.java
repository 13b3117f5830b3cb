package dev.smpcheck.ipi;

import dev.smpcheck.run.SearchResult;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What an {@link ScfTorture} run did: its counters, its search, and its verdict, printable as scftorture prints its
 * end of test.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScfTortureResult {
    private final String parameters;
    private final ScfStats stats;
    private final int schedules;
    private final SearchResult search;

    ScfTortureResult(String parameters, ScfStats stats, int schedules, SearchResult search) {
        this.parameters = parameters;
        this.stats = stats;
        this.schedules = schedules;
        this.search = search;
    }

    /** @return the counters over every schedule run (up to and including the first failing one) */
    public ScfStats stats() {
        return stats;
    }

    /** @return how many schedules ran */
    public int schedules() {
        return schedules;
    }

    /** @return the (last) search, with its finding if a schedule failed */
    public SearchResult search() {
        return search;
    }

    /** @return whether no schedule failed: no error counter and no violation of the model's oracles */
    public boolean success() {
        return search.finding() == null && stats.errors() == 0;
    }

    /**
     * @return the final statistics line, then {@code scftorture: --- End of test: SUCCESS: <parameters>} or
     *     {@code FAILURE}, then, on failure, the violation's first report line (kind, schedule and replay token)
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(stats.line(true));
        lines.add("scftorture: --- End of test: " + (success() ? "SUCCESS" : "FAILURE") + ": " + parameters
                + " schedules=" + schedules);
        if (search.finding() != null) {
            lines.add(search.finding().headline());
        }
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
