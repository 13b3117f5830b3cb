package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The recorder: what it records for each kind of outcome, and its ordering on plain threads. */
class HistoryTest {

    @Test
    void callRecordsTheArgumentsResultThreadAndTimes() {
        History h = new History();
        int r = h.call("add", 2, 3, () -> 5);
        h.run("clear", () -> { });

        assertThat(r).isEqualTo(5);
        List<Operation> ops = h.operations();
        assertThat(ops).hasSize(2);
        Operation add = ops.get(0);
        assertThat(add.thread()).isEqualTo(Thread.currentThread().getName());
        assertThat(add.call()).isEqualTo("add(2, 3)");
        assertThat(add.result()).isEqualTo(5);
        assertThat(add.invokedAt()).isZero();
        assertThat(add.returnedAt()).isEqualTo(1);
        assertThat(ops.get(1).describe()).isEqualTo("clear() -> null");
        assertThat(ops.get(1).id()).isEqualTo(1);
    }

    @Test
    void anExceptionIsRecordedAsTheOutcomeAndRethrown() {
        History h = new History();
        IOException thrown = new IOException("disk");

        assertThatThrownBy(() -> h.call("read", () -> {
            throw thrown;
        })).isSameAs(thrown);

        Operation op = h.operations().get(0);
        assertThat(op.isPending()).isFalse();
        assertThat(op.failure()).isSameAs(thrown);
        assertThat(op.describe()).isEqualTo("read() threw IOException");
    }

    @Test
    void anErrorLeavesTheOperationPending() {
        History h = new History();
        assertThatThrownBy(() -> h.run("step", () -> {
            throw new AssertionError("schedule aborted");
        })).isInstanceOf(AssertionError.class);

        Operation op = h.operations().get(0);
        assertThat(op.isPending()).isTrue();
        assertThat(op.returnedAt()).isEqualTo(Operation.PENDING);
        assertThat(op.describe()).isEqualTo("step() pending");
    }

    @Test
    void anInvocationReturnsOnlyOnce() {
        History h = new History();
        Invocation i = h.invokeBy("A", "enq", 1);
        i.ret(null);

        assertThatThrownBy(() -> i.ret(null)).isInstanceOf(IllegalStateException.class)
                .hasMessage("enq by A (invoked at 0) has already returned at 1");
    }

    @Test
    void badOperationsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> new Operation(0, "A", "enq", List.of(1), null, null, 5, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enq by A returns at 5, not after its invocation at 5");
        assertThatThrownBy(() -> new Operation(0, "A", "deq", List.of(), 3, null, 0, Operation.PENDING))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pending operation deq by A cannot have a result or a failure");
        Operation deq = new Operation(0, "A", "deq", List.of(), 3, null, 0, 1);
        assertThatThrownBy(() -> deq.arg(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deq() has no argument 0; it has 0");
    }

    /**
     * Four plain threads increment an atomic counter 500 times each. The recorder's lock must order the events
     * consistently with real time, or the checker would see increments return values out of order.
     */
    @Test
    void onPlainThreadsTheRecordedHistoryOfAnAtomicCounterIsLinearizable() throws InterruptedException {
        History h = new History();
        AtomicInteger counter = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    h.call("inc", counter::incrementAndGet);
                }
            }, "worker-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        Verdict v = h.verdict(Specs.COUNTER);

        assertThat(h.size()).isEqualTo(2_000);
        assertThat(h.operations()).extracting(Operation::thread).containsOnly("worker-0", "worker-1", "worker-2",
                "worker-3");
        assertThat(v.kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
    }

    @Test
    void toStringIsTheTimeline() {
        History h = new History();
        Invocation a = h.invokeBy("A", "enq", 1);
        h.invokeBy("B", "deq");
        a.ret(null);

        assertThat(h).hasToString("""
                 time | A        | B
                ------+----------+-------------
                    0 | enq(1)   |
                    1 | |        | deq()
                    2 | '-> null | |
                  end |          | '-- pending
                """);
    }
}
