package dev.smpcheck.instrument;

import static dev.smpcheck.instrument.JavaSemanticsTest.finds;
import static dev.smpcheck.instrument.JavaSemanticsTest.passesExhaustively;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Primitives;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** StampedLock, CyclicBarrier, Phaser, Exchanger and SynchronousQueue under control. */
class BlockingModelTest {

    @Test
    void stampedLockStampsFollowTheJdk() throws Throwable {
        passesExhaustively("stamps", Primitives::stampsFollowTheJdk);
        passesExhaustively("readersAndWriter", Primitives::readersAndAWriter);
    }

    @Test
    void aStampedWriteLockIsNotReentrant() throws Throwable {
        SearchResult r = finds("twice", Primitives::writeLockTwice, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message())
                .contains("main waits for write lock of StampedLock#1 (write-locked by main)");
    }

    @Test
    void phasersAdvanceWhenEveryPartyArrived() throws Throwable {
        passesExhaustively("phases", Primitives::phasesAdvanceTogether);
        SearchResult r = finds("missing", Primitives::phaserPartyMissing, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message())
                .contains("main waits for advance of Phaser#1 (phase 0, 1 part(ies) still to arrive)");
    }

    @Test
    void anInterruptBreaksABarrier() throws Throwable {
        passesExhaustively("barrier", Primitives::barrierBreaksOnInterrupt);
    }

    @Test
    void handOffsPairThreads() throws Throwable {
        passesExhaustively("exchange", Primitives::exchangeSwaps);
        passesExhaustively("exchangeAlone", Primitives::exchangeWithoutPartnerTimesOut);
        passesExhaustively("synchronousQueue", Primitives::synchronousHandOff);
    }
}
