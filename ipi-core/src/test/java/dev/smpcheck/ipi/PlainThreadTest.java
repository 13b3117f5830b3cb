package dev.smpcheck.ipi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The model's data structures outside a controlled execution: schedule points are no-ops, atomics are real. */
class PlainThreadTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 5_000;

    @Test
    void theCallSingleQueueHandsOutEveryNodeExactlyOnceUnderRealConcurrency() throws Exception {
        assertThat(Sched.isControlled()).isFalse();
        AtomicInteger wasEmpty = new AtomicInteger();
        CallSingleQueue queue = new CallSingleQueue(0, (q, node, via) -> { });
        Set<CallSingleNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            producers.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < PER_THREAD; i++) {
                    if (queue.add(Csd.init("csd " + id + "/" + i, info -> { }, null), "producer " + id)) {
                        wasEmpty.incrementAndGet();
                    }
                }
            }));
        }
        producers.forEach(Thread::start);
        start.countDown();
        int taken = 0;
        int batches = 0;
        while (producers.stream().anyMatch(Thread::isAlive) || !queue.isEmpty()) {
            CallSingleNode chain = CallSingleQueue.reverseOrder(queue.delAll());
            if (chain != null) {
                batches++;
            }
            for (CallSingleNode n = chain; n != null; n = n.next) {
                assertThat(seen.add(n)).as("handed out once").isTrue();
                n.unlinked();
                taken++;
            }
        }
        for (Thread p : producers) {
            p.join();
        }
        assertThat(taken).isEqualTo(THREADS * PER_THREAD);
        // Every batch the consumer took started with an add that found the queue empty, and vice versa.
        assertThat(wasEmpty.get()).isEqualTo(batches);
    }

    @Test
    void theAtomicClaimLetsExactlyOneRacerWin() throws Exception {
        for (int round = 0; round < 200; round++) {
            Csd csd = Csd.init("csd", info -> { }, null);
            AtomicInteger winners = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> racers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                racers.add(new Thread(() -> {
                    await(start);
                    if ((csd.claimLockAtomically() & CallSingleNode.CSD_FLAG_LOCK) == 0) {
                        winners.incrementAndGet();
                    }
                }));
            }
            racers.forEach(Thread::start);
            start.countDown();
            for (Thread r : racers) {
                r.join();
            }
            assertThat(winners.get()).isEqualTo(1);
            assertThat(csd.flags()).isEqualTo(CallSingleNode.CSD_FLAG_LOCK);
            assertThat(csd.generation()).isEqualTo(1);
        }
    }

    @Test
    void reverseOrderTurnsTheNewestFirstChainIntoFifo() {
        CallSingleQueue queue = new CallSingleQueue(0, (q, node, via) -> { });
        Csd a = Csd.init("a", info -> { }, null);
        Csd b = Csd.init("b", info -> { }, null);
        Csd c = Csd.init("c", info -> { }, null);
        assertThat(queue.add(a, "t")).isTrue();
        assertThat(queue.add(b, "t")).isFalse();
        assertThat(queue.add(c, "t")).isFalse();
        assertThat(queue.size()).isEqualTo(3);

        List<String> order = new ArrayList<>();
        for (CallSingleNode n = CallSingleQueue.reverseOrder(queue.delAll()); n != null; n = n.next) {
            order.add(n.toString());
        }
        assertThat(order).containsExactly("a", "b", "c");
        assertThat(queue.isEmpty()).isTrue();
        assertThat(CallSingleQueue.reverseOrder(null)).isNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
