package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.SynchronousQueue;

/** Picks the model of a blocking queue under control, made on first use in the schedule ({@link JvmState#model}). */
final class QueueModels {
    private QueueModels() {}

    /**
     * @return the queue's model: {@link BufferedQueue} for the JDK's buffering queues, {@link HandOffs} for a
     *     {@code SynchronousQueue}, {@link Transfers} for a {@code LinkedTransferQueue}; {@code null} for a queue class
     *     outside the JDK, which is instrumented code (or code the test left alone) and runs as is
     * @throws UnsupportedOperationException for a JDK queue the model does not know: a controlled thread that waited
     *     inside it would block the JVM thread
     */
    static QueueModel of(JvmState s, BlockingQueue<?> queue) {
        String type = queue.getClass().getName();
        if (!InstrumentScope.isJdk(type)) {
            return null;
        }
        if (queue instanceof SynchronousQueue<?>) {
            return s.model(queue, HandOffs.class, q -> new HandOffs(q, s));
        }
        if (queue instanceof LinkedTransferQueue<?> transfers) {
            return s.model(queue, Transfers.class, q -> new Transfers(transfers, s));
        }
        if (queue instanceof LinkedBlockingQueue || queue instanceof ArrayBlockingQueue
                || queue instanceof LinkedBlockingDeque || queue instanceof PriorityBlockingQueue) {
            return s.model(queue, BufferedQueue.class, q -> new BufferedQueue(queue, s));
        }
        if (queue instanceof DelayQueue<?>) {
            throw delayQueue();
        }
        throw new UnsupportedOperationException("smpcheck does not model " + type + " yet: a controlled thread that "
                + "blocked in it would block the JVM thread; see docs/instrumentation.md for what is supported");
    }

    /**
     * The error for a {@code DelayQueue} under control. Whether its head has expired is a question to the real clock
     * (the element's {@code getDelay}), which a search that runs the same schedule at different speeds cannot answer
     * the same way twice, so a replay could diverge.
     */
    static UnsupportedOperationException delayQueue() {
        return new UnsupportedOperationException("smpcheck does not model java.util.concurrent.DelayQueue: whether "
                + "an element's delay has expired depends on the real clock, so a schedule could not be replayed; "
                + "see docs/instrumentation.md");
    }

    /** A schedule point before a queue call that does not wait, unless the caller is in an atomic region. */
    static void point(JvmState s, String what, Object queue) {
        if (!s.inAtomicRegion()) {
            JvmControl.pointBefore(what, s.label(queue));
        }
    }
}
