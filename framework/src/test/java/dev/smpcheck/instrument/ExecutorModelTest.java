package dev.smpcheck.instrument;

import static dev.smpcheck.instrument.JavaSemanticsTest.finds;
import static dev.smpcheck.instrument.JavaSemanticsTest.passesExhaustively;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Pools;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** Executors, futures and CompletableFuture's async methods under control. */
class ExecutorModelTest {

    @Test
    void tasksOfAFixedPoolRunOnControlledThreads() throws Throwable {
        SearchResult r = finds("fixedPool", Pools::lostUpdateOnAFixedPool, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).isEqualTo("lost an update: count is 1");
        finds("madeEarly", Pools::lostUpdateOnAPoolMadeEarly, Violation.ASSERTION_FAILED);
    }

    @Test
    void aPoolOfOneThreadRunsItsTasksOneAfterTheOther() throws Throwable {
        passesExhaustively("singleThread", Pools::singleThreadSerializes);
        passesExhaustively("constructed", Pools::constructedPoolOfOneSerializes);
    }

    @Test
    void aTaskWaitingForATaskQueuedBehindItIsADeadlock() throws Throwable {
        SearchResult r = finds("starvation", Pools::taskWaitsForATaskQueuedBehindIt, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message())
                .contains("pool-1-thread-1 waits for completion of pool-1 task 2 (not done)")
                .contains("main waits for completion of pool-1 task 1 (not done)");
    }

    @Test
    void asyncStagesRunOnTheCommonPoolOfTheSchedule() throws Throwable {
        passesExhaustively("stages", Pools::asyncStagesCompose);
        SearchResult r = finds("commonPool", Pools::lostUpdateOnTheCommonPool, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).isEqualTo("lost an update: count is 1");
    }

    @Test
    void invokeAllShutdownAndTermination() throws Throwable {
        passesExhaustively("invokeAll", Pools::invokeAllThenTerminate);
        passesExhaustively("shutdownNow", Pools::shutdownNowInterruptsARunningTask);
        passesExhaustively("timedGet", Pools::timedGetTimesOut);
    }

    @Test
    void aUsersSubclassOfThreadPoolExecutorRunsItsHooksUnderControl() throws Throwable {
        SearchResult r = finds("audited", Pools::auditedPoolOfTwoLosesACount, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).startsWith("audited 1 started");
        passesExhaustively("auditedOne", Pools::auditedPoolOfOneCountsEveryTask);
        SearchResult wrapped = finds("wrapping", Pools::wrappingPoolLosesAnUpdate, Violation.ASSERTION_FAILED);
        assertThat(wrapped.finding().outcome().message()).isEqualTo("lost an update: count is 1");
    }
}
