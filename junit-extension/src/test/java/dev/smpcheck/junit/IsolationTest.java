package dev.smpcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.SmpViolation;
import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.fixtures.plain.IsolationFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** {@code @SmpTest(isolation = CLASSES)}: every schedule runs on a fresh copy of the test's classes. */
class IsolationTest {
    private static final String ID = IsolationFixture.class.getName() + "#";

    /** Runs {@code action} and returns what it printed on standard error. */
    private static String stderrOf(Runnable action) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        err.print(text);
        return text;
    }

    @Test
    void freshClassesStartEveryScheduleFromClassInitialisation() {
        String err = stderrOf(() -> PlainJavaTest.exhaustsCleanly(IsolationFixture.class, "fresh"));
        assertThat(err).doesNotContain("smpcheck: warning");
    }

    @Test
    void sharedClassesCarryStaticStateIntoTheNextScheduleAndWarnAboutIt() {
        EngineExecutionResults[] results = new EngineExecutionResults[1];
        String err = stderrOf(() -> results[0] = SmpTestExtensionTest.run(IsolationFixture.class, "shared"));
        SmpViolation v = PlainJavaTest.violation(results[0], Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("in schedule 1 ").contains("left over from an earlier schedule: "
                + "registerTwice");
        assertThat(err).contains("smpcheck: warning: " + ID + "shared: static field "
                + IsolationFixture.class.getName() + ".finishedBy was written by an earlier schedule");
    }

    @Test
    void resetStaticsDoesNotResetWhatFinalFieldsReferTo() {
        SmpViolation v = PlainJavaTest.violation(SmpTestExtensionTest.run(IsolationFixture.class, "reset"),
                Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("in schedule 1 ").contains("registered is 4 after 2 set-up(s)");
    }

    @Test
    void aBugFoundOnFreshClassesReplaysFromItsToken() {
        SmpViolation first = PlainJavaTest.finds(IsolationFixture.class, "racyOnFreshClasses",
                Violation.ASSERTION_FAILED);
        assertThat(first.getMessage()).contains("value is 1");
        System.setProperty(SmpTestConfig.REPLAY_PROPERTY, first.token());
        try {
            SmpViolation again = PlainJavaTest.violation(
                    SmpTestExtensionTest.run(IsolationFixture.class, "racyOnFreshClasses"), Violation.ASSERTION_FAILED);
            assertThat(again.token()).isEqualTo(first.token());
            assertThat(PlainJavaTest.swimlane(again)).isEqualTo(PlainJavaTest.swimlane(first)).hasSizeGreaterThan(10);
        } finally {
            System.clearProperty(SmpTestConfig.REPLAY_PROPERTY);
        }
    }

    @Test
    void resetStaticsWithClassIsolationIsAConfigurationError() {
        assertThat(SmpTestExtensionTest.failureOf(SmpTestExtensionTest.run(IsolationFixture.class, "contradictory")))
                .isInstanceOf(SmpConfigurationError.class)
                .hasMessage("@SmpTest(resetStatics = true, isolation = CLASSES) on " + ID + "contradictory asks for "
                        + "two kinds of isolation: resetStatics = true is isolation = RESET_STATICS; give only "
                        + "isolation");
    }

    @Test
    void aParameterOfAFreshTypeIsAConfigurationError() {
        assertThat(SmpTestExtensionTest.failureOf(SmpTestExtensionTest.run(IsolationFixture.class, "freshParameter")))
                .isInstanceOf(SmpConfigurationError.class)
                .hasMessageStartingWith("@SmpTest(isolation = CLASSES) on " + ID + "freshParameter: ")
                .hasMessageContaining("has a parameter of type " + IsolationFixture.Widget.class.getName()
                        + ", which is loaded afresh for each schedule");
    }

    @Test
    void anInnerTestClassIsAConfigurationError() {
        String inner = IsolationFixture.Inner.class.getName();
        assertThat(SmpTestExtensionTest.failureOf(SmpTestExtensionTest.run(IsolationFixture.Inner.class, "body")))
                .isInstanceOf(SmpConfigurationError.class)
                .hasMessage("@SmpTest(isolation = CLASSES) on " + inner + "#body: " + inner + " is an inner class: "
                        + "a fresh copy of it has no enclosing instance to belong to; make it static or top-level");
    }
}
