package dev.smpcheck.junit.lincheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.smpcheck.check.SmpViolation;
import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpConfigurationError;
import dev.smpcheck.junit.lincheck.fixtures.LincheckVerdictFixture;
import dev.smpcheck.junit.lincheck.fixtures.SelfCheckedCounterFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs the fixtures' {@code @LincheckTest} methods through the JUnit engine and checks each verdict. */
class LincheckTestExtensionTest {
    private static final Class<?> VERDICTS = LincheckVerdictFixture.class;

    static EngineExecutionResults run(Class<?> type, String method) {
        Method m = Arrays.stream(type.getDeclaredMethods()).filter(d -> d.getName().equals(method)).findFirst()
                .orElseThrow();
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, m)).execute();
    }

    static Throwable failureOf(EngineExecutionResults results) {
        return results.testEvents().failed().stream().findFirst()
                .orElseThrow(() -> new AssertionError("the test did not fail"))
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    static SmpViolation violation(String method, Violation kind) {
        Throwable t = failureOf(run(VERDICTS, method));
        assertThat(t).isInstanceOf(SmpViolation.class);
        SmpViolation v = (SmpViolation) t;
        assertThat(v.kind()).isEqualTo(kind);
        return v;
    }

    static void passes(Class<?> type, String method) {
        run(type, method).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    static String firstLine(Throwable t) {
        return t.getMessage().lines().findFirst().orElseThrow();
    }

    @Test
    void aBrokenCounterIsNotLinearizableUnderModelCheckingAndTheInterleavingIsKept() throws Exception {
        SmpViolation v = violation("brokenCounterModelChecking", Violation.NOT_LINEARIZABLE);

        assertThat(firstLine(v)).matches("NOT_LINEARIZABLE found by Lincheck model checking after [\\d,]+ invocations; "
                + "rerun the test to reproduce it \\(the model checker's search is deterministic\\)");
        assertThat(v.token()).isEmpty();
        // Lincheck minimizes the scenario to one increment per thread, both returning 1, and shows the switch.
        assertThat(v.getMessage()).contains("= Invalid execution results =")
                .contains("| increment(): 1 | increment(): 1 |")
                .contains("The following interleaving leads to the error:")
                .contains("value ➜ 0").contains("switch").contains("value = 1");
        assertThat(v.getCause()).isInstanceOf(LincheckAssertionError.class);

        Path report = reportOf(v);
        assertThat(Files.readString(report, StandardCharsets.UTF_8))
                .startsWith("FAILED: NOT_LINEARIZABLE\n" + firstLine(v) + "\n\n= Invalid execution results =")
                .contains("The following interleaving leads to the error:");
        assertThat(Paths.get(report.toString().replace(".txt", ".html"))).content(StandardCharsets.UTF_8)
                .contains("value ➜ 0");
        assertThat(report.getParent().resolveSibling("index.html")).content()
                .contains("brokenCounterModelChecking");
    }

    @Test
    void aBrokenCounterIsNotLinearizableUnderStressWithTheResultsTableOnly() {
        SmpViolation v = violation("brokenCounterStress", Violation.NOT_LINEARIZABLE);

        assertThat(firstLine(v)).startsWith("NOT_LINEARIZABLE found by Lincheck stress after ")
                .endsWith("stress races real threads, so a rerun may need more invocations to hit it again");
        assertThat(v.getMessage()).contains("= Invalid execution results =").contains("increment(): ")
                .doesNotContain("The following interleaving");
    }

    @Test
    void aNonAtomicTestAndSetLetsTwoClaimersWinInBothModes() {
        SmpViolation checked = violation("brokenTestAndSetModelChecking", Violation.NOT_LINEARIZABLE);
        assertThat(checked.getMessage()).contains("| tryClaim(): true | tryClaim(): true |")
                .contains("The following interleaving leads to the error:");

        // Stress mode is not deterministic; every scenario of the claim-only flag can fail, and with the widened
        // window it did within its first few invocations in every run on a loaded 2-core machine.
        SmpViolation stressed = violation("brokenTestAndSetStress", Violation.NOT_LINEARIZABLE);
        assertThat(stressed.getMessage()).contains("| tryClaim(): true | tryClaim(): true |");
    }

    @Test
    void theCorrectTestAndSetPasses() {
        passes(VERDICTS, "atomicTestAndSetModelChecking");
    }

    @Test
    void theCorrectCounterPassesUnderStressAfterRunningItsWholeBudget() {
        String out = stdoutOf(() -> passes(VERDICTS, "atomicCounterStress"));

        // Stress mode runs every invocation of every scenario: 2 scenarios x 100.
        assertThat(out).contains("smpcheck " + VERDICTS.getName() + "#atomicCounterStress: Lincheck stress (threads 2, "
                + "actorsPerThread 3, actorsBefore 2, actorsAfter 2, iterations 2, invocations 100), 200 invocations "
                + "verified, no violation, ");
    }

    @Test
    void theCorrectCounterPassesUnderModelCheckingWithinItsBudget() {
        String out = stdoutOf(() -> passes(VERDICTS, "atomicCounterModelChecking"));

        Matcher m = Pattern.compile("model checking \\(.*iterations 5, invocations 1,000\\), ([\\d,]+) invocations "
                + "verified, no violation").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        long invocations = Long.parseLong(m.group(1).replace(",", ""));
        assertThat(invocations).isBetween(5L, 5L * 1_000);
    }

    @Test
    void theSameAnnotationFindsTheSameFailureEveryRun() {
        String first = failureOf(run(VERDICTS, "brokenCounterModelChecking")).getMessage();
        String second = failureOf(run(VERDICTS, "brokenCounterModelChecking")).getMessage();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aModelOraclesViolationKindIsReportedInsteadOfNotLinearizable() {
        SmpViolation v = violation("oracleKindWins", Violation.LIST_CORRUPTION);

        assertThat(v.getMessage()).contains("= Invalid execution results =")
                .contains("ViolationException: LIST_CORRUPTION: two CPUs own the same csd");
    }

    @Test
    void aLockOrderHangIsADeadlockWithItsInterleaving() {
        SmpViolation v = violation("lockOrderDeadlocks", Violation.DEADLOCK);

        assertThat(v.getMessage()).contains("= The execution has hung =").contains("All unfinished threads are in deadlock");
    }

    @Test
    void aFailedValidationFunctionIsAnAssertionFailure() {
        SmpViolation v = violation("validationFails", Violation.ASSERTION_FAILED);

        assertThat(v.getMessage()).contains("= Validation function stillZero has failed =")
                .contains("validation saw 1");
    }

    @Test
    void expectInvertsTheVerdict() {
        passes(VERDICTS, "expectedNotLinearizablePasses");

        Throwable none = failureOf(run(VERDICTS, "expectedNotLinearizableMissingFails"));
        assertThat(none).isExactlyInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected NOT_LINEARIZABLE but Lincheck found none: smpcheck ")
                .hasMessageContaining("iterations 2, invocations 1,000)");

        Throwable other = failureOf(run(VERDICTS, "expectedDeadlockButNotLinearizableFails"));
        assertThat(other).isInstanceOf(SmpViolation.class)
                .hasMessageStartingWith("expected DEADLOCK but found NOT_LINEARIZABLE found by Lincheck model checking");
    }

    @Test
    void theTestClassItselfIsTheDefaultOperationsClassAndTheBodyNeverRuns() {
        passes(SelfCheckedCounterFixture.class, "modelChecking");
    }

    @Test
    void smpchecksSchedulePointsAddNothingToTheInterleaving() {
        SmpViolation v = violation("schedulePointsStayOutOfTheTrace", Violation.NOT_LINEARIZABLE);

        assertThat(v.getMessage()).contains("value ➜ 0").doesNotContain("Sched.").doesNotContain("Context.")
                .doesNotContain("point(");
    }

    @Test
    void smpchecksSpinLockStaysVisibleSoItsSpinDoesNotHang() {
        passes(VERDICTS, "spinLockedCounterPasses");
    }

    @Test
    void assertJInsideCheckedCodeReportsTheBugAndTheSwitchIsRestored() {
        SmpViolation v = violation("assertJInsideCheckedCode", Violation.NOT_LINEARIZABLE);

        assertThat(v.getMessage()).doesNotContain("caught a bug in Lincheck");
        assertThat(org.assertj.core.api.AbstractAssert.throwUnsupportedExceptionOnEquals).isTrue();
    }

    @Test
    void eachConfigurationErrorNamesTheAttributeAndWhatIsAllowed() {
        Class<?> fixture = loadBadConfigFixture();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(14).failed(14));
        Map<String, Throwable> errors = results.testEvents().failed().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName().replace("()", ""),
                e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow()));
        String nested = fixture.getName() + "$";
        String notPublic = " must be public (Lincheck instantiates it reflectively)";
        // test method -> what follows "@LincheckTest(" in its message, up to " on Class#method"; then the problem
        String[][] expected = {
            {"threadsZero", "threads = 0", "is out of range: threads must be between 1 and 64"},
            {"threadsTooMany", "threads = 65", "is out of range: threads must be between 1 and 64"},
            {"actorsPerThreadZero", "actorsPerThread = 0", "is out of range: actorsPerThread must be at least 1"},
            {"actorsBeforeNegative", "actorsBefore = -1", "is out of range: actorsBefore must be at least 0"},
            {"actorsAfterNegative", "actorsAfter = -1", "is out of range: actorsAfter must be at least 0"},
            {"iterationsZero", "iterations = 0", "is out of range: iterations must be at least 1"},
            {"invocationsZero", "invocations = 0", "is out of range: invocations must be at least 1"},
            {"defaultOperationsClassNotPublic", "operations = " + fixture.getName()
                    + ".class (the default: the test class)", "is not usable: " + fixture.getName() + notPublic},
            {"operationsNotPublic", "operations = " + nested + "Hidden.class",
                    "is not usable: " + nested + "Hidden" + notPublic},
            {"operationMethodNotPublic", "operations = " + nested + "HiddenOperation.class",
                    "is not usable: its @Operation method get must be public (Lincheck calls it reflectively)"},
            {"noOperations", "operations = " + nested + "NoOperations.class", "is not usable: " + nested
                    + "NoOperations has no @Operation method (org.jetbrains.lincheck.datastructures.Operation) to check"},
            {"noDefaultConstructor", "operations = " + nested + "NoDefaultConstructor.class", "is not usable: "
                    + nested + "NoDefaultConstructor must have a public no-argument constructor"},
            {"innerClass", "operations = " + nested + "Inner.class",
                    "is not usable: " + nested + "Inner must be top-level or a static nested class"},
            {"specificationLacksAnOperation", "sequentialSpecification = " + nested + "WrongSpecification.class",
                    "is not usable: " + nested + "WrongSpecification has no public method increment() to match the "
                    + "operation of the same name"},
        };
        assertThat(errors).hasSameSizeAs(expected);
        for (String[] e : expected) {
            assertThat(errors.get(e[0])).as(e[0]).isInstanceOf(SmpConfigurationError.class).hasMessage(
                    "@LincheckTest(" + e[1] + ") on " + fixture.getName() + "#" + e[0] + " " + e[2]);
        }
    }

    private static Class<?> loadBadConfigFixture() {
        try {
            return Class.forName("dev.smpcheck.junit.lincheck.fixtures.LincheckBadConfigFixture");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Path reportOf(Throwable t) {
        String line = t.getMessage().lines().filter(l -> l.startsWith("Report: ")).reduce((a, b) -> b).orElseThrow();
        return Paths.get(line.substring("Report: ".length()));
    }

    private static String stdoutOf(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
