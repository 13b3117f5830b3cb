package dev.smpcheck.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChoiceLogTest {

    @Test
    void aNewLogIsEmptyWithShapeHashOne() {
        ChoiceLog log = new ChoiceLog();

        assertThat(log.size()).isZero();
        assertThat(log.shapeHash()).isEqualTo(1);
        assertThat(log.toArray()).isEmpty();
    }

    @Test
    void aPickIsEncodedAsIndexShiftedLeftWithKindZero() {
        ChoiceLog log = new ChoiceLog();

        log.pick(3, 5);

        assertThat(log.size()).isEqualTo(1);
        assertThat(log.entry(0)).isEqualTo(6);
        assertThat(log.isData(0)).isFalse();
        assertThat(log.value(0)).isEqualTo(3);
    }

    @Test
    void aDataChoiceIsEncodedAsValueShiftedLeftWithKindOne() {
        ChoiceLog log = new ChoiceLog();

        log.data(7, 10);

        assertThat(log.entry(0)).isEqualTo(15);
        assertThat(log.isData(0)).isTrue();
        assertThat(log.value(0)).isEqualTo(7);
    }

    @Test
    void entriesKeepTheirOrderAndKinds() {
        ChoiceLog log = new ChoiceLog();
        log.pick(0, 2);
        log.data(0, 2);
        log.pick(1, 2);
        log.data(9, 12);

        assertThat(log.toArray()).containsExactly(0, 1, 2, 19);
        assertThat(log.isData(0)).isFalse();
        assertThat(log.isData(1)).isTrue();
        assertThat(log.isData(2)).isFalse();
        assertThat(log.isData(3)).isTrue();
        assertThat(log.value(1)).isZero();
        assertThat(log.value(3)).isEqualTo(9);
    }

    @Test
    void valuesUpToIntegerMaxValueSurviveTheOneBitShift() {
        ChoiceLog log = new ChoiceLog();
        log.data(Integer.MAX_VALUE, Integer.MAX_VALUE);
        log.pick(1 << 30, Integer.MAX_VALUE);

        assertThat(log.isData(0)).isTrue();
        assertThat(log.value(0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(log.isData(1)).isFalse();
        assertThat(log.value(1)).isEqualTo(1 << 30);
    }

    @Test
    void shapeHashIsThePolynomialHashOfKindAndOptionCount() {
        ChoiceLog log = new ChoiceLog();
        log.pick(1, 2); // shape 2 << 1 = 4
        log.data(5, 8); // shape 8 << 1 | 1 = 17

        assertThat(log.shapeHash()).isEqualTo(31 * (31 * 1 + 4) + 17);
    }

    @Test
    void shapeHashDiffersWhenOptionCountsDifferEvenIfChosenIndicesAreEqual() {
        ChoiceLog two = new ChoiceLog();
        two.pick(1, 2);
        two.pick(0, 2);
        ChoiceLog three = new ChoiceLog();
        three.pick(1, 2);
        three.pick(0, 3);

        assertThat(two.toArray()).containsExactly(three.toArray());
        assertThat(two.shapeHash()).isNotEqualTo(three.shapeHash());
    }

    @Test
    void shapeHashDiffersBetweenAPickAndADataChoiceWithTheSameCount() {
        ChoiceLog pick = new ChoiceLog();
        pick.pick(0, 4);
        ChoiceLog data = new ChoiceLog();
        data.data(0, 4);

        assertThat(pick.shapeHash()).isNotEqualTo(data.shapeHash());
    }

    @Test
    void shapeHashDependsOnTheOrderOfDecisions() {
        ChoiceLog ab = new ChoiceLog();
        ab.pick(0, 2);
        ab.pick(0, 3);
        ChoiceLog ba = new ChoiceLog();
        ba.pick(0, 3);
        ba.pick(0, 2);

        assertThat(ab.shapeHash()).isNotEqualTo(ba.shapeHash());
    }

    @Test
    void theLogGrowsBeyondItsInitialCapacity() {
        ChoiceLog log = new ChoiceLog();
        for (int i = 0; i < 1000; i++) {
            log.pick(i % 7, 7);
        }

        assertThat(log.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(log.value(i)).as("entry %d", i).isEqualTo(i % 7);
        }
    }

    @Test
    void clearForgetsEntriesAndResetsTheShapeHash() {
        ChoiceLog log = new ChoiceLog();
        for (int i = 0; i < 100; i++) {
            log.data(i, 200);
        }

        log.clear();

        assertThat(log.size()).isZero();
        assertThat(log.shapeHash()).isEqualTo(1);
        assertThat(log.toArray()).isEmpty();
    }

    @Test
    void aClearedLogRecordsLikeAFreshOne() {
        ChoiceLog reused = new ChoiceLog();
        reused.pick(4, 5);
        reused.data(3, 4);
        reused.clear();
        reused.pick(1, 3);
        ChoiceLog fresh = new ChoiceLog();
        fresh.pick(1, 3);

        assertThat(reused.toArray()).containsExactly(fresh.toArray());
        assertThat(reused.shapeHash()).isEqualTo(fresh.shapeHash());
    }

    @Test
    void toArrayIsACopy() {
        ChoiceLog log = new ChoiceLog();
        log.pick(1, 2);

        int[] copy = log.toArray();
        copy[0] = 99;

        assertThat(log.entry(0)).isEqualTo(2);
    }

    @Test
    void ofHoldsExactlyTheGivenEntriesAndHashAndCopiesTheArray() {
        int[] entries = {2, 15, 0};

        ChoiceLog log = ChoiceLog.of(entries, 1234);
        entries[0] = 99;

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.toArray()).containsExactly(2, 15, 0);
        assertThat(log.shapeHash()).isEqualTo(1234);
        assertThat(log.isData(1)).isTrue();
        assertThat(log.value(1)).isEqualTo(7);
    }

    @Test
    void aLogMadeWithOfCanGrow() {
        ChoiceLog log = ChoiceLog.of(new int[] {2}, 35);

        log.pick(0, 3);

        assertThat(log.toArray()).containsExactly(2, 0);
        assertThat(log.shapeHash()).isEqualTo(31 * 35 + 6);
    }

    @Test
    void anEmptyLogMadeWithOfCanGrow() {
        ChoiceLog log = ChoiceLog.of(new int[0], 1);

        log.pick(1, 2);

        assertThat(log.toArray()).containsExactly(2);
        assertThat(log.shapeHash()).isEqualTo(31 + 4);
    }
}
