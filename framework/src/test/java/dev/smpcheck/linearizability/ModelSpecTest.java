package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedList;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

/** A specification made of a plain model class, called by reflection. */
class ModelSpecTest {

    /** A queue model: a record of a list, so equality is by content. Package-private on purpose. */
    record QueueModel(LinkedList<Integer> items) {
        QueueModel() {
            this(new LinkedList<>());
        }

        QueueModel copy() {
            return new QueueModel(new LinkedList<>(items));
        }

        void enq(int x) {
            items.addLast(x);
        }

        Integer deq() {
            return items.pollFirst();
        }

        int remove() {
            return items.removeFirst();                       // NoSuchElementException when empty
        }
    }

    static final SequentialSpec<QueueModel> QUEUE = ModelSpec.of(QueueModel::new, QueueModel::copy);

    @Test
    void theModelDecidesLikeAHandWrittenSpecification() {
        assertThat(LinearizabilityCheckerTest.herlihyWing(false).verdict(QUEUE).kind())
                .isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(LinearizabilityCheckerTest.herlihyWing(true).verdict(QUEUE).kind())
                .isEqualTo(Verdict.Kind.LINEARIZABLE);
    }

    @Test
    void anExceptionOfTheModelIsTheExpectedOutcome() {
        History h = new History();
        h.invokeBy("A", "remove").threw(new NoSuchElementException());
        assertThat(h.verdict(QUEUE).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History returned = new History();
        returned.invokeBy("A", "remove").ret(0);
        assertThat(returned.verdict(QUEUE).report())
                .contains("the specification gives remove() -> threw NoSuchElementException");
    }

    @Test
    void anUnknownOperationNamesTheModelAndTheOperation() {
        History h = new History();
        h.invokeBy("A", "peek", 3).ret(null);

        assertThatThrownBy(() -> h.verdict(QUEUE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the sequential specification failed on A: peek(3) -> null")
                .hasMessageContaining("has no method peek with 1 parameter(s) for the recorded operation peek(3)");
    }

    @Test
    void wrongArgumentTypesAreReported() {
        History h = new History();
        h.invokeBy("A", "enq", "one").ret(null);

        assertThatThrownBy(() -> h.verdict(QUEUE)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot call model method QueueModel.enq(int) for enq(\"one\"): the argument "
                        + "types do not match");
    }

    static final class Overloaded {
        void put(int x) { }

        void put(String x) { }

        @Override
        public boolean equals(Object o) {
            return o instanceof Overloaded;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void overloadsOfOneArityAreRejected() {
        SequentialSpec<Overloaded> spec = ModelSpec.of(Overloaded::new, o -> new Overloaded());
        History h = new History();
        h.invokeBy("A", "put", 1).ret(null);

        assertThatThrownBy(() -> h.verdict(spec)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 2 methods put with 1 parameter(s); the operation put(1) must name exactly "
                        + "one, so rename the overloads");
    }

    static final class NoEquals {
        void touch() { }
    }

    @Test
    void aModelWithoutValueEqualityIsRejectedUpFront() {
        assertThatThrownBy(() -> ModelSpec.of(NoEquals::new, m -> new NoEquals()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("model " + NoEquals.class.getName() + " must override equals and hashCode");
    }

    @Test
    void aCopyThatIsNotACopyIsReported() {
        SequentialSpec<QueueModel> lazy = ModelSpec.of(QueueModel::new, m -> m);
        History h = new History();
        h.invokeBy("A", "enq", 1).ret(null);

        assertThatThrownBy(() -> h.verdict(lazy)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned the same object; it must return a new, equal model");
    }
}
