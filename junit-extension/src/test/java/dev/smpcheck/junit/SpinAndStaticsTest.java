package dev.smpcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.SmpViolation;
import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.fixtures.plain.SpinFixture;
import dev.smpcheck.junit.fixtures.plain.StaticCounterFixture;
import org.junit.jupiter.api.Test;

/** Spin loops and static state under {@code @SmpTest}. */
class SpinAndStaticsTest {

    @Test
    void aSpinHandshakePassesAnExhaustiveSearchWithoutALivelock() {
        PlainJavaTest.exhaustsCleanly(SpinFixture.class, "handshake");
    }

    @Test
    void threadsSpinningOnEachOtherAreReportedAsALivelock() {
        SmpViolation v = PlainJavaTest.finds(SpinFixture.class, "eachWaitsForTheOther", Violation.LIVELOCK);
        assertThat(v.getMessage()).contains("spin forever").contains("re-reads acknowledged of SpinFixture")
                .contains("re-reads ready of SpinFixture");
    }

    @Test
    void resetStaticsStartsEveryScheduleFromTheInitialisedValues() {
        PlainJavaTest.exhaustsCleanly(StaticCounterFixture.class, "reset");
        SmpViolation v = PlainJavaTest.violation(SmpTestExtensionTest.run(StaticCounterFixture.class, "leaks"),
                Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("registered is ").doesNotContain("registered is 2");
    }
}
