package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Sequential specifications shared by the tests. */
final class Specs {
    private Specs() {}

    /** An int register, initially 0: {@code write(v)}, {@code read() -> v}. */
    static final SequentialSpec<Integer> REGISTER = SequentialSpec.of(0, (v, op) -> switch (op.name()) {
        case "write" -> Transition.returns((Integer) op.arg(0), null);
        case "read" -> Transition.returns(v, v);
        default -> throw new IllegalArgumentException("a register has no operation " + op.name());
    });

    /** A FIFO queue of ints, initially empty: {@code enq(x)}, {@code deq() -> x}, or {@code null} when empty. */
    static final SequentialSpec<List<Integer>> QUEUE = SequentialSpec.of(List.of(), (q, op) -> switch (op.name()) {
        case "enq" -> {
            List<Integer> next = new ArrayList<>(q);
            next.add((Integer) op.arg(0));
            yield Transition.returns(List.copyOf(next), null);
        }
        case "deq" -> q.isEmpty() ? Transition.returns(q, null) : Transition.returns(q.subList(1, q.size()), q.get(0));
        default -> throw new IllegalArgumentException("a queue has no operation " + op.name());
    });

    /** A counter, initially 0: {@code inc() -> new value}, {@code get() -> value}. */
    static final SequentialSpec<Integer> COUNTER = SequentialSpec.of(0, (n, op) -> switch (op.name()) {
        case "inc" -> Transition.returns(n + 1, n + 1);
        case "get" -> Transition.returns(n, n);
        default -> throw new IllegalArgumentException("a counter has no operation " + op.name());
    });

    /** A map from int keys to int values, absent keys read as {@code null}: {@code put(k, v)}, {@code get(k)}. */
    static final SequentialSpec<Map<Integer, Integer>> MAP = SequentialSpec.of(Map.of(), (m, op) -> switch (op.name()) {
        case "put" -> {
            Map<Integer, Integer> next = new HashMap<>(m);
            next.put((Integer) op.arg(0), (Integer) op.arg(1));
            yield Transition.returns(Map.copyOf(next), null);
        }
        case "get" -> Transition.returns(m, m.get((Integer) op.arg(0)));
        default -> throw new IllegalArgumentException("a map has no operation " + op.name());
    });

    /** {@link #MAP}, partitioned by key. */
    static final SequentialSpec<Map<Integer, Integer>> KEYED_MAP = MAP.partitionedBy(op -> op.arg(0));
}
