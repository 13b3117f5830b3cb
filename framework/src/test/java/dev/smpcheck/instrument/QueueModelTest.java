package dev.smpcheck.instrument;

import static dev.smpcheck.instrument.JavaSemanticsTest.finds;
import static dev.smpcheck.instrument.JavaSemanticsTest.passesExhaustively;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Queues;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

/** Blocking deques, bounded queues, transfer queues and delay queues under control. */
class QueueModelTest {

    @Test
    void aDeadlockThroughTwoDequesIsReportedWithWhoWaitsForWhat() throws Throwable {
        SearchResult r = finds("crossedDeques", Queues::dequesTakenBeforeFed, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message())
                .contains("waits for an element of LinkedBlockingDeque#1 (it is empty)")
                .contains("waits for an element of LinkedBlockingDeque#2 (it is empty)");
        passesExhaustively("fedFirst", Queues::dequesFedBeforeTaken);
    }

    @Test
    void dequeEndsWaitAsPutAndTakeDo() throws Throwable {
        SearchResult deque = PlainPrograms.exhaust("deque", Queues::oneSlotDequeHandsOverInOrder);
        SearchResult queue = PlainPrograms.exhaust("queue", Queues::oneSlotQueueHandsOverInOrder);
        assertThat(deque.finding()).isNull();
        assertThat(deque.exhausted()).isTrue();
        assertThat(deque.schedules()).isEqualTo(queue.schedules());
        passesExhaustively("timedDeque", Queues::timedDequeCallsTimeOutOnlyWhenNothingElseCanRun);
    }

    @Test
    void putOnAFullBoundedQueueWaitsInTheModel() throws Throwable {
        SearchResult r = finds("fullQueue", Queues::putTwiceBeforeTheConsumerStarts, Violation.DEADLOCK);
        assertThat(r.finding().outcome().message())
                .contains("main waits for room in LinkedBlockingQueue#1 (it is full)");
        passesExhaustively("roomInQueue", Queues::putTwiceAfterTheConsumerStarts);
        SearchResult d = finds("fullDeque", Queues::putTwiceIntoADequeBeforeTheConsumerStarts, Violation.DEADLOCK);
        assertThat(d.finding().outcome().message())
                .contains("main waits for room in LinkedBlockingDeque#1 (it is full)");
        passesExhaustively("roomInDeque", Queues::putTwiceIntoADequeAfterTheConsumerStarts);
    }

    @Test
    void transferReturnsOnlyOnceAConsumerHasTheItem() throws Throwable {
        SearchResult r = finds("put", Queues::putDoesNotWaitForTheConsumer, Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message())
                .isEqualTo("the item is still queued after the hand-over returned");
        passesExhaustively("transfer", Queues::transferWaitsForTheConsumer);
        passesExhaustively("equalItem", Queues::transferBehindAnEqualItem);
        SearchResult alone = finds("alone", Queues::transferWithoutConsumer, Violation.DEADLOCK);
        assertThat(alone.finding().outcome().message())
                .contains("main waits for a consumer of LinkedTransferQueue#1 (nobody took 1 yet)");
    }

    @Test
    void tryTransferHandsOnlyToAWaitingConsumer() throws Throwable {
        passesExhaustively("tryTransfer", Queues::tryTransferReachesOnlyAWaitingConsumer);
        // Both answers are reachable.
        finds("handed", Queues::tryTransferNeverSucceeds, Violation.ASSERTION_FAILED);
        finds("notHanded", Queues::tryTransferAlwaysSucceeds, Violation.ASSERTION_FAILED);
        passesExhaustively("timedTransfer", Queues::timedTransferTimesOutOnlyWithoutConsumer);
        passesExhaustively("interrupt", Queues::anInterruptTakesATransferBack);
    }

    @Test
    void aDelayQueueFailsWithTheReason() throws Throwable {
        for (SearchResult r : new SearchResult[] {
                finds("delay", Queues::takeFromADelayQueue, Violation.UNCAUGHT_EXCEPTION),
                finds("delayAsQueue", Queues::pollADelayQueueAsABlockingQueue, Violation.UNCAUGHT_EXCEPTION)}) {
            assertThat(r.finding().outcome().failure()).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageStartingWith("smpcheck does not model java.util.concurrent.DelayQueue: whether an "
                            + "element's delay has expired depends on the real clock");
        }
    }
}
