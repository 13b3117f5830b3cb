package dev.smpcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.SmpViolation;
import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.fixtures.plain.AccountFixture;
import dev.smpcheck.junit.fixtures.plain.AtomicOverdraftFixture;
import dev.smpcheck.junit.fixtures.plain.BarrierFixture;
import dev.smpcheck.junit.fixtures.plain.BoundedBufferFixture;
import dev.smpcheck.junit.fixtures.plain.ConcurrentMapFixture;
import dev.smpcheck.junit.fixtures.plain.ConditionFixture;
import dev.smpcheck.junit.fixtures.plain.ExecutorFixture;
import dev.smpcheck.junit.fixtures.plain.ForkJoinFixture;
import dev.smpcheck.junit.fixtures.plain.LatchFixture;
import dev.smpcheck.junit.fixtures.plain.LazyInitFixture;
import dev.smpcheck.junit.fixtures.plain.LockOrderFixture;
import dev.smpcheck.junit.fixtures.plain.LostUpdateFixture;
import dev.smpcheck.junit.fixtures.plain.QueueFixture;
import dev.smpcheck.junit.fixtures.plain.ReadWriteFixture;
import dev.smpcheck.junit.fixtures.plain.ScopeFixture;
import dev.smpcheck.junit.fixtures.plain.SemaphoreFixture;
import dev.smpcheck.junit.fixtures.plain.StampedLockFixture;
import dev.smpcheck.junit.fixtures.plain.WaitNotifyFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Plain-Java programs under {@code @SmpTest} with the agent: each classic bug is found within the default budget, and
 * each correct twin passes a bounded exhaustive search (DFS, at most 2 preemptions).
 */
class PlainJavaTest {

    /** Runs one fixture method and returns what it printed (the search summary). */
    static String runCapturing(Class<?> type, String method, EngineExecutionResults[] results) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            results[0] = SmpTestExtensionTest.run(type, method);
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        out.print(text);
        return text;
    }

    /** Asserts that the default search (the portfolio) finds a violation of that kind, and returns it. */
    static SmpViolation finds(Class<?> type, String method, Violation kind) {
        EngineExecutionResults[] results = new EngineExecutionResults[1];
        String out = runCapturing(type, method, results);
        assertThat(out).contains("portfolio of PCT d=1..3 and random walk").contains(kind + " in schedule ");
        return violation(results[0], kind);
    }

    static SmpViolation violation(EngineExecutionResults results, Violation kind) {
        Throwable t = SmpTestExtensionTest.failureOf(results);
        assertThat(t).isInstanceOf(SmpViolation.class);
        SmpViolation v = (SmpViolation) t;
        assertThat(v.kind()).isEqualTo(kind);
        return v;
    }

    static void exhaustsCleanly(Class<?> type, String method) {
        EngineExecutionResults[] results = new EngineExecutionResults[1];
        String out = runCapturing(type, method, results);
        results[0].testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        assertThat(out)
                .containsPattern("bounded DFS \\(preemptions <= 2\\), [\\d,]+ schedules, exhausted, no violation");
    }

    @Test
    void aTokenReplaysTheFailingScheduleOnTheSameJdk() {
        SmpViolation first = finds(LostUpdateFixture.class, "racyIncrement", Violation.ASSERTION_FAILED);
        System.setProperty(SmpTestConfig.REPLAY_PROPERTY, first.token());
        try {
            SmpViolation again = violation(SmpTestExtensionTest.run(LostUpdateFixture.class, "racyIncrement"),
                    Violation.ASSERTION_FAILED);
            assertThat(again.token()).isEqualTo(first.token());
            // The same schedule: the same trace, line for line.
            assertThat(swimlane(again)).isEqualTo(swimlane(first)).hasSizeGreaterThan(10);
        } finally {
            System.clearProperty(SmpTestConfig.REPLAY_PROPERTY);
        }
    }

    static java.util.List<String> swimlane(SmpViolation v) {
        return v.getMessage().lines().dropWhile(l -> !l.startsWith(" step |")).toList();
    }

    @Test
    void badInstrumentRulesAreConfigurationErrors() {
        String id = ScopeFixture.class.getName() + "#";
        assertThat(SmpTestExtensionTest.failureOf(SmpTestExtensionTest.run(ScopeFixture.class, "ruleWithoutSign")))
                .isInstanceOf(SmpConfigurationError.class)
                .hasMessage("@SmpTest(instrument = {\"+com.acme\", \"java.util\"}) on " + id + "ruleWithoutSign is not "
                        + "valid: rule \"java.util\" must start with + (instrument) or - (leave alone); a rule is "
                        + "+name or -name, where name is a package, a class or *");
        assertThat(SmpTestExtensionTest.failureOf(SmpTestExtensionTest.run(ScopeFixture.class, "ruleNamingTheJdk")))
                .isInstanceOf(SmpConfigurationError.class)
                .hasMessageContaining("rule \"+java.util.concurrent\" names JDK classes, which smpcheck never "
                        + "instruments");
    }

    @Test
    void aTestThatLeavesItsCodeAloneRunsItAsPlainJava() {
        SmpTestExtensionTest.run(ScopeFixture.class, "racyButOutOfScope")
                .testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void aThreadTheJdkStartsIsReportedAsUncontrolled() {
        SmpViolation v = finds(ScopeFixture.class, "timerThread", Violation.UNCONTROLLED_THREAD);
        assertThat(v.getMessage()).contains("the code under test started 1 thread(s) that smpcheck does not control: "
                + "'timer'").contains("threads that the JDK starts (a thread pool's workers, a Timer) are not "
                + "controlled");
    }

    @Test
    void theDocumentedExampleOverdraws() {
        SmpViolation v = finds(AccountFixture.class, "transfersNeverOverdraw", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).containsPattern("Expecting actual:\\s+-40\\s+to be greater than or equal to:\\s+0")
                .contains("| read balance Account#1").contains("| write balance Account#1");
    }

    @Test
    void lostUpdateOnAPlainField() {
        SmpViolation v = finds(LostUpdateFixture.class, "racyIncrement", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("lost an update: count is 1").contains("| thread-1").contains("| thread-2")
                .contains("read count").contains("write count");
        exhaustsCleanly(LostUpdateFixture.class, "synchronizedIncrement");
    }

    @Test
    void lockOrderDeadlockWithSynchronized() {
        SmpViolation v = finds(LockOrderFixture.class, "synchronizedInOppositeOrders", Violation.DEADLOCK);
        assertThat(v.getMessage())
                .containsPattern("thread-\\d waits for monitor of Object#\\d \\(held by thread-\\d\\)");
        exhaustsCleanly(LockOrderFixture.class, "synchronizedInOneOrder");
    }

    @Test
    void lockOrderDeadlockWithReentrantLock() {
        SmpViolation v = finds(LockOrderFixture.class, "reentrantLocksInOppositeOrders", Violation.DEADLOCK);
        assertThat(v.getMessage())
                .containsPattern("thread-\\d waits for lock ReentrantLock#\\d \\(held by thread-\\d\\)");
        exhaustsCleanly(LockOrderFixture.class, "reentrantLocksInOneOrder");
    }

    @Test
    void lostNotifyWithIfInsteadOfWhile() {
        SmpViolation v = finds(WaitNotifyFixture.class, "ifInsteadOfWhile", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("took from an empty buffer");
        exhaustsCleanly(WaitNotifyFixture.class, "whileLoop");
    }

    @Test
    void checkThenActOverdraftOnAnAtomicInteger() {
        SmpViolation v = finds(AtomicOverdraftFixture.class, "checkThenAct", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("overdrawn: balance is -40");
        exhaustsCleanly(AtomicOverdraftFixture.class, "compareAndSet");
    }

    @Test
    void lazyInitialisationWithoutSynchronisation() {
        SmpViolation v = finds(LazyInitFixture.class, "unsynchronized", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("created 2 instances");
        exhaustsCleanly(LazyInitFixture.class, "synchronizedGetter");
    }

    @Test
    void aLatchNeverCountedDownOnOnePath() {
        SmpViolation v = finds(LatchFixture.class, "countedDownOnOnePathOnly", Violation.DEADLOCK);
        assertThat(v.getMessage()).contains("main waits for count down of CountDownLatch#1 (count is 1)");
        exhaustsCleanly(LatchFixture.class, "countedDownInFinally");
    }

    @Test
    void aSemaphoreWithOnePermitTooMany() {
        SmpViolation v = finds(SemaphoreFixture.class, "twoPermits", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("lost an update: count is 1");
        exhaustsCleanly(SemaphoreFixture.class, "onePermit");
    }

    @Test
    void checkThenActOnABlockingQueue() {
        SmpViolation v = finds(QueueFixture.class, "checkThenActOnAQueue", Violation.UNCAUGHT_EXCEPTION);
        assertThat(v.getCause()).isInstanceOf(java.util.NoSuchElementException.class);
        exhaustsCleanly(QueueFixture.class, "takeWaitsForAnItemAndPutForRoom");
    }

    @Test
    void checkThenActAcrossTheTwoSidesOfAReadWriteLock() {
        SmpViolation v = finds(ReadWriteFixture.class, "checkedOnlyUnderTheReadLock", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("computed 2 times");
        exhaustsCleanly(ReadWriteFixture.class, "checkedAgainUnderTheWriteLock");
        SmpViolation upgrade = violation(SmpTestExtensionTest.run(ReadWriteFixture.class, "upgradeWaitsForever"),
                Violation.DEADLOCK);
        assertThat(upgrade.getMessage())
                .contains("main waits for write lock ReentrantReadWriteLock#1 (read by main)");
    }

    @Test
    void checkThenActOnAConcurrentMap() {
        SmpViolation v = finds(ConcurrentMapFixture.class, "containsKeyThenPut", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("registered 2 times").contains("call ConcurrentMap.containsKey")
                .contains("call ConcurrentMap.put");
        exhaustsCleanly(ConcurrentMapFixture.class, "putIfAbsentOnce");
        exhaustsCleanly(ConcurrentMapFixture.class, "computeIfAbsentOnce");
    }

    @Test
    void boundedBufferWithNotifyInsteadOfNotifyAll() {
        SmpViolation v = finds(BoundedBufferFixture.class, "notifyWakesTheWrongThread", Violation.DEADLOCK);
        assertThat(v.getMessage()).containsPattern("main waits for notify on Buffer#1 \\(no signal yet\\)")
                .containsPattern("thread-[12] waits for notify on Buffer#1 \\(no signal yet\\)");
        exhaustsCleanly(BoundedBufferFixture.class, "notifyAllWakesEveryone");
    }

    @Test
    void lostUpdateThroughAnExecutorService() {
        SmpViolation v = finds(ExecutorFixture.class, "lostUpdateInPoolTasks", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("lost an update: count is 1").contains("| pool-1-thread-1")
                .contains("| pool-1-thread-2");
        exhaustsCleanly(ExecutorFixture.class, "atomicIncrementInPoolTasks");
        exhaustsCleanly(ExecutorFixture.class, "synchronizedIncrementInPoolTasks");
    }

    @Test
    void supplyAsyncTasksRunOnControlledThreadsAndJoinWaitsForThem() {
        SmpViolation v = finds(ExecutorFixture.class, "lostUpdateInAsyncTasks", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("lost an update: count is 1").contains("| ForkJoinPool.commonPool-worker-1");
        exhaustsCleanly(ExecutorFixture.class, "supplyAsyncThenJoin");
    }

    @Test
    void futureGetWaitsInTheModel() {
        SmpViolation v = finds(ExecutorFixture.class, "taskWaitsForATaskBehindIt", Violation.DEADLOCK);
        assertThat(v.getMessage())
                .contains("pool-1-thread-1 waits for completion of pool-1 task 2 (not done)")
                .contains("main waits for completion of pool-1 task 1 (not done)");
    }

    @Test
    void forkJoinOnTheCommonPool() {
        SmpViolation v = finds(ForkJoinFixture.class, "leavesCountedIntoAField", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("lost an update: counted 1 of 2 leaves")
                .contains("| ForkJoinPool.commonPool-worker-1");
        exhaustsCleanly(ForkJoinFixture.class, "leavesReturnedThroughJoin");
    }

    @Test
    void aPoolTheModelCannotRunIsAClearError() {
        SmpViolation v = finds(ExecutorFixture.class, "scheduledPool", Violation.UNCAUGHT_EXCEPTION);
        assertThat(v.getCause()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("smpcheck cannot run a task handed to "
                        + "java.util.concurrent.ScheduledThreadPoolExecutor on a controlled thread: scheduled "
                        + "executors are not modelled");
    }

    @Test
    void optimisticReadOfAStampedLock() {
        SmpViolation v = finds(StampedLockFixture.class, "optimisticReadNotValidated", Violation.ASSERTION_FAILED);
        assertThat(v.getMessage()).contains("read a torn point: x = 0, y = 1");
        exhaustsCleanly(StampedLockFixture.class, "optimisticReadValidated");
    }

    @Test
    void cyclicBarrier() {
        exhaustsCleanly(BarrierFixture.class, "actionRunsOnceBothHalvesAreIn");
        SmpViolation v = finds(BarrierFixture.class, "aPartyNeverArrives", Violation.DEADLOCK);
        assertThat(v.getMessage()).contains("thread-1 waits for trip of CyclicBarrier#1 (1 of 3 part(ies) still to "
                + "arrive)");
    }

    @Test
    void lostConditionSignal() {
        SmpViolation v = finds(ConditionFixture.class, "signalBeforeAwaitIsLost", Violation.DEADLOCK);
        assertThat(v.getMessage()).containsPattern("thread-1 waits for signal on \\S+ \\(no signal yet\\)");
        exhaustsCleanly(ConditionFixture.class, "flagCheckedInALoop");
    }
}
