package dev.smpcheck.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.RecordedCounters;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/**
 * An operation recorded with {@code History.call} keeps its schedule points: the recorder is not instrumented, and it
 * must not make the instrumented operation it calls an atomic region.
 */
class RecordedOperationsTest {

    @Test
    void aRacyCounterRecordedThroughTheHistoryIsFoundNotLinearizable() throws Throwable {
        SearchResult r = PlainPrograms.search("recordedRacy", () -> RecordedCounters.racy(1));

        assertThat(r.finding()).isNotNull();
        assertThat(r.finding().kind()).isEqualTo(Violation.NOT_LINEARIZABLE);
    }

    /**
     * The increments are the only points that differ between the two searches, so the counts are equal only if the
     * recorded operations get theirs: with the recorder opaque, the recorded search would see far fewer schedules.
     */
    @Test
    void recordingAnOperationDoesNotChangeTheSpaceSearched() throws Throwable {
        SearchResult recorded = PlainPrograms.exhaust("recordedAtomic", () -> RecordedCounters.atomic(3));
        SearchResult bare = PlainPrograms.exhaust("bareAtomic", () -> RecordedCounters.atomicUnrecorded(3));

        assertThat(recorded.finding()).isNull();
        assertThat(recorded.exhausted()).isTrue();
        assertThat(recorded.schedules()).isEqualTo(bare.schedules()).isGreaterThan(20);
    }

    /** A method reference to the atomic gets the same point as the lambda calling it. */
    @Test
    void aMethodReferenceToAnAtomicGetsItsPoint() throws Throwable {
        SearchResult byReference = PlainPrograms.exhaust("referenceAtomic", () -> RecordedCounters.atomicByReference(3));
        SearchResult byLambda = PlainPrograms.exhaust("lambdaAtomic", () -> RecordedCounters.atomic(3));

        assertThat(byReference.finding()).isNull();
        assertThat(byReference.exhausted()).isTrue();
        assertThat(byReference.schedules()).isEqualTo(byLambda.schedules());
    }
}
