package dev.smpcheck.linearizability;

import java.util.Arrays;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A {@link SequentialSpec} run as a plain object, one operation at a time, for tools that take the sequential
 * specification as a class with one method per operation, such as Lincheck's {@code sequentialSpecification}. With it,
 * Lincheck and {@link LinearizabilityChecker} check an object against the very same specification.
 *
 * <pre>{@code
 * public class LlistSpec extends SequentialObject {
 *     public LlistSpec() { super(Specifications.llist()); }
 *     public boolean add(int value) { return (Boolean) apply("add", value); }
 *     public List<?> delAll() { return (List<?>) apply("delAll"); }
 * }
 * }</pre>
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Each operation is applied to the specification as a pending one (its result unknown), so the specification
 *       decides the result: use specifications whose transitions do not depend on the recorded result.</li>
 *   <li>Equality is the specification's state (and the subclass): Lincheck merges equal states.</li>
 *   <li>An operation the specification calls illegal, or one it says throws, fails with an
 *       {@link IllegalStateException} naming it and the state.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public abstract class SequentialObject {
    private final SequentialSpec<Object> spec;
    private Object state;

    /** @param spec the specification to run, never {@code null} */
    @SuppressWarnings("unchecked")
    protected SequentialObject(SequentialSpec<?> spec) {
        this.spec = (SequentialSpec<Object>) Objects.requireNonNull(spec, "spec");
        this.state = spec.initialState();
    }

    /**
     * Applies one operation and moves to the state after it.
     *
     * @param name the operation's name, as the specification knows it, never {@code null}
     * @param args its arguments
     * @return what the specification says it returns
     */
    protected final Object apply(String name, Object... args) {
        Operation op = new Operation(0, "sequential", name, Arrays.asList(args), null, null, 0, Operation.PENDING);
        Transition<Object> t = spec.apply(state, op);
        if (!t.legal() || t.failure() != null) {
            throw new IllegalStateException("the specification says " + op.call() + (t.legal() ? " throws "
                    + t.failure().getSimpleName() : " cannot happen") + " in state " + state + "; a SequentialObject "
                    + "runs only operations that return");
        }
        state = t.state();
        return t.result();
    }

    /** @return the specification's current state */
    protected final Object state() {
        return state;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && state.equals(((SequentialObject) o).state);
    }

    @Override
    public final int hashCode() {
        return state.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + state + "]";
    }
}
