package dev.smpcheck.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomWalkStrategyTest {

    /** A scripted run: per schedule, picks over points of sizes 2..9 and data choices, interleaved. */
    private static List<List<Integer>> script(RandomWalkStrategy strategy) {
        List<List<Integer>> schedules = new ArrayList<>();
        while (strategy.nextSchedule()) {
            List<Integer> decisions = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                decisions.add(strategy.pick(FakeChoicePoint.of(2 + i % 8)));
                if (i % 5 == 0) {
                    decisions.add(1000 + strategy.pickData(3));
                }
            }
            schedules.add(decisions);
        }
        return schedules;
    }

    @Test
    void theSameSeedGivesTheSameDecisions() {
        List<List<Integer>> first = script(new RandomWalkStrategy(42, 5, 2));
        List<List<Integer>> second = script(new RandomWalkStrategy(42, 5, 2));

        assertThat(first).hasSize(5).isEqualTo(second);
    }

    @Test
    void anotherSeedGivesOtherDecisions() {
        assertThat(script(new RandomWalkStrategy(43, 5, 2))).isNotEqualTo(script(new RandomWalkStrategy(42, 5, 2)));
    }

    @Test
    void schedulesOfOneSearchDifferFromEachOther() {
        List<List<Integer>> schedules = script(new RandomWalkStrategy(42, 5, 2));

        assertThat(new HashSet<>(schedules)).hasSize(5);
    }

    @Test
    void theFirstDecisionsOfSeed42ArePinned() {
        // Part of the replay contract: the same seed must give the same schedule on every JDK and version.
        RandomWalkStrategy strategy = new RandomWalkStrategy(42, 1, 2);
        strategy.nextSchedule();
        int[] picks = new int[10];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = strategy.pick(FakeChoicePoint.of(4));
        }

        assertThat(strategy.scheduleSeed()).isEqualTo(0xa759ea27d4727622L);
        assertThat(picks).containsExactly(2, 0, 0, 0, 3, 0, 1, 0, 3, 0);
        assertThat(strategy.pickData(1000)).isEqualTo(764);
    }

    @Test
    void picksAndDataDrawFromSplitMix64SeededWithTheScheduleSeed() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(42, 3, 5);
        for (int schedule = 0; schedule < 3; schedule++) {
            assertThat(strategy.nextSchedule()).isTrue();
            long seed = SplitMix64.mix(42 + schedule);
            assertThat(strategy.scheduleSeed()).isEqualTo(seed);
            SplitMix64 reference = new SplitMix64(seed);
            for (int i = 0; i < 100; i++) {
                int size = 2 + i % 7;
                assertThat(strategy.pick(FakeChoicePoint.of(size))).isEqualTo(reference.nextInt(size));
                assertThat(strategy.pickData(size + 1)).isEqualTo(reference.nextInt(size + 1));
            }
        }
    }

    @Test
    void picksStayInRangeAndReachEveryOption() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(1, 1, 3);
        strategy.nextSchedule();
        for (int size : new int[] {2, 3, 5, 17, 64, 65, 200}) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < size * 60; i++) {
                int pick = strategy.pick(FakeChoicePoint.of(size));
                assertThat(pick).isBetween(0, size - 1);
                seen.add(pick);
            }
            assertThat(seen).as("options reached among %d", size).hasSize(size);
        }
    }

    @Test
    void belowThePreemptionBoundPreemptionsArePicked() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(5, 1, 2);
        strategy.nextSchedule();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add(strategy.pick(FakeChoicePoint.flagged(1, true, false, true, false)));
        }

        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2, 3);
    }

    @Test
    void atThePreemptionBoundOnlyNonPreemptionsArePicked() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(5, 1, 2);
        strategy.nextSchedule();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(strategy.pick(FakeChoicePoint.flagged(2, true, false, true, false, true)));
            seen.add(strategy.pick(FakeChoicePoint.flagged(3, true, false, true, false, true)));
        }

        assertThat(seen).containsExactlyInAnyOrder(1, 3);
    }

    @Test
    void aBoundOfZeroNeverPreempts() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(9, 1, 0);
        strategy.nextSchedule();
        for (int i = 0; i < 500; i++) {
            assertThat(strategy.pick(FakeChoicePoint.flagged(0, true, true, false))).isEqualTo(2);
        }
    }

    @Test
    void theFilterWorksForMoreOptionsThanItsScratchArray() {
        boolean[] flags = new boolean[100];
        java.util.Arrays.fill(flags, true);
        flags[37] = false;
        flags[99] = false;
        RandomWalkStrategy strategy = new RandomWalkStrategy(3, 1, 1);
        strategy.nextSchedule();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(strategy.pick(FakeChoicePoint.flagged(1, flags)));
        }

        assertThat(seen).containsExactlyInAnyOrder(37, 99);
    }

    @Test
    void whenEveryOptionIsAPreemptionAnyMayBePicked() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(11, 1, 1);
        strategy.nextSchedule();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int pick = strategy.pick(FakeChoicePoint.flagged(4, true, true, true));
            assertThat(pick).isBetween(0, 2);
            seen.add(pick);
        }

        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void nextScheduleIsTrueExactlySchedulesTimes() {
        for (int schedules : new int[] {1, 2, 7, 1000}) {
            RandomWalkStrategy strategy = new RandomWalkStrategy(0, schedules, 2);
            int count = 0;
            while (strategy.nextSchedule()) {
                count++;
            }
            assertThat(count).isEqualTo(schedules);
            assertThat(strategy.nextSchedule()).as("stays false").isFalse();
        }
    }

    @Test
    void zeroSchedulesRunsNone() {
        assertThat(new RandomWalkStrategy(0, 0, 2).nextSchedule()).isFalse();
    }

    @Test
    void scheduleSeedsDifferBetweenSchedules() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(42, 1000, 2);
        Set<Long> seeds = new HashSet<>();
        while (strategy.nextSchedule()) {
            seeds.add(strategy.scheduleSeed());
        }

        assertThat(seeds).hasSize(1000);
    }

    @Test
    void scheduleSeedOfScheduleIDependsOnlyOnBaseSeedPlusI() {
        // sharding: schedule 3 of base 40 is schedule 0 of base 43 and schedule 1 of base 42
        RandomWalkStrategy a = new RandomWalkStrategy(40, 4, 2);
        for (int i = 0; i < 4; i++) {
            a.nextSchedule();
        }
        RandomWalkStrategy b = new RandomWalkStrategy(43, 1, 2);
        b.nextSchedule();
        RandomWalkStrategy c = new RandomWalkStrategy(42, 2, 2);
        c.nextSchedule();
        c.nextSchedule();

        assertThat(a.scheduleSeed()).isEqualTo(b.scheduleSeed()).isEqualTo(c.scheduleSeed())
                .isEqualTo(SplitMix64.mix(43));
    }

    @Test
    void nameAndDescription() {
        assertThat(new RandomWalkStrategy(42, 10, 2).name()).isEqualTo("random");
        assertThat(new RandomWalkStrategy(42, 10, 2).describe()).isEqualTo("random walk (seed 0x2a, preemptions <= 2)");
        assertThat(new RandomWalkStrategy(-1, 10, 0).describe())
                .isEqualTo("random walk (seed 0xffffffffffffffff, preemptions <= 0)");
        assertThat(new RandomWalkStrategy(42, 10, Integer.MAX_VALUE).describe())
                .isEqualTo("random walk (seed 0x2a, no preemption bound)");
    }

    @Test
    void neverClaimsToHaveExhaustedTheSpace() {
        RandomWalkStrategy strategy = new RandomWalkStrategy(0, 1, 0);
        while (strategy.nextSchedule()) {
            strategy.scheduleEnded();
        }
        assertThat(strategy.exhausted()).isFalse();
    }
}
