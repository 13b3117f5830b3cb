package dev.smpcheck.run;

import dev.smpcheck.schedule.Backend;
import dev.smpcheck.schedule.Execution;
import dev.smpcheck.schedule.Outcome;
import dev.smpcheck.schedule.PlatformThreadBackend;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.check.Violation;
import dev.smpcheck.strategy.BoundedDfsStrategy;
import dev.smpcheck.strategy.DporStrategy;
import dev.smpcheck.strategy.PctStrategy;
import dev.smpcheck.strategy.PortfolioStrategy;
import dev.smpcheck.strategy.RandomWalkStrategy;
import dev.smpcheck.strategy.ReplayDivergedException;
import dev.smpcheck.strategy.ReplayStrategy;
import dev.smpcheck.strategy.Shard;
import dev.smpcheck.strategy.Strategy;
import dev.smpcheck.trace.ChoiceLog;
import dev.smpcheck.trace.ReplayToken;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Runs a search: schedule after schedule under the configured strategy, each on fresh state from the {@link Fixture},
 * until the strategy is done or a violation is found. A violation's schedule is then replayed once with full tracing
 * to produce the report.
 *
 * <p>The search keeps only a {@link ChoiceLog} per schedule, so its cost per schedule is the hand-offs and nothing
 * else. All threads it started are ended when it returns, except threads stuck in user code, which are abandoned.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Explorer {
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final SearchConfig config;
    private final PrintStream progress;

    /**
     * @param config what to search, never {@code null}
     * @param progress where a progress line goes every 10 s of a long search, or {@code null} for none
     */
    public Explorer(SearchConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    /**
     * @param fixture makes fresh state per schedule, never {@code null}
     * @return what the search did and found
     * @throws ConfigurationException for a bad replay token, before any schedule runs
     * @throws ReplayDivergedException when a replayed schedule no longer matches its recording
     * @throws Throwable what the fixture's set-up or tear-down threw
     */
    public SearchResult explore(Fixture fixture) throws Throwable {
        ReplayToken token = config.replayToken();
        Strategy strategy = token != null
                ? new ReplayStrategy(token.log(), token.strategy(), token.seed())
                : create(config);
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY_NANOS;
        int index = token != null ? token.scheduleIndex() : 0;
        int ran = 0;
        Finding finding = null;
        try (PlatformThreadBackend backend = new PlatformThreadBackend(config.testId())) {
            ChoiceLog log = new ChoiceLog();
            while (strategy.nextSchedule()) {
                Outcome outcome = runOne(fixture, strategy, backend, log, false);
                strategy.scheduleEnded();
                if (outcome.divergence() != null) {
                    throw new ReplayDivergedException(outcome.divergence());
                }
                if (!strategy.ownsSchedule()) {
                    continue; // another shard's schedule, run only to find where the search tree splits
                }
                ran++;
                if (strategy instanceof ReplayStrategy replay) {
                    checkComplete(replay, log);
                }
                if (outcome.failed()) {
                    finding = explain(fixture, strategy, backend, index, outcome, log);
                    break;
                }
                index++;
                long now = System.nanoTime();
                if (progress != null && now >= nextProgress) {
                    progress.printf(Locale.ROOT, "smpcheck %s: %,d schedules so far, %.0f s, still searching%n",
                            config.testId(), ran, (now - start) / 1e9);
                    nextProgress = now + PROGRESS_EVERY_NANOS;
                }
            }
        }
        return new SearchResult(config.testId(), strategy.describe(), token != null ? Shard.NONE : config.shard(),
                ran, strategy.exhausted(), token != null, System.nanoTime() - start, finding);
    }

    private Outcome runOne(Fixture fixture, Strategy strategy, Backend backend, ChoiceLog log, boolean fullTrace)
            throws Throwable {
        return execute(fixture, new Execution(settings(fullTrace), strategy, backend, log));
    }

    /** Runs one schedule on fresh state from the fixture, tearing it down whatever the outcome. */
    static Outcome execute(Fixture fixture, Execution execution) throws Throwable {
        ScheduleBody body = fixture.setUp();
        try {
            return execution.run(body);
        } finally {
            fixture.tearDown();
        }
    }

    private Finding explain(Fixture fixture, Strategy strategy, Backend backend, int index, Outcome outcome,
            ChoiceLog log) throws Throwable {
        ChoiceLog recorded = ChoiceLog.of(log.toArray(), log.shapeHash());
        Violation kind = outcome.violation();
        if (kind == Violation.TIMEOUT) {
            // Replaying would strand one more runaway thread for another watchdog period; the stack says enough.
            String token = token(strategy, index, recorded);
            return new Finding(kind, index, strategy.describeSchedule(), token, outcome, null, true, "");
        }
        ChoiceLog reported = recorded;
        Outcome shown = outcome;
        String minimized = "";
        // A replayed token is reported as given; a livelock's schedules are too long to replay hundreds of times;
        // an uncontrolled thread is not caused by the interleaving, and every re-run would start another one.
        if (!(strategy instanceof ReplayStrategy) && kind != Violation.LIVELOCK
                && kind != Violation.UNCONTROLLED_THREAD) {
            Minimizer minimizer = new Minimizer(fixture, backend, settings(false), strategy.name(),
                    strategy.scheduleSeed());
            Minimizer.Candidate best = minimizer.minimize(recorded, kind);
            List<String> notes = new ArrayList<>();
            if (best.outcome().violation() == kind && (best.outcome().preemptions() < outcome.preemptions()
                    || best.outcome().steps() < outcome.steps())) {
                reported = best.log();
                shown = best.outcome();
                notes.add("minimized from " + outcome.steps() + " steps with " + outcome.preemptions()
                        + " preemption(s)");
            }
            if (shown.preemptions() > 0) {
                notes.add(minimizer.oneMinimal() ? "1-minimal in preemptions" : "not proven 1-minimal in preemptions: "
                        + "the minimizer's " + Minimizer.MAX_RUNS + " replays ran out");
            }
            minimized = String.join("; ", notes);
        }
        ReplayStrategy replay = new ReplayStrategy(reported, strategy.name(), strategy.scheduleSeed());
        replay.nextSchedule();
        Execution traced = new Execution(settings(true), replay, backend, new ChoiceLog());
        Outcome again = execute(fixture, traced);
        boolean reproduced = again.violation() == kind && again.divergence() == null;
        return new Finding(kind, index, strategy.describeSchedule(), token(strategy, index, reported), shown,
                traced.trace(), reproduced, minimized);
    }

    private String token(Strategy strategy, int index, ChoiceLog log) {
        return new ReplayToken(config.identity(), strategy.name(), strategy.scheduleSeed(), index, log).encode();
    }

    private static void checkComplete(ReplayStrategy replay, ChoiceLog log) {
        if (replay.remaining() != 0) {
            throw new ReplayDivergedException("the program finished after " + (replay.log().size()
                    - replay.remaining()) + " of the " + replay.log().size() + " recorded decisions");
        }
        if (log.shapeHash() != replay.log().shapeHash()) {
            throw new ReplayDivergedException("the program met decisions with other options than recorded "
                    + "(shape hash " + Integer.toHexString(log.shapeHash()) + ", recorded "
                    + Integer.toHexString(replay.log().shapeHash()) + ")");
        }
    }

    private Execution.Settings settings(boolean fullTrace) {
        return new Execution.Settings(config.cpus(), config.maxSteps(), config.watchdogMillis(), fullTrace);
    }

    /**
     * @param config a validated configuration
     * @return a fresh strategy for it
     */
    static Strategy create(SearchConfig config) {
        boolean unbounded = config.preemptions() == Defaults.UNBOUNDED;
        long seed = config.baseSeed();
        int schedules = config.schedules();
        Shard shard = config.shard();
        return switch (config.strategy()) {
            case "random" -> new RandomWalkStrategy(seed, schedules,
                    unbounded ? Integer.MAX_VALUE : config.preemptions(), shard);
            case "default" -> new PortfolioStrategy(seed, schedules, config.preemptions(), shard);
            case "pct" -> new PctStrategy(seed, schedules, config.preemptions() + 1, shard);
            // Without a bound the search is reduced; with one it is not, as reduction would break the count's claim.
            case "dfs" -> unbounded ? new DporStrategy(schedules, shard)
                    : new BoundedDfsStrategy(schedules, config.preemptions(), shard);
            default -> throw new ConfigurationException("strategy", "\"" + config.strategy() + "\"", "is unknown");
        };
    }
}
