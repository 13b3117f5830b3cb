package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * One operation of a {@link History}: who called what with which arguments, what came back, and when it was invoked
 * and returned on the history's logical clock.
 *
 * <p>Times are positions in the history's total order of events, not wall time. Operation {@code a} precedes
 * {@code b} in real time when {@code a} returned before {@code b} was invoked; operations that do not precede each
 * other overlap, and a linearization may order them either way.
 *
 * <p>A <em>pending</em> operation was invoked but never returned (its thread was stopped, or the history was taken
 * while it ran). It may or may not have taken effect; the checker tries both, and never compares its result.
 *
 * @param id the operation's position in its history, in invocation order, from 0
 * @param thread the logical thread or CPU that called it, such as {@code CPU0}, never {@code null}
 * @param name the operation's name, such as {@code enq}, never {@code null}
 * @param args the arguments, an unmodifiable list that may hold {@code null}s, never {@code null}
 * @param result what it returned; {@code null} for a void operation, one that threw, or a pending one
 * @param failure the exception it threw, or {@code null}
 * @param invokedAt the logical time of its invocation
 * @param returnedAt the logical time of its return, or {@link #PENDING}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Operation(int id, String thread, String name, List<Object> args, Object result, Throwable failure,
        long invokedAt, long returnedAt) {

    /** The {@link #returnedAt} of an operation that never returned: later than every event. */
    public static final long PENDING = Long.MAX_VALUE;

    /** Validates the fields and copies {@code args} into an unmodifiable list. */
    public Operation {
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(name, "name");
        args = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(args, "args")));
        if (returnedAt <= invokedAt) {
            throw new IllegalArgumentException(name + " by " + thread + " returns at " + returnedAt
                    + ", not after its invocation at " + invokedAt);
        }
        if (returnedAt == PENDING && (result != null || failure != null)) {
            throw new IllegalArgumentException("pending operation " + name + " by " + thread
                    + " cannot have a result or a failure");
        }
    }

    /**
     * @param index from 0 to {@code args().size() - 1}
     * @return that argument, may be {@code null}
     * @throws IllegalArgumentException when the operation has no such argument
     */
    public Object arg(int index) {
        if (index < 0 || index >= args.size()) {
            throw new IllegalArgumentException(call() + " has no argument " + index + "; it has " + args.size());
        }
        return args.get(index);
    }

    /** @return whether it was invoked but never returned */
    public boolean isPending() {
        return returnedAt == PENDING;
    }

    /**
     * @param other another operation of the same history, never {@code null}
     * @return whether this one returned before {@code other} was invoked, so every linearization orders it first
     */
    public boolean precedes(Operation other) {
        return returnedAt < other.invokedAt;
    }

    /** @return the call as written, such as {@code put(1, "a")} */
    public String call() {
        return name + args.stream().map(Operation::show).collect(Collectors.joining(", ", "(", ")"));
    }

    /** @return what came back: {@code "2"}, {@code "threw NoSuchElementException"} or {@code "pending"} */
    public String outcome() {
        if (isPending()) {
            return "pending";
        }
        return failure != null ? "threw " + failure.getClass().getSimpleName() : show(result);
    }

    /** @return the call and its outcome, such as {@code deq() -> 2} or {@code deq() pending} */
    public String describe() {
        return isPending() || failure != null ? call() + " " + outcome() : call() + " -> " + outcome();
    }

    /**
     * @param value an argument or result, may be {@code null}
     * @return how reports show it: strings quoted, arrays by content
     */
    static String show(Object value) {
        if (value instanceof String s) {
            return '"' + s + '"';
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        if (value != null && value.getClass().isArray()) {
            return Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|\\]$", "");
        }
        return String.valueOf(value);
    }

    @Override
    public String toString() {
        return thread + ": " + describe();
    }
}
