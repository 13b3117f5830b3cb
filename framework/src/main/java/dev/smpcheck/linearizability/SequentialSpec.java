package dev.smpcheck.linearizability;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * The sequential specification a concurrent object is checked against: what each operation does, one at a time,
 * starting from an initial state.
 *
 * <p>Write one as a lambda over an immutable state:
 *
 * <pre>{@code
 * SequentialSpec<Integer> counter = SequentialSpec.of(0, (n, op) -> switch (op.name()) {
 *     case "inc" -> Transition.returns(n + 1, n + 1);
 *     case "get" -> Transition.returns(n, n);
 *     default -> throw new IllegalArgumentException("counter has no operation " + op.name());
 * });
 * }</pre>
 *
 * or let {@link ModelSpec} call same-named methods on a plain, mutable Java model object.
 *
 * <h2>Requirements</h2>
 * <ul>
 *   <li>States are values: {@code equals} and {@code hashCode} compare content, because the checker remembers which
 *       (state, set of operations taken) pairs it has already explored (Lowe's memoization). Immutable collections,
 *       records, boxed numbers and strings all qualify.</li>
 *   <li>{@link #apply} never changes the state it is given; it returns the next state in the {@link Transition}.</li>
 *   <li>{@link #apply} is deterministic: the same state and operation give the same transition. To allow several
 *       results, look at {@link Operation#result()} and return {@link Transition#illegal()} for results the object
 *       may not give. The result of a pending operation is unknown ({@code null}); such operations are linearized
 *       only where the specification gives them a legal transition.</li>
 * </ul>
 *
 * <h2>Partitioning</h2>
 * When operations on different keys never affect each other (a map, a set, a bank of registers), say so with
 * {@link #partitionedBy}: the checker then checks each key's operations on their own, from the initial state
 * (P-compositionality, Horn and Kroening 2015), which turns one exponential search into many small ones.
 *
 * @param <S> the state type
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SequentialSpec<S> {

    /** @return the state before any operation, never {@code null} */
    S initialState();

    /**
     * @param state a state this specification produced, never {@code null}
     * @param op the operation to apply, with its recorded outcome, never {@code null}
     * @return what {@code op} does in {@code state}, never {@code null}
     */
    Transition<S> apply(S state, Operation op);

    /**
     * The key that {@code op} touches, when the specification is partitioned. Operations with different keys must
     * commute and never see each other's effects.
     *
     * @param op an operation, never {@code null}
     * @return its key, or {@code null} when this specification is not partitioned or {@code op} touches more than
     *     one key (such as {@code size()}); one {@code null} key makes the checker check the whole history at once
     */
    default Object partitionKey(Operation op) {
        return null;
    }

    /**
     * @param key gives each operation's key, such as {@code op -> op.arg(0)}, never {@code null}
     * @return this specification, partitioned by that key
     */
    default SequentialSpec<S> partitionedBy(Function<Operation, ?> key) {
        Objects.requireNonNull(key, "key");
        SequentialSpec<S> spec = this;
        return new SequentialSpec<>() {
            @Override
            public S initialState() {
                return spec.initialState();
            }

            @Override
            public Transition<S> apply(S state, Operation op) {
                return spec.apply(state, op);
            }

            @Override
            public Object partitionKey(Operation op) {
                return key.apply(op);
            }
        };
    }

    /**
     * @param initial the initial state, never {@code null}
     * @param apply what an operation does in a state, see {@link #apply}, never {@code null}
     * @param <S> the state type
     * @return a specification made of those two
     */
    static <S> SequentialSpec<S> of(S initial, BiFunction<S, Operation, Transition<S>> apply) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(apply, "apply");
        return new SequentialSpec<>() {
            @Override
            public S initialState() {
                return initial;
            }

            @Override
            public Transition<S> apply(S state, Operation op) {
                return apply.apply(state, op);
            }
        };
    }
}
