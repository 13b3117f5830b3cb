package dev.smpcheck.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.trace.Event.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CyclesTest {

    private static final Event A = new Event(0, 0, Kind.START, "start", "Main.run:1");
    private static final Event B = new Event(0, 1, Kind.POINT, "lock(a)", "Cpu.run:5");
    private static final Event X = new Event(0, 1, Kind.POINT, "read flag = 0", "Cpu.spin:10");
    private static final Event Y = new Event(0, 2, Kind.POINT, "read flag = 0", "Cpu.spin:10");
    private static final Event Z = new Event(0, 1, Kind.WAIT, "cpu_relax", "Cpu.spin:11");

    /** @return the events with increasing steps, as a real trace has them */
    private static List<Event> trace(Event... events) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            Event e = events[i];
            out.add(new Event(i, e.actor(), e.kind(), e.text(), e.location()));
        }
        return out;
    }

    @Test
    void findsAThreeEventCycleRepeatingAtTheEnd() {
        List<Event> events = trace(A, B, X, Y, Z, X, Y, Z, X, Y, Z);

        assertThat(Cycles.period(events, 3)).isEqualTo(3);
        assertThat(Cycles.period(events, 2)).isEqualTo(3);
    }

    @Test
    void theCycleNeedNotStartAtARoundPosition() {
        // the tail is Y Z X | Y Z X | Y Z X
        List<Event> events = trace(A, X, Y, Z, X, Y, Z, X, Y, Z, X);

        assertThat(Cycles.period(events, 3)).isEqualTo(3);
    }

    @Test
    void returnsZeroWithoutRepetition() {
        assertThat(Cycles.period(trace(A, B, X, Y, Z), 2)).isZero();
        assertThat(Cycles.period(trace(X, Y, Z, X, Y), 2)).isZero();
    }

    @Test
    void returnsZeroWhenTheCycleRepeatsFewerTimesThanAsked() {
        List<Event> events = trace(A, B, X, Y, Z, X, Y, Z);

        assertThat(Cycles.period(events, 2)).isEqualTo(3);
        assertThat(Cycles.period(events, 3)).isZero();
    }

    @Test
    void returnsZeroForAnEmptyOrTooShortTrace() {
        assertThat(Cycles.period(List.of(), 2)).isZero();
        assertThat(Cycles.period(trace(X), 2)).isZero();
    }

    @Test
    void findsTheShortestPeriod() {
        assertThat(Cycles.period(trace(A, X, X, X, X, X, X), 3)).isEqualTo(1);
        assertThat(Cycles.period(trace(A, X, Y, X, Y, X, Y, X, Y, X, Y, X, Y), 3)).isEqualTo(2);
    }

    @Test
    void eventsDifferingInActorKindTextOrLocationBreakTheCycle() {
        // X and Y differ only in the actor
        assertThat(Cycles.period(trace(X, Y, X, Y, X, Y), 3)).isEqualTo(2);
        Event otherLocation = new Event(0, X.actor(), X.kind(), X.text(), "Cpu.spin:12");
        Event otherText = new Event(0, X.actor(), X.kind(), "read flag = 1", X.location());
        Event otherKind = new Event(0, X.actor(), Kind.WAIT, X.text(), X.location());
        for (Event other : List.of(otherLocation, otherText, otherKind)) {
            assertThat(Cycles.period(trace(X, Z, X, Z, other, Z), 3)).as("%s", other).isZero();
        }
    }

    @Test
    void stepsAreNotPartOfTheComparison() {
        List<Event> events = List.of(new Event(10, 1, Kind.POINT, "a", ""), new Event(11, 1, Kind.POINT, "a", ""),
                new Event(99, 1, Kind.POINT, "a", ""));

        assertThat(Cycles.period(events, 3)).isEqualTo(1);
    }
}
