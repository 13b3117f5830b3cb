package dev.smpcheck.linearizability;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a {@link SequentialSpec} says one operation does in one state: the state after it, and what it returns or
 * throws. A transition may also say the operation is impossible in that state ({@link #illegal()}), which lets a
 * specification accept any of several results by looking at the one recorded.
 *
 * <h2>Matching</h2>
 * A recorded operation matches a transition when it is pending (its result is unknown), or it returned a result equal
 * to {@link #result()} by {@link Objects#deepEquals}, or it threw an instance of {@link #failure()}. Mind boxed types:
 * an {@code Integer} 1 does not equal a {@code Long} 1.
 *
 * @param <S> the specification's state type
 * @param state the state after the operation; {@code null} only for {@link #illegal()}
 * @param result what the operation returns; {@code null} for void operations and failures
 * @param failure the type of exception the operation throws, or {@code null} when it returns normally
 * @param legal whether the operation can happen at all in the state it was applied to
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Transition<S>(S state, Object result, Class<? extends Throwable> failure, boolean legal) {

    private static final Transition<?> ILLEGAL = new Transition<>(null, null, null, false);

    /** Checks that a legal transition has a state and an illegal one has nothing else. */
    public Transition {
        if (legal && state == null) {
            throw new IllegalArgumentException("a legal transition needs a next state (use the same state when "
                    + "the operation changes nothing)");
        }
        if (!legal && (state != null || result != null || failure != null)) {
            throw new IllegalArgumentException("an illegal transition has no state, result or failure");
        }
    }

    /**
     * @param next the state after the operation, never {@code null}
     * @param result what it returns, {@code null} for a void operation
     * @param <S> the state type
     * @return the transition
     */
    public static <S> Transition<S> returns(S next, Object result) {
        return new Transition<>(Objects.requireNonNull(next, "next"), result, null, true);
    }

    /**
     * @param next the state after the (failed) operation, never {@code null}
     * @param failure the exception type it throws, never {@code null}
     * @param <S> the state type
     * @return the transition
     */
    public static <S> Transition<S> throwing(S next, Class<? extends Throwable> failure) {
        return new Transition<>(Objects.requireNonNull(next, "next"), null, Objects.requireNonNull(failure,
                "failure"), true);
    }

    /**
     * @param <S> the state type
     * @return the transition of an operation that cannot happen in the given state (with its recorded result)
     */
    @SuppressWarnings("unchecked")
    public static <S> Transition<S> illegal() {
        return (Transition<S>) ILLEGAL;
    }

    /**
     * @param op a recorded operation, never {@code null}
     * @return whether {@code op}'s recorded outcome is what this transition says, so {@code op} may be linearized here
     */
    public boolean matches(Operation op) {
        if (!legal) {
            return false;
        }
        if (op.isPending()) {
            return true;
        }
        if (op.failure() != null || failure != null) {
            return op.failure() != null && failure != null && failure.isInstance(op.failure());
        }
        return Objects.deepEquals(result, op.result());
    }

    /** @return what the specification expects, for reports: {@code 2}, {@code threw X} or {@code impossible} */
    String expected() {
        if (!legal) {
            return "impossible";
        }
        return failure != null ? "threw " + failure.getSimpleName() : Operation.show(result);
    }
}
