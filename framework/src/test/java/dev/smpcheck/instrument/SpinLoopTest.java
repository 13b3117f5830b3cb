package dev.smpcheck.instrument;

import static dev.smpcheck.instrument.JavaSemanticsTest.finds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Spins;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** Busy-waiting becomes waiting: correct spin handshakes pass exhaustively, broken ones and livelocks are reported. */
class SpinLoopTest {

    private static void assertPassesExhaustively(String name, PlainPrograms.Program program) throws Throwable {
        SearchResult r = PlainPrograms.exhaust(name, program);
        assertThat(r.finding()).as(r.summary()).isNull();
        assertThat(r.exhausted()).isTrue();
        System.out.println(r.summary());
    }

    @Test
    void aCorrectSpinHandshakePassesAnExhaustiveSearch() throws Throwable {
        assertPassesExhaustively("handshake", Spins::handshake);
    }

    @Test
    void aSpinOnAnAtomicFlagPassesToo() throws Throwable {
        assertPassesExhaustively("atomicHandshake", Spins::atomicHandshake);
    }

    @Test
    void aSpinThatPollsWithSleepOnAStaticFieldPassesToo() throws Throwable {
        assertPassesExhaustively("sleepPoll", Spins::sleepPollOnStatic);
    }

    /** The spin is detected, but counted in a local variable the loop still ends: it is not reported. */
    @Test
    void aBoundedSpinThatGivesUpIsNotALivelock() throws Throwable {
        assertPassesExhaustively("boundedSpin", Spins::boundedSpinGivesUp);
    }

    /**
     * A failed CAS writes nothing, so a thread that retries it on a lock nobody released waits for the release instead
     * of running into the step bound; with an atomic flag and with a {@code VarHandle} on an {@code int} field.
     */
    @Test
    void aCasSpinLockPassesAnExhaustiveSearch() throws Throwable {
        assertPassesExhaustively("casLockAtomic", () -> Spins.casSpinLock(true));
        assertPassesExhaustively("casLockHandle", () -> Spins.casSpinLock(false));
    }

    @Test
    void aSpinLockTakenByCheckThenSetIsFound() throws Throwable {
        SearchResult r = finds("checkThenSet", Spins::checkThenSetLock, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).contains("lost an update: 1");
    }

    @Test
    void threadsThatWaitForEachOtherThroughCasAreALivelock() throws Throwable {
        SearchResult r = finds("casBothWait", Spins::casWaitForEachOther, Violation.LIVELOCK);
        assertThat(r.finding().outcome().message()).contains("spin forever")
                .contains("thread-1 re-reads the value of AtomicBoolean")
                .contains("thread-2 re-reads the value of AtomicBoolean");
        assertThat(r.finding().outcome().steps()).as("well before the step bound").isLessThan(10_000);
    }

    @Test
    void aHandshakeThatRaisesTheFlagTooEarlyIsFound() throws Throwable {
        SearchResult r = PlainPrograms.search("brokenOrder", Spins::handshakeBrokenOrder);
        assertThat(r.finding()).isNotNull();
        assertThat(r.finding().kind()).isEqualTo(Violation.ASSERTION_FAILED);
    }

    @Test
    void threadsThatSpinOnEachOtherAreALivelockNamingWhatTheyReRead() throws Throwable {
        SearchResult r = PlainPrograms.search("bothWait", Spins::bothWaitForEachOther);
        assertThat(r.finding()).isNotNull();
        assertThat(r.finding().kind()).isEqualTo(Violation.LIVELOCK);
        String message = r.finding().outcome().message();
        assertThat(message).contains("spin forever").contains("re-reads done of Flags").contains("re-reads ready of Flags");
        assertThat(r.finding().outcome().steps()).as("well before the step bound").isLessThan(10_000);
        System.out.println(r.finding().report());
    }

    @Test
    void aWriteOfTheWrongFieldLeavesTheSpinnerSpinning() throws Throwable {
        SearchResult r = PlainPrograms.search("missedWrite", Spins::missedWrite);
        assertThat(r.finding()).isNotNull();
        assertThat(r.finding().kind()).isEqualTo(Violation.LIVELOCK);
        assertThat(r.finding().outcome().message()).contains("thread-2 re-reads ready of Flags")
                .doesNotContain("thread-1");
    }

    /** Threads that write on every turn are not spinning: they still run into the step bound. */
    @Test
    void aLivelockThatKeepsWritingIsStillReported() throws Throwable {
        SearchResult r = PlainPrograms.search(SearchConfig.defaults("busy").withMaxSteps(2_000),
                Spins::busyWithoutProgress);
        assertThat(r.finding()).isNotNull();
        assertThat(r.finding().kind()).isEqualTo(Violation.LIVELOCK);
        assertThat(r.finding().outcome().message()).contains("exceeded its bound of 2000 steps");
    }
}
