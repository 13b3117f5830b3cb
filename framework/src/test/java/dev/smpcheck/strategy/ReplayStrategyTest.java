package dev.smpcheck.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.trace.ChoiceLog;
import org.junit.jupiter.api.Test;

class ReplayStrategyTest {

    private static ReplayStrategy replaying(ChoiceLog log) {
        ReplayStrategy replay = new ReplayStrategy(log, "random", 42L);
        assertThat(replay.nextSchedule()).isTrue();
        return replay;
    }

    @Test
    void replaysPicksAndDataValuesInOrder() {
        ChoiceLog log = new ChoiceLog();
        log.pick(1, 2);
        log.data(3, 5);
        log.pick(0, 3);
        log.pick(4, 6);
        log.data(0, 2);
        ReplayStrategy replay = replaying(log);

        assertThat(replay.remaining()).isEqualTo(5);
        assertThat(replay.pick(FakeChoicePoint.of(2))).isEqualTo(1);
        assertThat(replay.remaining()).isEqualTo(4);
        assertThat(replay.pickData(5)).isEqualTo(3);
        assertThat(replay.pick(FakeChoicePoint.of(3))).isEqualTo(0);
        assertThat(replay.pick(FakeChoicePoint.of(6))).isEqualTo(4);
        assertThat(replay.remaining()).isEqualTo(1);
        assertThat(replay.pickData(2)).isZero();
        assertThat(replay.remaining()).isZero();
    }

    @Test
    void replayDoesNotConsultThePreemptionFlags() {
        ChoiceLog log = new ChoiceLog();
        log.pick(0, 2);
        ReplayStrategy replay = replaying(log);

        assertThat(replay.pick(FakeChoicePoint.flagged(99, true, false))).isZero();
    }

    @Test
    void aLargerPointThanRecordedIsAccepted() {
        // only the shape hash, checked by the engine at the end, catches this
        ChoiceLog log = new ChoiceLog();
        log.pick(1, 2);
        ReplayStrategy replay = replaying(log);

        assertThat(replay.pick(FakeChoicePoint.of(5))).isEqualTo(1);
    }

    @Test
    void aRecordedDataChoiceMetAtASchedulePointDiverges() {
        ChoiceLog log = new ChoiceLog();
        log.data(3, 5);
        ReplayStrategy replay = replaying(log);

        assertThatThrownBy(() -> replay.pick(FakeChoicePoint.of(2)))
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessage("replay diverged: decision 0 was recorded as a data choice but the program reached a "
                        + "schedule point with 2 options");
    }

    @Test
    void aRecordedPickMetAtADataChoiceDiverges() {
        ChoiceLog log = new ChoiceLog();
        log.pick(0, 2);
        log.pick(1, 2);
        ReplayStrategy replay = replaying(log);
        replay.pick(FakeChoicePoint.of(2));

        assertThatThrownBy(() -> replay.pickData(4))
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessage("replay diverged: decision 1 was recorded as a schedule point but the program reached a "
                        + "data choice among 4 values");
    }

    @Test
    void anOptionIndexThePointDoesNotHaveDiverges() {
        ChoiceLog log = new ChoiceLog();
        log.pick(0, 3);
        log.pick(2, 3);
        ReplayStrategy replay = replaying(log);
        replay.pick(FakeChoicePoint.of(3));

        assertThatThrownBy(() -> replay.pick(FakeChoicePoint.of(2)))
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessage("replay diverged: decision 1 was recorded as option 2 but the program reached a "
                        + "schedule point with 2 options");
    }

    @Test
    void aDataValueOutOfTheNewBoundDiverges() {
        ChoiceLog log = new ChoiceLog();
        log.data(7, 8);
        ReplayStrategy replay = replaying(log);

        assertThatThrownBy(() -> replay.pickData(7))
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessage("replay diverged: decision 0 was recorded as option 7 but the program reached a "
                        + "data choice among 7 values");
    }

    @Test
    void moreDecisionsThanRecordedDiverge() {
        ChoiceLog log = new ChoiceLog();
        log.pick(1, 2);
        ReplayStrategy replay = replaying(log);
        replay.pick(FakeChoicePoint.of(2));

        assertThatThrownBy(() -> replay.pick(FakeChoicePoint.of(3)))
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessage("replay diverged: the recording has 1 decisions but the program reached a schedule "
                        + "point with 3 options after them");
        assertThatThrownBy(() -> replay.pickData(2))
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessage("replay diverged: the recording has 1 decisions but the program reached a data choice "
                        + "among 2 values after them");
        assertThat(replay.remaining()).isZero();
    }

    @Test
    void anEmptyRecordingDivergesAtTheFirstDecision() {
        ReplayStrategy replay = replaying(new ChoiceLog());

        assertThat(replay.remaining()).isZero();
        assertThatThrownBy(() -> replay.pickData(2))
                .isInstanceOf(ReplayDivergedException.class)
                .hasMessageContaining("the recording has 0 decisions");
    }

    @Test
    void remainingCountsTheUnconsumedDecisions() {
        ChoiceLog log = new ChoiceLog();
        for (int i = 0; i < 10; i++) {
            log.pick(i % 2, 2);
        }
        ReplayStrategy replay = replaying(log);
        for (int i = 0; i < 4; i++) {
            replay.pick(FakeChoicePoint.of(2));
        }

        assertThat(replay.remaining()).isEqualTo(6);
    }

    @Test
    void nextScheduleIsTrueOnlyOnce() {
        ChoiceLog log = new ChoiceLog();
        log.pick(1, 2);
        ReplayStrategy replay = new ReplayStrategy(log, "random", 42L);

        assertThat(replay.nextSchedule()).isTrue();
        replay.pick(FakeChoicePoint.of(2));
        replay.scheduleEnded();
        assertThat(replay.nextSchedule()).isFalse();
        assertThat(replay.nextSchedule()).isFalse();
        assertThat(replay.remaining()).as("a refused schedule does not rewind").isZero();
    }

    @Test
    void reportsTheRecordingStrategyAndSeed() {
        ChoiceLog log = new ChoiceLog();
        ReplayStrategy replay = new ReplayStrategy(log, "random", 42L);

        assertThat(replay.name()).isEqualTo("random");
        assertThat(replay.scheduleSeed()).isEqualTo(42L);
        assertThat(replay.describe()).isEqualTo("replay of a random schedule (seed 0x2a)");
        assertThat(replay.log()).isSameAs(log);
        assertThat(replay.exhausted()).isFalse();
    }
}
