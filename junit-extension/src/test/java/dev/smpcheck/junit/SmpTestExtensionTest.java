package dev.smpcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.smpcheck.check.SmpViolation;
import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.fixtures.BadConfigFixture;
import dev.smpcheck.junit.fixtures.LifecycleFixture;
import dev.smpcheck.junit.fixtures.ReplayFixture;
import dev.smpcheck.junit.fixtures.ShardFixture;
import dev.smpcheck.junit.fixtures.TimeoutFixture;
import dev.smpcheck.junit.fixtures.VerdictFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class SmpTestExtensionTest {

    static EngineExecutionResults run(Class<?> type, String method) {
        java.lang.reflect.Method m = java.util.Arrays.stream(type.getDeclaredMethods())
                .filter(d -> d.getName().equals(method)).findFirst().orElseThrow();
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, m)).execute();
    }

    static Throwable failureOf(EngineExecutionResults results) {
        Event failed = results.testEvents().failed().stream().findFirst()
                .orElseThrow(() -> new AssertionError("the test did not fail"));
        return failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    }

    @Test
    void everyScheduleGetsAFreshInstanceWithItsOwnSetUpAndTearDown() {
        LifecycleFixture.reset();
        EngineExecutionResults results = run(LifecycleFixture.class, "tenSchedules");

        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(LifecycleFixture.BODIES).hasValue(10);
        assertThat(LifecycleFixture.CONSTRUCTED).hasValue(10);
        assertThat(LifecycleFixture.BEFORE).hasValue(10);
        assertThat(LifecycleFixture.AFTER).hasValue(10);
    }

    @Test
    void aConfigurationErrorStillTearsDownJUnitsOwnInstanceOnce() {
        LifecycleFixture.reset();
        Throwable t = failureOf(run(LifecycleFixture.class, "zeroCpus"));

        assertThat(t).isInstanceOf(SmpConfigurationError.class);
        assertThat(LifecycleFixture.BODIES).hasValue(0);
        assertThat(LifecycleFixture.CONSTRUCTED).hasValue(1);
        assertThat(LifecycleFixture.BEFORE).hasValue(1);
    }

    @Test
    void aViolationFailsWithKindScheduleStrategyAndTokenOnTheFirstLine() throws Exception {
        Throwable t = failureOf(run(VerdictFixture.class, "lostUpdateFails"));

        assertThat(t).isInstanceOf(SmpViolation.class);
        SmpViolation v = (SmpViolation) t;
        assertThat(v.kind()).isEqualTo(Violation.ASSERTION_FAILED);
        String firstLine = v.getMessage().lines().findFirst().orElseThrow();
        assertThat(firstLine).matches("ASSERTION_FAILED in schedule \\d+ of (PCT \\(d=\\d, |random walk \\()"
                + "seed 0x[0-9a-f]+.*\\) in the default portfolio; replay: smp1\\.[A-Za-z0-9_-]+");
        assertThat(firstLine).endsWith(v.token());
        assertThat(v.getMessage()).contains("lost an increment: counter is 1").contains("| CPU0").contains("| CPU1");
        assertThat(v.getCause()).isInstanceOf(AssertionError.class).hasMessage("lost an increment: counter is 1");

        Path report = Reports.directory().resolve(VerdictFixture.class.getName()).resolve("lostUpdateFails.txt");
        assertThat(Files.readString(report, StandardCharsets.UTF_8))
                .startsWith("FAILED: ASSERTION_FAILED\n" + firstLine);
        assertThat(Reports.directory().resolve(VerdictFixture.class.getName()).resolve("lostUpdateFails.html"))
                .exists();
        assertThat(Reports.directory().resolve("index.html")).content().contains("lostUpdateFails");
    }

    @Test
    void aCleanSearchPasses() {
        run(VerdictFixture.class, "singleIncrementPasses")
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void exhaustivePassesOnlyWhenTheBoundedSpaceWasCovered() {
        run(VerdictFixture.class, "exhaustedSearchPasses")
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        Throwable t = failureOf(run(VerdictFixture.class, "exhaustiveBudgetTooSmallFails"));
        assertThat(t).isExactlyInstanceOf(AssertionError.class)
                .hasMessageStartingWith("exhaustive = true, but the budget ran out before every schedule within the "
                        + "bound was explored: raise schedules or lower preemptions; smpcheck ")
                .hasMessageContaining("3 schedules, not exhausted");
    }

    @Test
    void expectPassesOnlyWhenThatKindIsFound() {
        run(VerdictFixture.class, "expectedDeadlockPasses")
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));

        Throwable none = failureOf(run(VerdictFixture.class, "expectedDeadlockMissingFails"));
        assertThat(none).isExactlyInstanceOf(AssertionError.class)
                .hasMessageStartingWith("expected DEADLOCK but no schedule found it: smpcheck ")
                .hasMessageContaining("100 schedules");

        Throwable other = failureOf(run(VerdictFixture.class, "expectedDeadlockButLostUpdateFails"));
        assertThat(other).isInstanceOf(SmpViolation.class)
                .hasMessageStartingWith("expected DEADLOCK but found ASSERTION_FAILED in schedule ");
    }

    @Test
    void anExceptionInAThreadTheBodyStartedFailsTheTest() {
        Throwable t = failureOf(run(VerdictFixture.class, "exceptionInStartedThreadFails"));

        assertThat(t).isInstanceOf(SmpViolation.class);
        assertThat(((SmpViolation) t).kind()).isEqualTo(Violation.UNCAUGHT_EXCEPTION);
        assertThat(t.getMessage()).contains("in worker: java.lang.IllegalStateException: worker failed");
        assertThat(t.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aThreadStartedBehindTheEnginesBackFailsTheTest() {
        Throwable t = failureOf(run(VerdictFixture.class, "uncontrolledThreadFails"));

        assertThat(t).isInstanceOf(SmpViolation.class);
        assertThat(((SmpViolation) t).kind()).isEqualTo(Violation.UNCONTROLLED_THREAD);
        assertThat(t.getMessage()).contains("started 1 thread(s) that smpcheck does not control: 'rogue'");
    }

    @Test
    void aBodyThatNeverReachesASchedulePointTimesOutAndTheNextTestStillRuns() throws Exception {
        TimeoutFixture.release = false;
        try {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(TimeoutFixture.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
            Throwable t = failureOf(results);
            assertThat(((SmpViolation) t).kind()).isEqualTo(Violation.TIMEOUT);
            assertThat(t.getMessage()).contains("main ran for 300 ms without reaching a schedule point")
                    .contains("TimeoutFixture.a_spinsForever");
        } finally {
            TimeoutFixture.release = true;
        }
        awaitNoWorkers();
    }

    @Test
    void noControlledThreadOutlivesATest() throws Exception {
        int before = Thread.activeCount();
        run(VerdictFixture.class, "lostUpdateFails");
        run(VerdictFixture.class, "expectedDeadlockPasses");
        run(VerdictFixture.class, "exceptionInStartedThreadFails");
        awaitNoWorkers();
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(before);
    }

    @Test
    void eachConfigurationErrorNamesTheAttributeAndTheAllowedRangeAndRunsNothing() {
        BadConfigFixture.bodies = 0;
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BadConfigFixture.class)).execute();

        results.testEvents().assertStatistics(s -> s.started(9).failed(9));
        Map<String, String> messages = results.testEvents().failed().stream().collect(Collectors.toMap(
                e -> e.getTestDescriptor().getDisplayName(),
                e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage()));
        String id = BadConfigFixture.class.getName() + "#";
        assertThat(messages).containsEntry("cpusZero(Smp)",
                "@SmpTest(cpus = 0) on " + id + "cpusZero is out of range: cpus must be between 1 and 64");
        assertThat(messages).containsEntry("cpusTooMany(Smp)",
                "@SmpTest(cpus = 65) on " + id + "cpusTooMany is out of range: cpus must be between 1 and 64");
        assertThat(messages).containsEntry("schedulesZero(Smp)",
                "@SmpTest(schedules = 0) on " + id + "schedulesZero is out of range: schedules must be at least 1");
        assertThat(messages).containsEntry("preemptionsNegative(Smp)", "@SmpTest(preemptions = -2) on " + id
                + "preemptionsNegative is out of range: preemptions must be at least 0, or -1 for no bound");
        assertThat(messages).containsEntry("strategyUnknown(Smp)", "@SmpTest(strategy = \"fastest\") on " + id
                + "strategyUnknown is unknown: strategy must be one of default, pct, random, dfs");
        assertThat(messages).containsEntry("maxStepsZero(Smp)",
                "@SmpTest(maxSteps = 0) on " + id + "maxStepsZero is out of range: maxSteps must be at least 1");
        assertThat(messages).containsEntry("exhaustiveWithoutDfs(Smp)", "@SmpTest(exhaustive = true) on " + id
                + "exhaustiveWithoutDfs needs strategy = \"dfs\", the only strategy that can cover a space; got "
                + "strategy = \"default\"");
        assertThat(messages.get("replayMalformed(Smp)")).startsWith("@SmpTest(replay = \"not-a-token\") on " + id
                + "replayMalformed is not valid: malformed replay token: it does not start with 'smp1.'");
        assertThat(messages.get("replayFromAnotherTest(Smp)")).contains("replayFromAnotherTest was recorded for "
                + "another test or configuration");
        assertThat(BadConfigFixture.bodies).isZero();
    }

    @Test
    void theReplayPropertyReplaysOnlyTheTestThatRecordedIt() {
        SmpViolation first = (SmpViolation) failureOf(run(ReplayFixture.class, "fails"));
        String schedule = first.getMessage().lines().findFirst().orElseThrow().replaceAll(" of .*", "");
        System.setProperty(SmpTestConfig.REPLAY_PROPERTY, first.token());
        try {
            ReplayFixture.bodies = 0;
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(ReplayFixture.class)).execute();

            results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
            SmpViolation again = (SmpViolation) failureOf(results);
            assertThat(again.token()).isEqualTo(first.token());
            assertThat(again.getMessage()).startsWith(schedule + " of ");
            assertThat(ReplayFixture.bodies).as("one replayed schedule plus its traced re-run").isEqualTo(2);
        } finally {
            System.clearProperty(SmpTestConfig.REPLAY_PROPERTY);
        }
    }

    @Test
    void aMalformedReplayPropertyFailsLoudly() {
        System.setProperty(SmpTestConfig.REPLAY_PROPERTY, "smp1.garbage");
        try {
            Throwable t = failureOf(run(ReplayFixture.class, "passes"));
            assertThat(t).isInstanceOf(SmpConfigurationError.class)
                    .hasMessageStartingWith("-Dsmpcheck.replay is not valid: malformed replay token");
        } finally {
            System.clearProperty(SmpTestConfig.REPLAY_PROPERTY);
        }
    }

    @Test
    void theShardPropertyRunsThatPartOfEverySearch() {
        System.setProperty(SmpTestConfig.SHARD_PROPERTY, "1/4");
        try {
            ShardFixture.bodies = 0;
            run(ShardFixture.class, "counts").testEvents().assertStatistics(s -> s.started(1).succeeded(1));
            // Schedules 1, 5, ..., 49 of the 50.
            assertThat(ShardFixture.bodies).isEqualTo(13);

            System.setProperty(SmpTestConfig.SHARD_PROPERTY, "3/2");
            Throwable t = failureOf(run(ShardFixture.class, "counts"));
            assertThat(t).isInstanceOf(SmpConfigurationError.class).hasMessage("-Dsmpcheck.shard=3/2 is out of range: "
                    + "allowed: i/n with 0 <= i < n, such as 0/4, 1/4, 2/4 and 3/4");
        } finally {
            System.clearProperty(SmpTestConfig.SHARD_PROPERTY);
        }
    }

    static void awaitNoWorkers() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (workers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(workers()).as("smpcheck worker threads still alive").isZero();
    }

    static long workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("smpcheck-worker-") && t.isAlive()).count();
    }

}
