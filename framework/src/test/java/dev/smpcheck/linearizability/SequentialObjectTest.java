package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A specification run as a plain object gives the specification's results and compares by state. */
class SequentialObjectTest {

    /** The llist specification as Lincheck would take it. */
    static final class LlistObject extends SequentialObject {
        LlistObject() {
            super(Specifications.llist());
        }

        boolean add(int value) {
            return (Boolean) apply("add", value);
        }

        List<?> delAll() {
            return (List<?>) apply("delAll");
        }
    }

    @Test
    void itRunsTheSpecificationOneOperationAtATime() {
        LlistObject list = new LlistObject();
        assertThat(list.add(1)).isTrue();
        assertThat(list.add(2)).isFalse();
        assertThat(list.state()).isEqualTo(List.of(2, 1));
        assertThat(list.delAll()).isEqualTo(List.of(2, 1));
        assertThat(list.delAll()).isEqualTo(List.of());
        assertThat(list.toString()).isEqualTo("LlistObject[[]]");
    }

    @Test
    void equalStatesAreEqualObjects() {
        LlistObject a = new LlistObject();
        LlistObject b = new LlistObject();
        a.add(1);
        assertThat(a).isNotEqualTo(b);
        b.add(1);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new SequentialObject(Specifications.llist()) { });
    }

    @Test
    void theReadyMadeObjectsRunTheirSpecifications() {
        SequentialObjects.Llist list = new SequentialObjects.Llist();
        assertThat(list.add(1)).isTrue();
        assertThat(list.delAll()).isEqualTo(List.of(1));

        SequentialObjects.TryLock lock = new SequentialObjects.TryLock();
        assertThat(lock.tryLock()).isTrue();
        assertThat(lock.tryLock()).isFalse();
        lock.unlock();
        assertThat(lock.tryLock()).isTrue();

        SequentialObjects.IrqWork work = new SequentialObjects.IrqWork();
        assertThat(work.claim()).isTrue();
        assertThat(work.claim()).isFalse();
        assertThat(work.run()).isTrue();
        assertThat(work.run()).isFalse();

        SequentialObjects.PendingQueue queue = new SequentialObjects.PendingQueue();
        assertThat(queue.flush()).isNull();
        assertThat(queue.request()).isZero();
        assertThat(queue.request()).isZero();
        assertThat(queue.flush()).isEqualTo(2);
        assertThat(queue.flush()).isNull();
    }

    @Test
    void anIllegalOrThrowingOperationIsAnError() {
        SequentialObject counter = new SequentialObject(Specs.COUNTER) { };
        SequentialObject illegal = new SequentialObject(SequentialSpec.of(0, (s, op) -> Transition.illegal())) { };
        assertThatThrownBy(() -> illegal.apply("take")).isInstanceOf(IllegalStateException.class)
                .hasMessage("the specification says take() cannot happen in state 0; a SequentialObject runs only "
                        + "operations that return");
        SequentialObject throwing = new SequentialObject(SequentialSpec.of(0,
                (s, op) -> Transition.throwing(s, ArithmeticException.class))) { };
        assertThatThrownBy(() -> throwing.apply("div", 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the specification says div(1) throws ArithmeticException in state 0; a SequentialObject "
                        + "runs only operations that return");
        assertThat(counter.apply("inc")).isEqualTo(1);
    }
}
