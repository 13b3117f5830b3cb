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
 * Candidates are followed with {@link GuidedStrategy}. The result is 1-minimal in
 * preemptions under that operation: removing any single one of its preemptions loses the violation or does not lower
 * the count. Steps are then cut by following only a prefix
 * of the decisions and letting every thread continue after it.
 *
 * <p>The work is bounded by a number of candidate runs, not by time, so the same failure always minimizes to the
 * same schedule.
 */
final class Minimizer {
    static final int MAX_RUNS = 400;

    /** A schedule as taken, with how it ended. */
    record Candidate(List<GuidedStrategy.Taken> decisions, ChoiceLog log, Outcome outcome) {}

    private final Fixture fixture;
    private final Backend backend;
    private final Execution.Settings settings;
    private final String strategyName;
    private final long seed;
    private int runs;

    Minimizer(Fixture fixture, Backend backend, Execution.Settings settings, String strategyName, long seed) {
        this.fixture = fixture;
        this.backend = backend;
        this.settings = settings;
        this.strategyName = strategyName;
        this.seed = seed;
    }

    /** @return the smallest schedule found that still ends with {@code kind}, never {@code null} */
    Candidate minimize(ChoiceLog failing, Violation kind) throws Throwable {
        GuidedStrategy recorder = new GuidedStrategy(List.of(), strategyName, seed);
        Candidate best = run(new Recording(new ReplayStrategy(failing, strategyName, seed), recorder), recorder);
        if (best.outcome().violation() != kind) {
            return new Candidate(best.decisions(), failing, best.outcome());
        }
        boolean improved = true;
        while (improved && runs < MAX_RUNS) {
            improved = false;
            List<GuidedStrategy.Taken> decisions = best.decisions();
            for (int i = 0; i < decisions.size() && runs < MAX_RUNS; i++) {
                if (!decisions.get(i).preemption()) {
                    continue;
                }
                for (List<Object> guide : List.of(withoutPreemption(decisions, i), swappedBlocks(decisions, i))) {
                    Candidate c = guided(guide);
                    if (c.outcome().violation() == kind
                            && c.outcome().preemptions() < best.outcome().preemptions()) {
                        best = c;
                        improved = true;
                        break;
                    }
                }
                if (improved) {
                    break;
                }
            }
        }
        for (int keep = best.decisions().size() / 2; keep >= 0 && runs < MAX_RUNS; keep /= 2) {
            Candidate c = guided(wanted(best.decisions()).subList(0, keep));
            if (c.outcome().violation() == kind && c.outcome().preemptions() <= best.outcome().preemptions()
                    && c.outcome().steps() < best.outcome().steps()) {
                best = c;
            }
            if (keep == 0) {
                break;
            }
        }
        return best;
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
