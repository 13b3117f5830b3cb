package dev.smpcheck.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioStrategyTest {

    /** Each schedule's member name and seed, picking once at a two-option point so PCT learns a length. */
    private static List<String> run(PortfolioStrategy portfolio) {
        List<String> schedules = new ArrayList<>();
        while (portfolio.nextSchedule()) {
            portfolio.pick(FakeChoicePoint.of(2));
            portfolio.scheduleEnded();
            schedules.add(portfolio.name() + "@" + Long.toHexString(portfolio.scheduleSeed()));
        }
        return schedules;
    }

    @Test
    void takesTurnsAmongPctAtEveryDepthAndRandomWalk() {
        List<String> names = run(new PortfolioStrategy(42, 9, 2)).stream().map(s -> s.substring(0, s.indexOf('@')))
                .toList();
        assertThat(names).containsExactly("default/pct-d1", "default/pct-d2", "default/pct-d3", "default/random",
                "default/pct-d1", "default/pct-d2", "default/pct-d3", "default/random", "default/pct-d1");
        assertThat(run(new PortfolioStrategy(42, 2, 0)).stream().map(s -> s.substring(0, s.indexOf('@'))))
                .containsExactly("default/pct-d1", "default/random");
    }

    @Test
    void eachMemberHasItsOwnSeedStream() {
        List<String> schedules = run(new PortfolioStrategy(42, 400, 2));
        assertThat(new HashSet<>(schedules.stream().map(s -> s.substring(s.indexOf('@'))).toList())).hasSize(400);
        // A member's schedules do not depend on how many members there are: PCT d=1 is the same in both portfolios.
        List<String> two = run(new PortfolioStrategy(42, 8, 2));
        List<String> one = run(new PortfolioStrategy(42, 6, 1));
        assertThat(two.get(0)).isEqualTo(one.get(0));
        assertThat(two.get(4)).isEqualTo(one.get(3));
    }

    @Test
    void theSameSeedGivesTheSameSchedules() {
        assertThat(run(new PortfolioStrategy(5, 50, 2))).isEqualTo(run(new PortfolioStrategy(5, 50, 2)))
                .isNotEqualTo(run(new PortfolioStrategy(6, 50, 2)));
    }

    /**
     * The one-window bug of {@link PctStrategyTest} (depth 2, k = 12): a quarter of the portfolio's schedules are PCT
     * d=2, whose guarantee 1/(n k) = 1/24 promises at least 500/24 hits among them; random walk hits about 2^-10.
     */
    @Test
    void findsTheDepthTwoBugAtLeastAsOftenAsItsPctMemberPromises() {
        int runs = 2000;
        int hits = PctStrategyTest.hits(new PortfolioStrategy(7, runs, 2), PctStrategyTest.oneWindowBug());
        System.out.printf("one-window bug, %d runs: portfolio hit %d%n", runs, hits);
        assertThat(hits).isGreaterThanOrEqualTo(runs / 4 / 24);
    }

    @Test
    void describesItselfAndTheMemberOfTheCurrentSchedule() {
        PortfolioStrategy p = new PortfolioStrategy(42, 10, 2);
        assertThat(p.name()).isEqualTo("default");
        assertThat(p.describe()).isEqualTo("portfolio of PCT d=1..3 and random walk, round robin (seed 0x2a)");
        assertThat(new PortfolioStrategy(42, 10, 0).describe())
                .isEqualTo("portfolio of PCT d=1 and random walk, round robin (seed 0x2a)");
        p.nextSchedule();
        p.nextSchedule();
        assertThat(p.describeSchedule()).matches("PCT \\(d=2, seed 0x[0-9a-f]+\\) in the default portfolio");
        assertThatThrownBy(() -> new PortfolioStrategy(1, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a portfolio needs a preemption bound of at least 0, got -1");
    }
}
