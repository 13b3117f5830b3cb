package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The ready-made specifications, one history each that they must accept and one they must reject. */
class SpecificationsTest {

    @Test
    void theMapReturnsPreviousValuesAsJavaMapsDo() {
        History h = new History();
        h.invokeBy("A", "put", "k", 1).ret(null);
        h.invokeBy("A", "put", "k", 2).ret(1);
        h.invokeBy("B", "get", "k").ret(2);
        h.invokeBy("B", "remove", "k").ret(2);
        h.invokeBy("B", "get", "k").ret(null);
        assertThat(h.verdict(Specifications.map()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        h.invokeBy("A", "put", "k", 3).ret(2);              // the key was removed: put must return null
        assertThat(h.verdict(Specifications.map().partitionedBy(op -> op.arg(0))).counterexample().deadEnd()
                .expected()).isEqualTo("null");
    }

    @Test
    void theQueueAnswersToJavaNamesToo() {
        History h = new History();
        h.invokeBy("A", "offer", 'x').ret(true);
        h.invokeBy("A", "enq", 'y').ret(null);
        h.invokeBy("B", "poll").ret('x');
        h.invokeBy("B", "deq").ret('y');
        h.invokeBy("B", "poll").ret(null);
        assertThat(h.verdict(Specifications.queue()).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History lifo = new History();
        lifo.invokeBy("A", "offer", 'x').ret(true);
        lifo.invokeBy("A", "offer", 'y').ret(true);
        lifo.invokeBy("B", "poll").ret('y');
        assertThat(lifo.verdict(Specifications.queue()).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
    }

    @Test
    void theRegisterMayHoldNull() {
        History h = new History();
        h.invokeBy("A", "read").ret(null);
        h.invokeBy("A", "write", "v").ret(null);
        h.invokeBy("B", "read").ret("v");
        assertThat(h.verdict(Specifications.register(null)).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        assertThat(h.verdict(Specifications.register("v")).kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
    }

    @Test
    void anUnknownOperationListsTheKnownOnes() {
        History h = new History();
        h.invokeBy("A", "push", 1).ret(null);

        assertThatThrownBy(() -> h.verdict(Specifications.queue())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the queue specification has no operation push(1); it has enq, deq, offer, poll");
    }
}
