package dev.smpcheck.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.trace.Event.Kind;
import org.junit.jupiter.api.Test;

class SwimlaneTest {

    private static Trace demo() {
        Trace t = new Trace();
        t.addActor(0, "main");
        t.addActor(1, "CPU0");
        t.addActor(2, "CPU1");
        t.addActor(3, "idle"); // never does anything: gets no column
        t.add(new Event(0, 0, Kind.START, "start", "Demo.run:10"));
        t.add(new Event(1, 1, Kind.POINT, "send ipi to CPU1", "Demo.lambda$run$0:41"));
        t.add(new Event(2, 2, Kind.IRQ_ENTER, "irq ipi", "Demo.lambda$run$1:44"));
        t.add(new Event(3, 1, Kind.POINT, "spin_lock(A)", ""));
        return t;
    }

    @Test
    void rendersOneColumnPerActiveActorInEventOrder() {
        assertThat(Swimlane.render(demo(), 100)).isEqualTo("""
                 step | main  | CPU0             | CPU1    | where
                ------+-------+------------------+---------+------
                    0 | start |                  |         | Demo.run:10
                    1 |       | send ipi to CPU1 |         | Demo.lambda$run$0:41
                    2 |       |                  | irq ipi | Demo.lambda$run$1:44
                    3 |       | spin_lock(A)     |         |
                """);
    }

    @Test
    void noLineEndsInWhiteSpace() {
        for (String line : Swimlane.render(demo(), 100).split("\n")) {
            assertThat(line).doesNotEndWith(" ");
        }
    }

    @Test
    void exactlyMaxRowsShowsEverythingWithoutASummaryLine() {
        assertThat(Swimlane.render(demo(), 4)).isEqualTo(Swimlane.render(demo(), 100))
                .doesNotContain("earlier events");
    }

    @Test
    void fewerRowsThanEventsShowsTheLastOnesAndCountsTheRest() {
        // columns stay (main did something earlier) but are sized by the rows shown
        assertThat(Swimlane.render(demo(), 2)).isEqualTo("""
                 step | main | CPU0         | CPU1    | where
                ------+------+--------------+---------+------
                  ... 2 earlier events not shown
                    2 |      |              | irq ipi | Demo.lambda$run$1:44
                    3 |      | spin_lock(A) |         |
                """);
    }

    @Test
    void zeroRowsShowsOnlyTheHeaderAndTheSummary() {
        assertThat(Swimlane.render(demo(), 0)).isEqualTo("""
                 step | main | CPU0 | CPU1 | where
                ------+------+------+------+------
                  ... 4 earlier events not shown
                """);
    }

    @Test
    void longTextsAndActorNamesAreCutAt34CharactersWithATilde() {
        Trace t = new Trace();
        t.addActor(0, "CPU0");
        t.addActor(1, "a-very-long-actor-name-that-exceeds-the-limit");
        t.add(new Event(5, 0, Kind.POINT, "x".repeat(33) + "yz", "L:1"));
        t.add(new Event(6, 1, Kind.POINT, "short", "L:2"));
        t.add(new Event(7, 0, Kind.POINT, "y".repeat(34), "L:3"));

        String cutText = "x".repeat(33) + "~";
        assertThat(Swimlane.render(t, 10)).isEqualTo("""
                 step | CPU0                               | a-very-long-actor-name-that-excee~ | where
                ------+------------------------------------+------------------------------------+------
                    5 | %s |                                    | L:1
                    6 |                                    | short                              | L:2
                    7 | %s |                                    | L:3
                """.formatted(cutText, "y".repeat(34)));
    }

    @Test
    void anEmptyTraceHasOnlyTheHeader() {
        Trace t = new Trace();
        t.addActor(0, "main");

        assertThat(Swimlane.render(t, 10)).isEqualTo(" step | where\n------+------\n");
    }
}
