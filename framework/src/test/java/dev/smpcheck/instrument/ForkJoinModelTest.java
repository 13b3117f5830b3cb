package dev.smpcheck.instrument;

import static dev.smpcheck.instrument.JavaSemanticsTest.finds;
import static dev.smpcheck.instrument.JavaSemanticsTest.passesExhaustively;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.ForkJoins;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** Fork/join pools, the common pool and forked tasks under control. */
class ForkJoinModelTest {

    @Test
    void aForkedTaskRacesItsForkerOnTheCommonPool() throws Throwable {
        SearchResult r = finds("fork", ForkJoins::forkedLeavesLoseAnUpdate, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).isEqualTo("lost an update: 1 of 2 leaves counted");
        finds("invokeAll", ForkJoins::invokeAllLeavesLoseAnUpdate, Violation.ASSERTION_FAILED);
        finds("submit", ForkJoins::lostUpdateOnTheCommonForkJoinPool, Violation.ASSERTION_FAILED);
        finds("subclass", ForkJoins::lostUpdateOnASubclassedPool, Violation.ASSERTION_FAILED);
    }

    @Test
    void aFindingReplaysToTheSameTraceAndTheSameSeedFindsItAgain() throws Throwable {
        SearchResult first = finds("fork", ForkJoins::forkedLeavesLoseAnUpdate, Violation.ASSERTION_FAILED);
        SearchResult again = finds("fork", ForkJoins::forkedLeavesLoseAnUpdate, Violation.ASSERTION_FAILED);
        assertThat(again.finding().schedule()).isEqualTo(first.finding().schedule());
        assertThat(again.finding().report()).isEqualTo(first.finding().report());
        SearchResult replayed = PlainPrograms.search(
                SearchConfig.defaults("fork").withReplay(first.finding().token()),
                ForkJoins::forkedLeavesLoseAnUpdate);
        assertThat(replayed.finding().trace().events()).isEqualTo(first.finding().trace().events());
        assertThat(replayed.finding().trace().actors()).contains("ForkJoinPool.commonPool-worker-1");
    }

    @Test
    void resultsPassedByJoinAreExactInEverySchedule() throws Throwable {
        passesExhaustively("sum", ForkJoins::forkJoinSumIsExact);
    }

    @Test
    void aWorkerJoiningItsQueuedTaskRunsItItself() throws Throwable {
        // Parallelism 1: the worker takes back each task it forked, main waits in invoke, so nothing can interleave.
        SearchResult r = PlainPrograms.exhaust("parallelismOne", ForkJoins::parallelismOneRunsTheTreeOnOneWorker);
        assertThat(r.finding()).isNull();
        assertThat(r.exhausted()).isTrue();
        assertThat(r.schedules()).isEqualTo(1);
    }

    @Test
    void aBlockedWorkerGetsNoSpareAsInTheJdk() throws Throwable {
        SearchResult r = finds("latch", ForkJoins::taskWaitsForALatchQueuedBehindIt, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message())
                .contains("ForkJoinPool-1-worker-1 waits for")
                .contains("main waits for completion of ForkJoinPool-1 task 1 (not done)");
    }

    @Test
    void poolQueriesAndQuiescenceAnswerFromTheModel() throws Throwable {
        passesExhaustively("getPool", ForkJoins::aTaskKnowsItsPool);
        passesExhaustively("quiescence", ForkJoins::quiescenceWaitsForAnExecutedTask);
    }

    @Test
    void whatTheModelCannotRunFailsWithTheReason() throws Throwable {
        SearchResult cc = finds("countedCompleter", ForkJoins::countedCompleter, Violation.UNCAUGHT_EXCEPTION);
        assertThat(cc.finding().outcome().failure()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith("smpcheck does not model CountedCompleter tasks yet");
        SearchResult early = finds("early", ForkJoins::commonPoolKeptBeforeTheTest, Violation.UNCAUGHT_EXCEPTION);
        assertThat(early.finding().outcome().failure()).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("it is the JDK's common pool, obtained where the agent could not route it");
    }
}
