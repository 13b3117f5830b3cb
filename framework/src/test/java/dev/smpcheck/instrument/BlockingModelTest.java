package dev.smpcheck.instrument;

import static dev.smpcheck.instrument.JavaSemanticsTest.finds;
import static dev.smpcheck.instrument.JavaSemanticsTest.passesExhaustively;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Primitives;
import dev.smpcheck.plain.StampedViews;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** StampedLock (with its Lock views), CyclicBarrier, Phaser, Exchanger and SynchronousQueue under control. */
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
    void stampedLockViewsWorkOnTheLocksModel() throws Throwable {
        passesExhaustively("viewsFollowTheJdk", StampedViews::viewsFollowTheJdk);
        passesExhaustively("viewsAndStamps", StampedViews::viewsAndStampsExcludeEachOther);
        passesExhaustively("interruptView", StampedViews::interruptEndsAViewWait);
        passesExhaustively("staticView", StampedViews::staticWriteView);
    }

    @Test
    void aWriteUnderTheReadViewLosesAnUpdateAndTheWriteViewDoesNot() throws Throwable {
        SearchResult r = finds("readView", StampedViews::incrementUnderReadView, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).contains("lost an update: 1");
        passesExhaustively("writeView", StampedViews::incrementUnderWriteView);
    }

    @Test
    void theWriteViewIsNotReentrant() throws Throwable {
        SearchResult r = finds("viewTwice", StampedViews::writeViewTwice, Violation.DEADLOCK);
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
