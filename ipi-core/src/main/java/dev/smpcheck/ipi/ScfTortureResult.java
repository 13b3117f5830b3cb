package dev.smpcheck.ipi;

import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.FreeRun;
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
    private final FreeRun.Result free;

    ScfTortureResult(String parameters, ScfStats stats, int schedules, SearchResult search) {
        this.parameters = parameters;
        this.stats = stats;
        this.schedules = schedules;
        this.search = search;
        this.free = null;
    }

    ScfTortureResult(String parameters, ScfStats stats, FreeRun.Result free) {
        this.parameters = parameters;
        this.stats = stats;
        this.schedules = 0;
        this.search = null;
        this.free = free;
    }

    /** @return the counters over every schedule run (up to and including the first failing one) */
    public ScfStats stats() {
        return stats;
    }

    /** @return how many schedules ran */
    public int schedules() {
        return schedules;
    }

    /** @return the (last) search, with its finding if a schedule failed; {@code null} for a free run */
    public SearchResult search() {
        return search;
    }

    /** @return the free run's outcome; {@code null} for a search */
    public FreeRun.Result freeRun() {
        return free;
    }

    /** @return whether nothing failed: no error counter and no violation of the model's oracles */
    public boolean success() {
        boolean clean = search != null ? search.finding() == null : free.completed();
        return clean && stats.errors() == 0;
    }

    /**
     * @return the final statistics line, then {@code scftorture: --- End of test: SUCCESS: <parameters>} or
     *     {@code FAILURE}, then, on failure, the violation's first report line (kind, schedule and replay token)
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(stats.line(true));
        lines.add("scftorture: --- End of test: " + (success() ? "SUCCESS" : "FAILURE") + ": " + parameters
                + (search != null ? " schedules=" + schedules
                        : " free_run_ms=" + free.elapsed().toMillis() + " interrupts=" + free.interrupts()));
        if (search != null && search.finding() != null) {
            lines.add(search.finding().headline());
        }
        if (free != null && !free.completed()) {
            String first = free.message().lines().findFirst().orElse("");
            lines.add(first.startsWith(free.kind().name()) ? first : free.kind() + ": " + first);
        }
        return lines;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
