package dev.smpcheck.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.schedule.Execution;
import dev.smpcheck.schedule.PlatformThreadBackend;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.strategy.Strategy;
import dev.smpcheck.trace.ChoiceLog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every strategy the configuration can name gives the same sequence of schedules for the same seed. */
class StrategyDeterminismTest {

    /** Two CPUs racing on announced and unannounced accesses, with a data choice: every kind of decision. */
    static ScheduleBody program() {
        return smp -> {
            int[] v = new int[2];
            for (int cpu = 0; cpu < 2; cpu++) {
                int me = cpu;
                smp.onCpu(cpu, c -> {
                    Sched.write("write", v, me);
                    v[me] = smp.chooseBoolean("flip") ? 2 : 1;
                    Sched.point("plain");
                    Sched.read("read", v, 1 - me);
                });
            }
        };
    }

    /** Each schedule as the strategy's name, the schedule seed and the decisions. */
    static List<String> schedules(SearchConfig config) {
        Strategy strategy = Explorer.create(config);
        List<String> seen = new ArrayList<>();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("determinism")) {
            ChoiceLog log = new ChoiceLog();
            while (strategy.nextSchedule()) {
                new Execution(new Execution.Settings(2, 1_000, 5_000, false), strategy, backend, log)
                        .run(program());
                strategy.scheduleEnded();
                seen.add(strategy.name() + " " + Long.toHexString(strategy.scheduleSeed()) + " "
                        + Arrays.toString(log.toArray()));
            }
        }
        return seen;
    }

    @Test
    void theSameSeedGivesTheSameSchedulesForEveryStrategy() {
        SearchConfig base = SearchConfig.defaults("StrategyDeterminismTest").withSchedules(40);
        List<SearchConfig> configs = new ArrayList<>();
        for (String name : SearchConfig.STRATEGIES) {
            configs.add(base.withStrategy(name));
        }
        configs.add(base.withStrategy("dfs").withPreemptions(Defaults.UNBOUNDED));
        configs.add(base.withStrategy("random").withPreemptions(Defaults.UNBOUNDED));
        for (SearchConfig config : configs) {
            String what = config.strategy() + " preemptions=" + config.preemptions();
            List<String> first = schedules(config.withSeed(7));
            assertThat(first).as(what).hasSize(40);
            assertThat(schedules(config.withSeed(7))).as(what).isEqualTo(first);
            if (!config.strategy().equals("dfs")) {
                assertThat(schedules(config.withSeed(8))).as("%s, another seed", what).isNotEqualTo(first);
            }
        }
    }
}
