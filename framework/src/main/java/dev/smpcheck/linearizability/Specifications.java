package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Ready-made sequential specifications of common objects. Values may be any objects with value equality, including
 * {@code null}; record operations under the names listed for each.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Specifications {
    private Specifications() {}

    /**
     * A read/write register: {@code write(v)} (void) and {@code read() -> v}.
     *
     * @param initial the value before any write, may be {@code null}
     * @return the specification; its state is the current value
     */
    public static SequentialSpec<Optional<Object>> register(Object initial) {
        return SequentialSpec.of(Optional.ofNullable(initial), (v, op) -> switch (op.name()) {
            case "write" -> Transition.returns(Optional.ofNullable(op.arg(0)), null);
            case "read" -> Transition.returns(v, v.orElse(null));
            default -> throw unknown("register", op, "write, read");
        });
    }

    /**
     * A FIFO queue, initially empty: {@code enq(x)} (void) and {@code deq() -> head}, or {@code null} when empty; or,
     * as {@link java.util.Queue} names them, {@code offer(x) -> true} and {@code poll()}.
     *
     * @return the specification; its state is the queue's content, head first
     */
    public static SequentialSpec<List<Object>> queue() {
        return SequentialSpec.of(List.of(), (q, op) -> switch (op.name()) {
            case "enq", "offer" -> Transition.returns(append(q, op.arg(0)), op.name().equals("offer") ? true : null);
            case "deq", "poll" -> q.isEmpty() ? Transition.returns(q, null)
                    : Transition.returns(q.subList(1, q.size()), q.get(0));
            default -> throw unknown("queue", op, "enq, deq, offer, poll");
        });
    }

    /**
     * A map with {@link java.util.Map}'s results, initially empty: {@code put(k, v) -> previous value},
     * {@code get(k) -> value}, {@code remove(k) -> previous value}, each {@code null} when the key was absent.
     * Operations on different keys are independent, so check large histories per key:
     * {@code Specifications.map().partitionedBy(op -> op.arg(0))}.
     *
     * @return the specification; its state is the map's content
     */
    public static SequentialSpec<Map<Object, Object>> map() {
        return SequentialSpec.of(Map.of(), (m, op) -> switch (op.name()) {
            case "put" -> Transition.returns(with(m, op.arg(0), op.arg(1), true), m.get(op.arg(0)));
            case "get" -> Transition.returns(m, m.get(op.arg(0)));
            case "remove" -> Transition.returns(with(m, op.arg(0), null, false), m.get(op.arg(0)));
            default -> throw unknown("map", op, "put, get, remove");
        });
    }

    private static List<Object> append(List<Object> q, Object x) {
        List<Object> next = new ArrayList<>(q.size() + 1);
        next.addAll(q);
        next.add(x);
        return Collections.unmodifiableList(next);
    }

    private static Map<Object, Object> with(Map<Object, Object> m, Object key, Object value, boolean present) {
        Map<Object, Object> next = new HashMap<>(m);
        if (present) {
            next.put(key, value);
        } else {
            next.remove(key);
        }
        return Collections.unmodifiableMap(next);
    }

    private static IllegalArgumentException unknown(String object, Operation op, String known) {
        return new IllegalArgumentException("the " + object + " specification has no operation " + op.call()
                + "; it has " + known);
    }
}
