package dev.smpcheck.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.strategy.Access;
import dev.smpcheck.strategy.Choice;
import dev.smpcheck.strategy.ChoicePoint;
import dev.smpcheck.strategy.GuidedStrategy;
import dev.smpcheck.strategy.Strategy;
import dev.smpcheck.trace.ChoiceLog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What strategies see of announced accesses, and when steps are dependent. */
class AccessAnnouncementTest {

    @Test
    void dependenceFollowsLocationsAndModes() {
        Access readF = new Access(Access.Mode.READ, 0, "f");
        Access writeF = new Access(Access.Mode.WRITE, 0, "f");
        Access writeG = new Access(Access.Mode.WRITE, 0, "g");
        Access writeWhole = new Access(Access.Mode.WRITE, 0, null);
        Access writeOther = new Access(Access.Mode.WRITE, 1, "f");

        assertThat(Access.dependent(readF, readF)).as("two reads commute").isFalse();
        assertThat(Access.dependent(readF, writeF)).isTrue();
        assertThat(Access.dependent(writeF, writeF)).isTrue();
        assertThat(Access.dependent(writeF, writeG)).as("other field").isFalse();
        assertThat(Access.dependent(writeF, writeOther)).as("other object").isFalse();
        assertThat(Access.dependent(readF, writeWhole)).as("the whole object overlaps every field").isTrue();
        assertThat(Access.dependent(Access.LOCAL, writeF)).isFalse();
        assertThat(Access.dependent(Access.LOCAL, Access.LOCAL)).isFalse();
        assertThat(Access.dependent(Access.ANY, readF)).isTrue();
        assertThat(Access.dependent(Access.ANY, Access.LOCAL)).as("an unknown step may touch CPU state").isTrue();
        assertThat(Access.dependent(Access.ANY, Access.ANY)).isTrue();
    }

    /** Records, at every step, each option's entity and access as the strategy saw them. */
    private static final class Watching implements Strategy {
        final GuidedStrategy guide;
        final List<String> seen = new ArrayList<>();

        Watching(List<Object> wanted) {
            guide = new GuidedStrategy(wanted, "guided", 0);
        }

        @Override
        public boolean nextSchedule() {
            return guide.nextSchedule();
        }

        @Override
        public int pick(ChoicePoint point) {
            return guide.pick(point);
        }

        @Override
        public int pickData(int bound) {
            return guide.pickData(bound);
        }

        @Override
        public void stepped(ChoicePoint point, int index) {
            List<String> options = new ArrayList<>();
            for (int i = 0; i < point.size(); i++) {
                Choice c = point.get(i);
                options.add((c.kind() == Choice.Kind.RUN ? "t" + c.thread() : "irq" + c.vector() + ">" + c.cpu())
                        + ":" + point.access(i) + (i == index ? "*" : ""));
            }
            seen.add(String.join(" ", options) + (point.size() == 0 ? "end, blocked " + point.blocked() : ""));
        }

        @Override
        public long scheduleSeed() {
            return 0;
        }

        @Override
        public String name() {
            return "watching";
        }

        @Override
        public String describe() {
            return "watching";
        }
    }

    private static List<String> watch(int cpus, List<Object> wanted, ScheduleBody body) {
        Watching w = new Watching(wanted);
        try (PlatformThreadBackend backend = new PlatformThreadBackend("access")) {
            w.nextSchedule();
            Outcome o = new Execution(new Execution.Settings(cpus, 1_000, 5_000, false), w, backend, new ChoiceLog())
                    .run(body);
            assertThat(o.divergence()).isNull();
        }
        return w.seen;
    }

    /**
     * Threads: main 0, CPU0 1, CPU1 2. CPU0 announces a write, CPU1 raises an IPI at CPU0 while CPU0 waits at that
     * point, the handler announces a read of another object, and once it returns CPU0's announcement is back.
     */
    @Test
    void optionsCarryTheirAnnouncementsAcrossAnInterruptHandler() {
        Object a = new Object();
        Object b = new Object();
        ScheduleBody body = smp -> {
            smp.declareLocalStarts();
            IrqVector ipi = smp.registerIrq("ipi", cpu -> Sched.read("handler reads", b, 7));
            smp.onCpu(0, c -> Sched.write("write a.f", a, "f"));
            smp.onCpu(1, c -> ipi.raise(smp.cpu(0)));
        };
        List<Object> guide = List.of(Choice.run(1, 0), Choice.run(2, 1), Choice.interrupt(1, 0, 0), Choice.run(1, 0),
                Choice.run(1, 0));
        assertThat(watch(2, guide, body)).containsExactly(
                "t1:local* t2:local",
                "t1:write #0.f t2:local*",
                "t1:write #0.f t2:any irq0>0:any*",
                "t1:read #1.7* t2:any",
                "t1:write #0.f* t2:any",
                "t2:any*",
                "end, blocked 0");
    }

    @Test
    void withoutTheLocalStartsPromiseAStartMayTouchAnything() {
        ScheduleBody body = smp -> {
            smp.onCpu(0, c -> Sched.read("r", new int[1], 0));
            smp.onCpu(1, c -> { });
        };
        assertThat(watch(2, List.of(), body).get(0)).isEqualTo("t1:any* t2:any");
    }

    @Test
    void aThreadStillWaitingAtTheEndIsCountedAsBlocked() {
        ScheduleBody body = smp -> smp.onCpu(0, c -> smp.awaitUntil("never", () -> false));
        List<String> seen = watch(1, List.of(), body);
        assertThat(seen.get(seen.size() - 1)).isEqualTo("end, blocked 1");
    }
}
