package dev.smpcheck.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Semantics;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** How the model treats Java's blocking and thread methods, each checked by an exhaustive search or a finding. */
class JavaSemanticsTest {

    static void passesExhaustively(String name, PlainPrograms.Program program) throws Throwable {
        SearchResult r = PlainPrograms.exhaust(name, program);
        assertThat(r.finding()).as(name).isNull();
        assertThat(r.exhausted()).as(name + " exhausted").isTrue();
    }

    static SearchResult finds(String name, PlainPrograms.Program program, Violation kind) throws Throwable {
        SearchResult r = PlainPrograms.search(name, program);
        assertThat(r.finding()).as(name).isNotNull();
        assertThat(r.finding().kind()).isEqualTo(kind);
        return r;
    }

    @Test
    void aTimedWaitTimesOutOnlyWhenNothingElseCanRun() throws Throwable {
        passesExhaustively("timedWait", Semantics::timedWaitTimesOutLast);
        SearchResult r = finds("untimedWait", Semantics::untimedWaitNobodyNotifies, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message())
                .contains("thread-1 waits for notify on Box#1 (no signal yet)");
    }

    @Test
    void anInterruptEndsAWaitAndIsClearedByTheException() throws Throwable {
        passesExhaustively("interrupt", Semantics::interruptEndsWait);
    }

    @Test
    void parkReturnsWithAPermitGivenBeforeOrAfter() throws Throwable {
        passesExhaustively("parkUnpark", Semantics::unparkBeforeOrAfterPark);
        SearchResult r = finds("parkForever", Semantics::parkWithoutUnpark, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message()).contains("thread-1 waits for unpark (no unpark yet)");
    }

    @Test
    void currentThreadInsideAStartedThreadIsThatThread() throws Throwable {
        passesExhaustively("currentThread", Semantics::currentThreadIsTheStartedThread);
    }

    @Test
    void threadsStartedByAMethodReferenceAreControlled() throws Throwable {
        SearchResult r = finds("methodReference", Semantics::startedByMethodReference, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).isEqualTo("lost an update: count is 1");
    }

    @Test
    void aDynamicProxysHandlerIsInstrumented() throws Throwable {
        SearchResult r = finds("proxy", Semantics::racyProxy, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).isEqualTo("lost an update behind a proxy: count is 1");
    }

    @Test
    void aCallbackFromJdkCodeRunsAtomically() throws Throwable {
        passesExhaustively("forEach", Semantics::raceInsideJdkCallback);
    }

    @Test
    void aClassInitialiserTakesNoSchedulePoints() throws Throwable {
        // A thousand points in <clinit> would pass this step bound many times over.
        SearchResult r = PlainPrograms.search(SearchConfig.defaults("clinit").withMaxSteps(100),
                Semantics::classInitialiserRunsAtomically);
        assertThat(r.finding()).isNull();
    }

    @Test
    void notifyWithoutTheMonitorThrowsAsInJava() throws Throwable {
        SearchResult r = finds("notify", Semantics::notifyWithoutMonitor, Violation.UNCAUGHT_EXCEPTION);
        assertThat(r.finding().outcome().failure()).isInstanceOf(IllegalMonitorStateException.class)
                .hasMessage("current thread is not owner");
    }

    @Test
    void anExceptionLeavingASynchronizedMethodReleasesItsMonitor() throws Throwable {
        passesExhaustively("exception", Semantics::exceptionLeavesSynchronizedMethod);
    }
}
