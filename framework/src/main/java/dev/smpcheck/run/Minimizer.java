package dev.smpcheck.run;

import dev.smpcheck.check.Violation;
import dev.smpcheck.schedule.Backend;
import dev.smpcheck.schedule.Execution;
import dev.smpcheck.schedule.Outcome;
import dev.smpcheck.strategy.Choice;
import dev.smpcheck.strategy.GuidedStrategy;
import dev.smpcheck.strategy.ReplayStrategy;
import dev.smpcheck.strategy.Strategy;
import dev.smpcheck.trace.ChoiceLog;
import java.util.ArrayList;
import java.util.List;

/**
 * Shrinks a failing schedule before it is reported: first fewer preemptions, then fewer steps, by replaying
 * candidates and keeping those that still fail with the same kind of violation.
 *
 * <h2>What "minimal" means</h2>
 * A schedule is a list of decisions, grouped into blocks: the decisions after which the same thread runs. At a
 * preemption, decision {@code i} switches away from thread {@code O} although {@code O} could continue. Removing that
 * preemption moves {@code O}'s next block to just before decision {@code i}, so {@code O} goes on where it was cut off
 * and every thread still makes its own decisions in its own order; only the interleaving changes (a thread that never
 * runs again simply continues). The other candidate moves the preempting block before the cut-short one instead.
 * Candidates are followed with {@link GuidedStrategy}. Steps are cut by following only a prefix of the decisions
 * and letting every thread continue after it.
 *
 * <h2>The guarantee</h2>
 * The two passes repeat until neither improves, and the preemption pass always has the last word: the schedule
 * returned was checked preemption by preemption, so it is <em>1-minimal in preemptions</em> (undoing any single one of
 * its preemptions, either way, loses the violation or does not lower the count) whenever {@link #oneMinimal()} says
 * so. It says so unless the run budget ran out first.
 *
 * <p>The work is bounded by a number of candidate runs, not by time, so the same failure always minimizes to the
 * same schedule.
 */
final class Minimizer {
    /** Replays one minimization may take, so that a failure always minimizes the same way, in bounded time. */
    static final int MAX_RUNS = 400;

    /** A schedule as taken, with how it ended. */
    record Candidate(List<GuidedStrategy.Taken> decisions, ChoiceLog log, Outcome outcome) {}

    private final Fixture fixture;
    private final Backend backend;
    private final Execution.Settings settings;
    private final String strategyName;
    private final long seed;
    private final int maxRuns;
    private int runs;
    private boolean oneMinimal;

    Minimizer(Fixture fixture, Backend backend, Execution.Settings settings, String strategyName, long seed) {
        this(fixture, backend, settings, strategyName, seed, MAX_RUNS);
    }

    Minimizer(Fixture fixture, Backend backend, Execution.Settings settings, String strategyName, long seed,
            int maxRuns) {
        this.maxRuns = maxRuns;
        this.fixture = fixture;
        this.backend = backend;
        this.settings = settings;
        this.strategyName = strategyName;
        this.seed = seed;
    }

    /**
     * Shrinks until neither pass improves: first preemptions, one at a time, then steps; a schedule the step pass
     * changed goes through the preemption pass again, so the result's 1-minimality is checked on the schedule that
     * is reported.
     *
     * @return the smallest schedule found that still ends with {@code kind}, never {@code null}
     */
    Candidate minimize(ChoiceLog failing, Violation kind) throws Throwable {
        GuidedStrategy recorder = new GuidedStrategy(List.of(), strategyName, seed);
        Candidate best = run(new Recording(new ReplayStrategy(failing, strategyName, seed), recorder), recorder);
        if (best.outcome().violation() != kind) {
            return new Candidate(best.decisions(), failing, best.outcome());
        }
        for (;;) {
            Candidate fewer = withOnePreemptionLess(best, kind);
            if (fewer != null) {
                best = fewer;
                continue;
            }
            if (runs >= maxRuns) {
                return best; // the last pass may not have tried every preemption: not proven 1-minimal
            }
            oneMinimal = true;
            Candidate shorter = shorter(best, kind);
            if (shorter == null) {
                return best;
            }
            oneMinimal = false;
            best = shorter;
        }
    }

    /**
     * @return whether the schedule {@link #minimize} returned is 1-minimal in preemptions: for each of its
     *     preemptions, both ways of undoing it were replayed and none still ended with the violation with fewer
     *     preemptions; {@code false} when the run budget ran out first
     */
    boolean oneMinimal() {
        return oneMinimal;
    }

    /** @return a schedule with fewer preemptions that still fails the same way, or {@code null} if none was found */
    private Candidate withOnePreemptionLess(Candidate best, Violation kind) throws Throwable {
        List<GuidedStrategy.Taken> decisions = best.decisions();
        for (int i = 0; i < decisions.size() && runs < maxRuns; i++) {
            if (!decisions.get(i).preemption()) {
                continue;
            }
            for (List<Object> guide : List.of(withoutPreemption(decisions, i), swappedBlocks(decisions, i))) {
                if (runs >= maxRuns) {
                    return null;
                }
                Candidate c = guided(guide);
                if (c.outcome().violation() == kind && c.outcome().preemptions() < best.outcome().preemptions()) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * Follows only a prefix of the decisions (half, a quarter, ... none) and lets every thread continue after it.
     *
     * @return the shortest such schedule that still fails the same way with no more preemptions, or {@code null}
     */
    private Candidate shorter(Candidate best, Violation kind) throws Throwable {
        Candidate found = null;
        for (int keep = best.decisions().size() / 2; runs < maxRuns; keep /= 2) {
            Candidate current = found != null ? found : best;
            Candidate c = guided(wanted(current.decisions()).subList(0, Math.min(keep, current.decisions().size())));
            if (c.outcome().violation() == kind && c.outcome().preemptions() <= current.outcome().preemptions()
                    && c.outcome().steps() < current.outcome().steps()) {
                found = c;
            }
            if (keep == 0) {
                break;
            }
        }
        return found;
    }

    /** The guide with the preemption at decision {@code i} removed by moving the owner's next block before it. */
    static List<Object> withoutPreemption(List<GuidedStrategy.Taken> decisions, int i) {
        List<Object> all = wanted(decisions);
        int owner = decisions.get(i).owner();
        int start = -1;
        for (int j = i + 1; j < all.size() && start < 0; j++) {
            if (all.get(j) instanceof Choice c && c.thread() == owner) {
                start = j;
            }
        }
        if (start < 0) {
            all.set(i, GuidedStrategy.CONTINUE);
            return all;
        }
        int end = start + 1;
        while (end < all.size() && !(all.get(end) instanceof Choice c && c.thread() != owner)) {
            end++;
        }
        List<Object> guide = new ArrayList<>(all.subList(0, i));
        guide.addAll(all.subList(start, end));
        guide.addAll(all.subList(i, start));
        guide.addAll(all.subList(end, all.size()));
        return guide;
    }

    /**
     * The other way to undo the switch at decision {@code i}: move the block that starts there (the preempting
     * thread's) before the owner's block that decision {@code i} cut short.
     */
    static List<Object> swappedBlocks(List<GuidedStrategy.Taken> decisions, int i) {
        List<Object> all = wanted(decisions);
        int owner = decisions.get(i).owner();
        int intruder = ((Choice) all.get(i)).thread();
        int start = i;
        while (start > 0 && !(all.get(start - 1) instanceof Choice c && c.thread() != owner)) {
            start--;
        }
        int end = i + 1;
        while (end < all.size() && !(all.get(end) instanceof Choice c && c.thread() != intruder)) {
            end++;
        }
        List<Object> guide = new ArrayList<>(all.subList(0, start));
        guide.addAll(all.subList(i, end));
        guide.addAll(all.subList(start, i));
        guide.addAll(all.subList(end, all.size()));
        return guide;
    }

    private static List<Object> wanted(List<GuidedStrategy.Taken> decisions) {
        List<Object> guide = new ArrayList<>(decisions.size());
        for (GuidedStrategy.Taken t : decisions) {
            guide.add(t.wanted());
        }
        return guide;
    }

    private Candidate guided(List<Object> guide) throws Throwable {
        GuidedStrategy g = new GuidedStrategy(guide, strategyName, seed);
        return run(g, g);
    }

    private Candidate run(Strategy strategy, GuidedStrategy recorder) throws Throwable {
        runs++;
        strategy.nextSchedule();
        ChoiceLog log = new ChoiceLog();
        Outcome outcome = Explorer.execute(fixture, new Execution(settings, strategy, backend, log));
        return new Candidate(recorder.taken(), ChoiceLog.of(log.toArray(), log.shapeHash()), outcome);
    }

    /** Replays the failing log while recording the entities it chooses, so the guide can be built from them. */
    private static final class Recording implements Strategy {
        private final ReplayStrategy replay;
        private final GuidedStrategy recorder;

        Recording(ReplayStrategy replay, GuidedStrategy recorder) {
            this.replay = replay;
            this.recorder = recorder;
        }

        @Override
        public boolean nextSchedule() {
            return replay.nextSchedule();
        }

        @Override
        public int pick(dev.smpcheck.strategy.ChoicePoint point) {
            int index = replay.pick(point);
            recorder.recordPick(point, index);
            return index;
        }

        @Override
        public int pickData(int bound) {
            int value = replay.pickData(bound);
            recorder.recordData(value);
            return value;
        }

        @Override
        public long scheduleSeed() {
            return replay.scheduleSeed();
        }

        @Override
        public String name() {
            return replay.name();
        }

        @Override
        public String describe() {
            return replay.describe();
        }
    }
}
