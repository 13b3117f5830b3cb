package dev.smpcheck.strategy;

import static dev.smpcheck.strategy.BoundedDfsStrategyTest.format;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.schedule.Execution;
import dev.smpcheck.schedule.PlatformThreadBackend;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.trace.ChoiceLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Shards are disjoint and together make up the whole search. */
class ShardTest {
    static final int UNBOUNDED = -1;

    @Test
    void parsesIOfNAndRejectsAnythingElse() {
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4));
        assertThat(Shard.parse("0/1")).isEqualTo(Shard.NONE);
        assertThat(new Shard(2, 4).isSplit()).isTrue();
        assertThat(Shard.NONE.isSplit()).isFalse();
        assertThat(new Shard(2, 4)).hasToString("2/4");
        for (String bad : List.of("3/2", "4/4", "-1/4", "0/0")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("is out of range: allowed: i/n with 0 <= i < n, such as 0/4, 1/4, 2/4 and 3/4");
        }
        for (String bad : List.of("2", "2/4/8", "two/four", "")) {
            assertThatThrownBy(() -> Shard.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("is not a shard: allowed: i/n");
        }
    }

    @Test
    void dealsOptionsRoundRobinAndSplitsGroupsFurtherDown() {
        int[] four = {0, 1, 2, 3};
        assertThat(DecisionStack.dealt(four, 0, 2)).containsExactly(0, 2);
        assertThat(DecisionStack.dealt(four, 1, 2)).containsExactly(1, 3);
        assertThat(DecisionStack.dealt(four, 2, 3)).containsExactly(2);
        assertThat(DecisionStack.dealt(four, 0, 3)).containsExactly(0, 3);
        assertThat(DecisionStack.dealt(four, 5, 6)).containsExactly(1);
        assertThat(DecisionStack.dealt(new int[] {1, 3}, 1, 2)).containsExactly(3);
    }

    /** Each schedule a shard owns: its decisions, and its final state when it has one. */
    record Part(List<String> schedules, Set<String> states, boolean exhausted) {}

    static Part run(Strategy strategy, int cpus, DporStrategyTest.Program program) {
        List<String> schedules = new ArrayList<>();
        Set<String> states = new TreeSet<>();
        List<String> reported = new ArrayList<>();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("shard")) {
            ChoiceLog log = new ChoiceLog();
            while (strategy.nextSchedule()) {
                reported.clear();
                new Execution(new Execution.Settings(cpus, 10_000, 5_000, false), strategy, backend, log)
                        .run(program.body(reported));
                strategy.scheduleEnded();
                if (strategy.ownsSchedule()) {
                    schedules.add(format(log));
                    states.addAll(reported);
                }
            }
        }
        return new Part(schedules, states, strategy.exhausted());
    }

    static DporStrategyTest.Program plain(ScheduleBody body) {
        return states -> body;
    }

    /** Runs the whole search and every shard of it for 1 to 7 shards, and checks that they add up. */
    static void assertShardsAddUp(String name, int cpus, DporStrategyTest.Program program,
            Function<Shard, Strategy> strategy, boolean exactCount) {
        Part whole = run(strategy.apply(Shard.NONE), cpus, program);
        assertThat(whole.exhausted()).isTrue();
        for (int n = 2; n <= 7; n++) {
            List<String> all = new ArrayList<>();
            Set<String> states = new TreeSet<>();
            for (int i = 0; i < n; i++) {
                Part part = run(strategy.apply(new Shard(i, n)), cpus, program);
                assertThat(part.exhausted()).as("%s, shard %d/%d exhausted", name, i, n).isTrue();
                all.addAll(part.schedules());
                states.addAll(part.states());
            }
            assertThat(all).as("%s, %d shards: no schedule twice", name, n).doesNotHaveDuplicates();
            assertThat(states).as("%s, %d shards: final states", name, n).isEqualTo(whole.states());
            if (exactCount) {
                assertThat(all).as("%s, %d shards: the whole search", name, n)
                        .hasSameSizeAs(whole.schedules()).containsExactlyInAnyOrderElementsOf(whole.schedules());
            } else {
                assertThat(all.size()).as("%s, %d shards", name, n).isGreaterThanOrEqualTo(whole.schedules().size());
            }
        }
    }

    @Test
    void boundedDfsShardsAddUpToTheWholeSearch() {
        assertShardsAddUp("points(3,3) bound 2", 2, plain(BoundedDfsStrategyTest.points(3, 3)),
                s -> new BoundedDfsStrategy(10_000, 2, s), true);
        assertShardsAddUp("points(2,2) unbounded", 2, plain(BoundedDfsStrategyTest.points(2, 2)),
                s -> new BoundedDfsStrategy(10_000, UNBOUNDED, s), true);
        assertShardsAddUp("locked increments bound 1", 2, plain(BoundedDfsStrategyTest.increments(true)),
                s -> new BoundedDfsStrategy(10_000, 1, s), true);
        // Few decisions: most shards own nothing, and some run a schedule of another shard to learn that.
        assertShardsAddUp("one data choice", 1, plain(smp -> smp.onCpu(0, c -> smp.chooseBoolean("x"))),
                s -> new BoundedDfsStrategy(10_000, 0, s), true);
        for (CorpusProgram p : List.of(Corpus.PROGRAMS.get(0), Corpus.PROGRAMS.get(7))) {
            assertShardsAddUp(p.name(), p.cpus(), p.program(), s -> new BoundedDfsStrategy(10_000, 2, s), true);
        }
    }

    /**
     * Where shards search together, the reduced search tries every option that does not sleep rather than only
     * those its races asked for, so the shards may run more schedules than one reduced search; never one twice.
     */
    @Test
    void reducedDfsShardsAreDisjointAndSeeTheSameFinalStates() {
        for (CorpusProgram p : Corpus.PROGRAMS.subList(0, 4)) {
            assertShardsAddUp(p.name(), p.cpus(), p.program(), s -> new DporStrategy(10_000, s), false);
        }
    }

    /** Each schedule's strategy name and seed. */
    static List<String> seeds(Strategy strategy) {
        List<String> seeds = new ArrayList<>();
        while (strategy.nextSchedule()) {
            strategy.pick(FakeChoicePoint.of(2));
            strategy.scheduleEnded();
            seeds.add(strategy.name() + "@" + strategy.scheduleSeed());
        }
        return seeds;
    }

    @Test
    void seededStrategiesGiveEachShardItsOwnSchedules() {
        List<Function<Shard, Strategy>> strategies = List.of(
                s -> new RandomWalkStrategy(42, 100, 2, s),
                s -> new PctStrategy(42, 100, 3, s),
                s -> new PortfolioStrategy(42, 100, 2, s));
        for (Function<Shard, Strategy> strategy : strategies) {
            List<String> whole = seeds(strategy.apply(Shard.NONE));
            assertThat(new HashSet<>(whole)).hasSize(100);
            for (int n : new int[] {2, 3, 4, 7}) {
                List<String> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    List<String> part = seeds(strategy.apply(new Shard(i, n)));
                    assertThat(part).hasSize((100 - i + n - 1) / n);
                    all.addAll(part);
                }
                assertThat(all).as("%d shards", n).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(whole);
            }
        }
    }
}
