package dev.smpcheck.strategy;

import dev.smpcheck.trace.ChoiceLog;
import org.apiguardian.api.API;

/**
 * Replays one recorded schedule, decision by decision, and refuses to guess when the program no longer matches it.
 *
 * <p>A replay <em>diverges</em> when it meets a decision of another kind than recorded, an option index the point does
 * not have, or more decisions than recorded. Each is reported through {@link ReplayDivergedException} with the decision
 * number; the engine also compares the shape hash when the schedule ends. A divergence means the code, the JDK or some
 * nondeterminism outside the engine's control changed; it is never silently ignored.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ReplayStrategy implements Strategy {
    private final ChoiceLog log;
    private final String originalName;
    private final long seed;
    private int cursor;
    private boolean started;

    /**
     * @param log the recorded decisions, never {@code null}
     * @param originalName the name of the strategy that recorded them
     * @param seed the schedule seed that strategy used
     */
    public ReplayStrategy(ChoiceLog log, String originalName, long seed) {
        this.log = log;
        this.originalName = originalName;
        this.seed = seed;
    }

    @Override
    public boolean nextSchedule() {
        if (started) {
            return false;
        }
        started = true;
        cursor = 0;
        return true;
    }

    @Override
    public int pick(ChoicePoint point) {
        return next(false, point.size());
    }

    @Override
    public int pickData(int bound) {
        return next(true, bound);
    }

    private int next(boolean data, int options) {
        String what = data ? "data choice among " + options + " values" : "schedule point with " + options + " options";
        if (cursor >= log.size()) {
            throw new ReplayDivergedException("the recording has " + log.size() + " decisions but the program reached a "
                    + what + " after them");
        }
        int i = cursor++;
        if (log.isData(i) != data) {
            throw new ReplayDivergedException("decision " + i + " was recorded as a "
                    + (log.isData(i) ? "data choice" : "schedule point") + " but the program reached a " + what);
        }
        int value = log.value(i);
        if (value >= options) {
            throw new ReplayDivergedException("decision " + i + " was recorded as option " + value
                    + " but the program reached a " + what);
        }
        return value;
    }

    /** @return how many recorded decisions were not consumed */
    public int remaining() {
        return log.size() - cursor;
    }

    /** @return the recorded log */
    public ChoiceLog log() {
        return log;
    }

    @Override
    public long scheduleSeed() {
        return seed;
    }

    @Override
    public String name() {
        return originalName;
    }

    @Override
    public String describe() {
        return "replay of a " + originalName + " schedule (seed 0x" + Long.toHexString(seed) + ")";
    }
}
