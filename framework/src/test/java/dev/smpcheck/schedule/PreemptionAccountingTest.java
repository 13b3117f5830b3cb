package dev.smpcheck.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.strategy.Choice;
import dev.smpcheck.strategy.ChoicePoint;
import dev.smpcheck.strategy.Strategy;
import dev.smpcheck.trace.ChoiceLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Pins what counts as a preemption at a schedule point, option by option (see {@link ChoicePoint}): switching away
 * from a runnable thread is one; delivering an interrupt to another CPU is not; delivering it to the running CPU is;
 * and when a handler delivered to another CPU returns, continuing the interrupted thread is free again.
 */
class PreemptionAccountingTest {

    /** Records every decision as text and picks the first option matching the script's next rule, else continues. */
    static final class Scripted implements Strategy {
        final List<String> seen = new ArrayList<>();
        private final List<Predicate<Choice>> script;
        private boolean started;

        Scripted(List<Predicate<Choice>> script) {
            this.script = new ArrayList<>(script);
        }

        @Override
        public boolean nextSchedule() {
            boolean first = !started;
            started = true;
            return first;
        }

        @Override
        public int pick(ChoicePoint point) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < point.size(); i++) {
                Choice c = point.get(i);
                sb.append(i == point.continueIndex() ? "*" : "")
                        .append(c.kind() == Choice.Kind.RUN ? "run " : "irq ").append("CPU").append(c.cpu())
                        .append(point.isPreemption(i) ? "(P)" : "").append(i + 1 < point.size() ? ", " : "");
            }
            seen.add(sb.toString());
            if (!script.isEmpty()) {
                Predicate<Choice> rule = script.remove(0);
                for (int i = 0; i < point.size(); i++) {
                    if (rule.test(point.get(i))) {
                        return i;
                    }
                }
            }
            return Math.max(0, point.continueIndex());
        }

        @Override
        public int pickData(int bound) {
            return 0;
        }

        @Override
        public long scheduleSeed() {
            return 0;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String describe() {
            return "scripted";
        }
    }

    static Outcome run(Strategy strategy, ScheduleBody body) {
        strategy.nextSchedule();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("preemption")) {
            return new Execution(new Execution.Settings(2, 1000, 5000, false), strategy, backend, new ChoiceLog())
                    .run(body);
        }
    }

    static Predicate<Choice> continueRunning() {
        return c -> false;
    }

    @Test
    void anInterruptForAnotherCpuIsFreeAndOneForTheRunningCpuIsAPreemption() {
        Scripted s = new Scripted(List.of());
        Outcome o = run(s, smp -> {
            IrqVector v = smp.registerIrq("ipi", cpu -> { });
            smp.onCpu(0, cpu -> {
                v.raise(smp.cpu(1));
                v.raise(smp.cpu(0));
            });
        });

        assertThat(o.failed()).isFalse();
        assertThat(s.seen).startsWith(
                "*run CPU0, irq CPU1",
                "*run CPU0, irq CPU0(P), irq CPU1");
        assertThat(o.preemptions()).isZero();
    }

    @Test
    void switchingAwayFromARunnableThreadIsAPreemption() {
        Scripted s = new Scripted(List.of(c -> c.cpu() == 0, c -> c.cpu() == 1));
        Outcome o = run(s, smp -> {
            smp.onCpu(0, cpu -> smp.point("a"));
            smp.onCpu(1, cpu -> smp.point("b"));
        });

        assertThat(s.seen.get(0)).isEqualTo("run CPU0, run CPU1");
        assertThat(s.seen.get(1)).isEqualTo("*run CPU0, run CPU1(P)");
        assertThat(o.preemptions()).isEqualTo(1);
    }

    @Test
    void afterAHandlerOnAnotherCpuReturnsTheInterruptedThreadContinuesForFree() {
        Scripted s = new Scripted(List.of(c -> c.cpu() == 0, c -> c.kind() == Choice.Kind.INTERRUPT));
        Outcome o = run(s, smp -> {
            IrqVector v = smp.registerIrq("ipi", cpu -> smp.point("in handler"));
            smp.onCpu(0, cpu -> {
                v.raise(smp.cpu(1));
                smp.point("after raise");
            });
            smp.onCpu(1, cpu -> smp.point("CPU1's own task"));
        });

        assertThat(o.failed()).isFalse();
        assertThat(s.seen).startsWith(
                "run CPU0, run CPU1",                 // the body returned: nobody is running, nothing is preempted
                "*run CPU0, run CPU1(P), irq CPU1",   // at the raise: starting CPU1's task preempts, the IPI does not
                "run CPU0(P), *run CPU1",             // in the handler: leaving it half-done would preempt CPU1
                "*run CPU0, run CPU1(P)");            // handler returned: CPU0 was never preempted and goes on free
        assertThat(o.preemptions()).isZero();
    }
}
