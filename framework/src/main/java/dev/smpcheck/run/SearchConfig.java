package dev.smpcheck.run;

import dev.smpcheck.strategy.Shard;
import dev.smpcheck.strategy.SplitMix64;
import dev.smpcheck.trace.ReplayToken;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What to search and how much: an immutable, validated value. The constructor rejects bad values with a
 * {@link ConfigurationException} naming the setting and its allowed range, so no schedule ever runs misconfigured.
 *
 * @param testId identifies the test, such as {@code com.acme.QueueTest#offerPoll}; part of the replay identity
 * @param cpus simulated CPUs, 1 to {@link Defaults#MAX_CPUS}
 * @param schedules schedules to run, at least 1
 * @param preemptions preemption bound per schedule, at least 0, or {@link Defaults#UNBOUNDED} (-1) for none, which
 *     only {@link #UNBOUNDED_STRATEGIES} accept
 * @param strategy one of {@link #STRATEGIES}
 * @param seed the base seed, or {@link Defaults#SEED_FROM_TEST_ID}
 * @param replay a replay token, or {@code null} to search
 * @param maxSteps schedule points before a livelock is declared, at least 1
 * @param watchdogMillis wall time without a schedule point before a thread is abandoned, at least 1
 * @param shard which part of the search to run, never {@code null}; {@link Shard#NONE} for all of it. Seeded
 *     strategies run the schedules {@code i < schedules} with {@code i mod n == shard index}; {@code dfs} searches
 *     its subtrees with at most {@code schedules} schedules
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SearchConfig(String testId, int cpus, int schedules, int preemptions, String strategy, long seed,
        String replay, long maxSteps, long watchdogMillis, Shard shard) {

    /**
     * The strategy names this version knows. {@code default} is a portfolio that takes turns among PCT at depths
     * {@code 1 .. preemptions + 1} and a random walk ({@link dev.smpcheck.strategy.PortfolioStrategy}).
     */
    public static final List<String> STRATEGIES = List.of("default", "pct", "random", "dfs");

    /** The strategies that accept {@code preemptions = -1} ({@link Defaults#UNBOUNDED}). */
    public static final List<String> UNBOUNDED_STRATEGIES = List.of("random", "dfs");

    /** Validates every setting. */
    public SearchConfig {
        Objects.requireNonNull(testId, "testId");
        if (cpus < 1 || cpus > Defaults.MAX_CPUS) {
            throw new ConfigurationException("cpus", String.valueOf(cpus),
                    "is out of range: cpus must be between 1 and " + Defaults.MAX_CPUS);
        }
        if (schedules < 1) {
            throw new ConfigurationException("schedules", String.valueOf(schedules),
                    "is out of range: schedules must be at least 1");
        }
        if (preemptions < Defaults.UNBOUNDED) {
            throw new ConfigurationException("preemptions", String.valueOf(preemptions),
                    "is out of range: preemptions must be at least 0, or -1 for no bound");
        }
        if (strategy == null || !STRATEGIES.contains(strategy)) {
            throw new ConfigurationException("strategy", "\"" + strategy + "\"",
                    "is unknown: strategy must be one of " + String.join(", ", STRATEGIES));
        }
        if (preemptions == Defaults.UNBOUNDED && !UNBOUNDED_STRATEGIES.contains(strategy)) {
            throw new ConfigurationException("preemptions", String.valueOf(preemptions), "(no bound) does not work "
                    + "with strategy \"" + strategy + "\", which searches PCT depths up to preemptions + 1: "
                    + "no bound needs strategy \"dfs\" or \"random\"");
        }
        if (maxSteps < 1) {
            throw new ConfigurationException("maxSteps", String.valueOf(maxSteps),
                    "is out of range: maxSteps must be at least 1");
        }
        if (watchdogMillis < 1) {
            throw new ConfigurationException("watchdogMillis", String.valueOf(watchdogMillis),
                    "is out of range: watchdogMillis must be at least 1");
        }
        if (replay != null && replay.isBlank()) {
            replay = null;
        }
        Objects.requireNonNull(shard, "shard");
    }

    /** A configuration of the whole search, not sharded. */
    public SearchConfig(String testId, int cpus, int schedules, int preemptions, String strategy, long seed,
            String replay, long maxSteps, long watchdogMillis) {
        this(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps, watchdogMillis, Shard.NONE);
    }

    /** @return a configuration with every default and the given test id */
    public static SearchConfig defaults(String testId) {
        return new SearchConfig(testId, Defaults.CPUS, Defaults.SCHEDULES, Defaults.PREEMPTIONS, Defaults.STRATEGY,
                Defaults.SEED_FROM_TEST_ID, null, Defaults.MAX_STEPS, Defaults.WATCHDOG_MILLIS);
    }

    /** @return a copy with {@code cpus} changed */
    public SearchConfig withCpus(int cpus) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /** @return a copy with {@code schedules} changed */
    public SearchConfig withSchedules(int schedules) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /** @return a copy with {@code preemptions} changed */
    public SearchConfig withPreemptions(int preemptions) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /** @return a copy with {@code strategy} changed */
    public SearchConfig withStrategy(String strategy) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /** @return a copy with {@code seed} changed */
    public SearchConfig withSeed(long seed) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /** @return a copy that replays {@code token} instead of searching */
    public SearchConfig withReplay(String token) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, token, maxSteps,
                watchdogMillis, shard);
    }

    /** @return a copy with {@code maxSteps} changed */
    public SearchConfig withMaxSteps(long maxSteps) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /** @return a copy that runs only {@code shard} of the search */
    public SearchConfig withShard(Shard shard) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /**
     * @param shard {@code i/n}, such as {@code 2/4}: shard {@code i} of {@code n}, numbered from 0
     * @return a copy that runs only that shard of the search
     * @throws ConfigurationException when {@code shard} is not of that form or {@code i} is not in {@code [0, n)}
     */
    public SearchConfig withShard(String shard) {
        Shard parsed;
        try {
            parsed = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("shard", "\"" + shard + "\"", e.getMessage());
        }
        return withShard(parsed);
    }

    /** @return a copy with {@code watchdogMillis} changed */
    public SearchConfig withWatchdogMillis(long watchdogMillis) {
        return new SearchConfig(testId, cpus, schedules, preemptions, strategy, seed, replay, maxSteps,
                watchdogMillis, shard);
    }

    /** @return the seed of schedule 0: the given one, or one derived from the test id */
    public long baseSeed() {
        return seed == Defaults.SEED_FROM_TEST_ID ? SplitMix64.mix(testId.hashCode()) : seed;
    }

    /**
     * @return the identity a replay token must carry: the test id and the settings that shape a schedule (the CPU
     *     count and the step bound); budget, bound and strategy do not change what a recorded schedule does
     */
    public int identity() {
        return (testId + "|cpus=" + cpus + "|maxSteps=" + maxSteps).hashCode();
    }

    /**
     * @return the decoded replay token, or {@code null} when not replaying
     * @throws ConfigurationException when the token is malformed or was recorded for another test or configuration
     */
    public ReplayToken replayToken() {
        if (replay == null) {
            return null;
        }
        ReplayToken token;
        try {
            token = ReplayToken.decode(replay);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("replay", "\"" + abbreviate(replay) + "\"",
                    "is not valid: " + e.getMessage());
        }
        if (!appliesTo(token)) {
            throw new ConfigurationException("replay", "\"" + abbreviate(replay) + "\"", "was recorded for another "
                    + "test or configuration: a token replays only in the test that printed it, with the same cpus "
                    + "and maxSteps (this is " + testId + " with cpus = " + cpus + ", maxSteps = " + maxSteps + ")");
        }
        return token;
    }

    /** @return whether {@code token} was recorded by this test with this configuration */
    public boolean appliesTo(ReplayToken token) {
        return token.identity() == identity();
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
