package dev.smpcheck.plain;

import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TransferQueue;

/** Plain-Java programs that pin down how the model treats blocking deques, transfer queues and bounded queues. */
public final class Queues {
    private Queues() {}

    /** A thread's body that may wait. */
    @FunctionalInterface
    interface Body {
        void run() throws InterruptedException;
    }

    static final class Box {
        Object got;
        boolean handed;
    }

    private static Thread thread(Body body) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void startAndJoin(Body a, Body b) throws InterruptedException {
        Semantics.startAndJoin(thread(a), thread(b));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // BlockingDeque.

    /** Each thread takes from its own deque before it feeds the other's: both wait for ever. */
    public static void dequesTakenBeforeFed() throws InterruptedException {
        crossedDeques(true);
    }

    /** The same threads feeding the other's deque first: each finds its item. */
    public static void dequesFedBeforeTaken() throws InterruptedException {
        crossedDeques(false);
    }

    private static void crossedDeques(boolean takeFirst) throws InterruptedException {
        BlockingDeque<Integer> left = new LinkedBlockingDeque<>();
        BlockingDeque<Integer> right = new LinkedBlockingDeque<>();
        startAndJoin(() -> feedThenTake(right, left, takeFirst), () -> feedThenTake(left, right, takeFirst));
    }

    private static void feedThenTake(BlockingDeque<Integer> feed, BlockingDeque<Integer> own, boolean takeFirst)
            throws InterruptedException {
        if (takeFirst) {
            own.takeLast();
        }
        feed.putFirst(1);
        if (!takeFirst) {
            check(own.takeLast() == 1, "wrong item");
        }
    }

    /** Two items through a one-slot deque, put at its head and taken from its tail. */
    public static void oneSlotDequeHandsOverInOrder() throws InterruptedException {
        BlockingDeque<Integer> deque = new LinkedBlockingDeque<>(1);
        startAndJoin(() -> {
            deque.putFirst(1);
            deque.putLast(2);
        }, () -> check(deque.takeLast() == 1 && deque.takeFirst() == 2, "out of order"));
    }

    /** The same two items through a one-slot queue: the same waits, so the same schedules. */
    public static void oneSlotQueueHandsOverInOrder() throws InterruptedException {
        BlockingQueue<Integer> queue = new LinkedBlockingQueue<>(1);
        startAndJoin(() -> {
            queue.put(1);
            queue.put(2);
        }, () -> check(queue.take() == 1 && queue.take() == 2, "out of order"));
    }

    /**
     * A timed poll at either end waits while the producer can still run, so it always gets the item; a timed offer to
     * a full deque that nobody empties times out and leaves the deque as it was.
     */
    public static void timedDequeCallsTimeOutOnlyWhenNothingElseCanRun() throws InterruptedException {
        BlockingDeque<Integer> deque = new LinkedBlockingDeque<>(1);
        Box box = new Box();
        startAndJoin(() -> box.got = deque.pollLast(1, TimeUnit.SECONDS), () -> deque.putFirst(7));
        check(Integer.valueOf(7).equals(box.got), "timed out while the producer could run: " + box.got);
        startAndJoin(() -> box.got = deque.pollFirst(1, TimeUnit.SECONDS),
                () -> deque.offerLast(8, 1, TimeUnit.SECONDS));
        check(Integer.valueOf(8).equals(box.got), "timed out while the producer could run: " + box.got);
        deque.putLast(1);
        check(!deque.offerFirst(2, 1, TimeUnit.SECONDS) && deque.size() == 1, "a full deque took an item");
        check(!deque.offerLast(2, 0, TimeUnit.SECONDS) && deque.pollLast(0, TimeUnit.SECONDS) == 1, "wrong item");
        check(deque.pollFirst(1, TimeUnit.SECONDS) == null, "an empty deque gave an item");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bounded queues.

    /** The producer fills a one-slot queue twice before it starts its consumer: it waits for room for ever. */
    public static void putTwiceBeforeTheConsumerStarts() throws InterruptedException {
        bounded(new LinkedBlockingQueue<>(1), true);
    }

    /** The same with the consumer started first. */
    public static void putTwiceAfterTheConsumerStarts() throws InterruptedException {
        bounded(new LinkedBlockingQueue<>(1), false);
    }

    /** As {@link #putTwiceBeforeTheConsumerStarts}, on a one-slot deque. */
    public static void putTwiceIntoADequeBeforeTheConsumerStarts() throws InterruptedException {
        bounded(new LinkedBlockingDeque<>(1), true);
    }

    /** As {@link #putTwiceAfterTheConsumerStarts}, on a one-slot deque. */
    public static void putTwiceIntoADequeAfterTheConsumerStarts() throws InterruptedException {
        bounded(new LinkedBlockingDeque<>(1), false);
    }

    private static void bounded(BlockingQueue<Integer> queue, boolean fillFirst) throws InterruptedException {
        Thread consumer = thread(() -> check(queue.take() == 1 && queue.take() == 2, "out of order"));
        if (!fillFirst) {
            consumer.start();
        }
        queue.put(1);
        queue.put(2);
        if (fillFirst) {
            consumer.start();
        }
        consumer.join();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // TransferQueue.

    /** {@code put} returns before a consumer took the item, so the producer can still see it queued. */
    public static void putDoesNotWaitForTheConsumer() throws InterruptedException {
        handOverOne(false);
    }

    /** {@code transfer} returns only once the consumer has the item. */
    public static void transferWaitsForTheConsumer() throws InterruptedException {
        handOverOne(true);
    }

    private static void handOverOne(boolean transfer) throws InterruptedException {
        TransferQueue<Integer> queue = new LinkedTransferQueue<>();
        startAndJoin(() -> {
            if (transfer) {
                queue.transfer(1);
            } else {
                queue.put(1);
            }
            check(queue.isEmpty(), "the item is still queued after the hand-over returned");
        }, () -> check(queue.take() == 1, "wrong item"));
    }

    /** A transfer that no consumer ever takes waits for ever. */
    public static void transferWithoutConsumer() throws InterruptedException {
        new LinkedTransferQueue<Integer>().transfer(1);
    }

    /**
     * A transfer behind an equal item that was put first (the very same {@code Integer}) is received only with its own
     * item: its producer sees the queue empty, whichever order the threads run in.
     */
    public static void transferBehindAnEqualItem() throws InterruptedException {
        TransferQueue<Integer> queue = new LinkedTransferQueue<>();
        queue.put(2);
        startAndJoin(() -> {
            queue.transfer(2);
            check(queue.isEmpty(), "the transfer returned before its item was taken");
        }, () -> check(queue.take() == 2 && queue.take() == 2 && queue.poll() == null, "wrong items"));
    }

    /** {@code tryTransfer} succeeds exactly when a consumer waits, and then that consumer has the item. */
    public static void tryTransferReachesOnlyAWaitingConsumer() throws InterruptedException {
        tryTransferOnce(false, false);
    }

    /** Fails when {@code tryTransfer} found a waiting consumer: it can. */
    public static void tryTransferNeverSucceeds() throws InterruptedException {
        tryTransferOnce(true, false);
    }

    /** Fails when {@code tryTransfer} found nobody waiting: it can. */
    public static void tryTransferAlwaysSucceeds() throws InterruptedException {
        tryTransferOnce(false, true);
    }

    private static void tryTransferOnce(boolean failIfHanded, boolean failIfNot) throws InterruptedException {
        TransferQueue<Integer> queue = new LinkedTransferQueue<>();
        Box box = new Box();
        startAndJoin(() -> box.got = queue.poll(1, TimeUnit.SECONDS), () -> {
            // A consumer seen waiting cannot leave before the transfer: its poll times out only when nothing can run.
            boolean waiting = queue.hasWaitingConsumer();
            box.handed = queue.tryTransfer(5);
            check(!waiting || box.handed && queue.getWaitingConsumerCount() == 0, "a waiting consumer was missed");
        });
        check(box.handed == Integer.valueOf(5).equals(box.got), "handed " + box.handed + ", got " + box.got);
        check(queue.isEmpty(), "tryTransfer left its item queued");
        check(!(failIfHanded && box.handed), "tryTransfer handed 5 to a waiting consumer");
        check(!(failIfNot && !box.handed), "tryTransfer found no waiting consumer");
    }

    /**
     * An interrupt ends a transfer that nobody took and takes its item back out of the queue: that very object, not
     * an equal one queued before it.
     */
    public static void anInterruptTakesATransferBack() throws InterruptedException {
        TransferQueue<Integer> queue = new LinkedTransferQueue<>();
        Integer first = 1000;
        Integer second = 1000;
        queue.put(first);
        Box box = new Box();
        Thread producer = new Thread(() -> {
            try {
                queue.transfer(second);
            } catch (InterruptedException e) {
                box.handed = true;
            }
        });
        producer.start();
        producer.interrupt();
        producer.join();
        check(box.handed, "the transfer ended without an interrupt");
        check(queue.size() == 1 && queue.peek() == first, "the wrong item left the queue");
    }

    /**
     * A timed transfer succeeds whenever a consumer takes it, since it times out only when nothing else can run; with
     * no consumer left it times out and takes its item back, behind the items queued before it.
     */
    public static void timedTransferTimesOutOnlyWithoutConsumer() throws InterruptedException {
        TransferQueue<Integer> queue = new LinkedTransferQueue<>();
        Box box = new Box();
        startAndJoin(() -> box.handed = queue.tryTransfer(3, 1, TimeUnit.SECONDS), () -> box.got = queue.take());
        check(box.handed && Integer.valueOf(3).equals(box.got), "handed " + box.handed + ", got " + box.got);
        queue.put(1);
        check(!queue.tryTransfer(1, 1, TimeUnit.SECONDS) && queue.size() == 1, "the timed-out item stayed queued");
        check(!queue.tryTransfer(4, 0, TimeUnit.SECONDS) && queue.poll() == 1 && queue.isEmpty(), "wrong items");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // DelayQueue.

    /** An element whose delay already expired. */
    static final class Expired implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** A take from a delay queue. */
    public static void takeFromADelayQueue() throws InterruptedException {
        DelayQueue<Expired> queue = new DelayQueue<>();
        queue.put(new Expired());
        queue.take();
    }

    /** A poll of a delay queue held as a {@code BlockingQueue}. */
    public static void pollADelayQueueAsABlockingQueue() {
        BlockingQueue<Expired> queue = new DelayQueue<>();
        queue.poll();
    }
}
