package dev.smpcheck.junit.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpConfigurationError;
import dev.smpcheck.junit.lincheck.fixtures.Counters;
import dev.smpcheck.schedule.Sched;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.BooleanSupplier;
import org.assertj.core.api.AbstractAssert;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.util.LoggingLevel;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The adapter's parts, and the Lincheck hazards they exist for: each hazard is shown on raw Lincheck first, so the
 * tests that show the adapter avoiding it could fail.
 */
class LincheckAdapterTest {

    @Test
    void eachLincheckFailureTitleMapsToItsKind() {
        assertThat(FailureKinds.classify("= Invalid execution results =\n| a(): 1 |")).contains(
                Violation.NOT_LINEARIZABLE);
        assertThat(FailureKinds.classify("= The execution has hung =\nAll unfinished threads are in deadlock"))
                .contains(Violation.DEADLOCK);
        assertThat(FailureKinds.classify("= The execution has hung =\nAll unfinished threads are in livelock due to "
                + "non-terminating loops")).contains(Violation.LIVELOCK);
        assertThat(FailureKinds.classify("= The execution has hung, see the thread dump =\nThread-0:"))
                .contains(Violation.TIMEOUT);
        assertThat(FailureKinds.classify("= The execution failed with an unexpected exception =\n"))
                .contains(Violation.UNCAUGHT_EXCEPTION);
        assertThat(FailureKinds.classify("= Validation function check has failed =")).contains(
                Violation.ASSERTION_FAILED);
        assertThat(FailureKinds.classify("Wow! You've caught a bug in Lincheck.\nWe kindly ask ...")).isEmpty();
    }

    @Test
    void aModelOraclesKindOverridesTheTitleButOnlyForARealKind() {
        String oracle = "= Invalid execution results =\n#1: dev.smpcheck.check.ViolationException: LOST_CALL: csd 3";
        assertThat(FailureKinds.classify(oracle)).contains(Violation.LOST_CALL);

        String lookalike = "= Invalid execution results =\n#1: dev.smpcheck.check.ViolationException: NO_SUCH_KIND: x";
        assertThat(FailureKinds.classify(lookalike)).contains(Violation.NOT_LINEARIZABLE);
    }

    @Test
    void theEnginesBookkeepingIsHiddenButItsSpinningCodeIsNot() throws Exception {
        assertThat(RuntimeGuarantees.hides("dev.smpcheck.instrument.Hooks", "onFieldRead")).isTrue();
        assertThat(RuntimeGuarantees.hides("dev.smpcheck.run.Explorer", "explore")).isTrue();
        assertThat(RuntimeGuarantees.hides(Sched.class.getName(), "point")).isTrue();
        assertThat(RuntimeGuarantees.hides(RuntimeGuarantees.CONTEXT, "current")).isTrue();

        assertThat(RuntimeGuarantees.hides(Sched.class.getName(), "awaitUntil")).isFalse();
        assertThat(RuntimeGuarantees.hides("dev.smpcheck.schedule.SpinLock", "lock")).isFalse();
        assertThat(RuntimeGuarantees.hides("dev.smpcheck.ipi.Csd", "lock")).isFalse();
        assertThat(RuntimeGuarantees.hides("dev.smpcheck.runtime.Thing", "run")).as("a prefix, not a package").isFalse();

        // The names above are strings in RuntimeGuarantees; a rename in the framework must fail here, not silently
        // expose the engine to Lincheck.
        assertThat(Class.forName(RuntimeGuarantees.CONTEXT)).isNotNull();
        assertThat(Sched.class.getMethod(RuntimeGuarantees.SPINNING_SCHED_METHOD, String.class, Object.class,
                BooleanSupplier.class)).isNotNull();
    }

    @Test
    void withoutTheGuaranteesLincheckTracesSmpchecksSchedulePoints() {
        // The hazard behind RuntimeGuarantees: unguarded, every Sched.point and its thread-local lookup is analysed.
        String report = rawModelCheck(Counters.WithSchedulePoints.class);

        assertThat(report).contains("Sched.point(\"read value\"").contains("Context.current()");
    }

    @Test
    void withoutTheSwitchAnAssertJAssertionCrashesLincheck() {
        // The hazard behind AssertJEquals: Lincheck calls equals() on the assertion object, which throws by default.
        assertThat(AbstractAssert.throwUnsupportedExceptionOnEquals).isTrue();
        String report = rawModelCheck(Counters.BrokenWithAssertJ.class);

        assertThat(report).contains(FailureKinds.INTERNAL_BUG).contains("'equals' is not supported");
    }

    @Test
    void theAssertJSwitchIsOffWhileOpenAndRestoredAfter() {
        AssertJEquals relaxed = AssertJEquals.relax(getClass().getClassLoader());
        assertThat(AbstractAssert.throwUnsupportedExceptionOnEquals).isFalse();
        relaxed.close();
        assertThat(AbstractAssert.throwUnsupportedExceptionOnEquals).isTrue();

        AbstractAssert.throwUnsupportedExceptionOnEquals = false;
        try {
            AssertJEquals.relax(getClass().getClassLoader()).close();
            assertThat(AbstractAssert.throwUnsupportedExceptionOnEquals).as("a user's own choice is kept").isFalse();
        } finally {
            AbstractAssert.throwUnsupportedExceptionOnEquals = true;
        }
    }

    @Test
    void withoutAssertJTheSwitchDoesNothing() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            AssertJEquals relaxed = AssertJEquals.relax(empty);
            assertThat(AbstractAssert.throwUnsupportedExceptionOnEquals).isTrue();
            relaxed.close();
            assertThat(AbstractAssert.throwUnsupportedExceptionOnEquals).isTrue();
        }
    }

    @Test
    void withoutLincheckTheTestFailsNamingTheDependency() throws Exception {
        try (WithoutLincheck loader = new WithoutLincheck()) {
            assertThatThrownBy(() -> LincheckAvailability.require(loader, "a.B#c"))
                    .isInstanceOf(SmpConfigurationError.class)
                    .hasMessage("@LincheckTest on a.B#c needs Lincheck, which is not on the test class path "
                            + "(org.jetbrains.lincheck.datastructures.ModelCheckingOptions is missing): add the test "
                            + "dependency org.jetbrains.lincheck:lincheck:3.7; smpcheck declares it optional, so it is "
                            + "not inherited");

            // End to end: the annotation, the extension and the fixture come from the loader without Lincheck, so
            // this shows the extension loads and reports instead of failing with NoClassDefFoundError.
            Class<?> fixture = loader.loadClass("dev.smpcheck.junit.lincheck.fixtures.NoLincheckFixture");
            assertThat(fixture.getClassLoader()).isSameAs(loader);
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                    .execute();

            results.testEvents().assertStatistics(s -> s.started(1).failed(1));
            Throwable t = results.testEvents().failed().stream().findFirst().orElseThrow()
                    .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
            assertThat(t).isInstanceOf(SmpConfigurationError.class).hasMessageContaining(
                    "NoLincheckFixture#check needs Lincheck").hasMessageContaining("org.jetbrains.lincheck:lincheck:3.7");
        }
    }

    private static String rawModelCheck(Class<?> operations) {
        try {
            new ModelCheckingOptions().iterations(5).actorsPerThread(1).actorsBefore(0).actorsAfter(0)
                    .minimizeFailedScenario(false).logLevel(LoggingLevel.WARN).check(operations);
        } catch (LincheckAssertionError e) {
            return e.getMessage();
        }
        throw new AssertionError("Lincheck found nothing in " + operations.getName());
    }

    /**
     * Loads the adapter and its fixtures itself (child first) and refuses Lincheck, as a project without the optional
     * dependency would; everything else (JUnit, the framework) comes from the parent so the test can inspect results.
     */
    private static final class WithoutLincheck extends URLClassLoader {
        private static final String ADAPTER = "dev.smpcheck.junit.lincheck.";

        WithoutLincheck() {
            super(new URL[] {location(LincheckTest.class), location(Counters.class)},
                    LincheckAdapterTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.jetbrains.lincheck.") || name.startsWith("org.jetbrains.kotlinx.lincheck.")) {
                throw new ClassNotFoundException(name + " is hidden from this test");
            }
            if (!name.startsWith(ADAPTER)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                return c != null ? c : findClass(name);
            }
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }
    }
}
