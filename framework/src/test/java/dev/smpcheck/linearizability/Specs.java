package dev.smpcheck.linearizability;

import java.util.HashMap;
import java.util.Optional;

/** Sequential specifications shared by the tests. */
final class Specs {
    private Specs() {}

    /** An int register, initially 0: {@code write(v)}, {@code read() -> v}. */
    static final SequentialSpec<Optional<Object>> REGISTER = Specifications.register(0);

    /** A FIFO queue, initially empty: {@code enq(x)}, {@code deq() -> x}, or {@code null} when empty. */
    static final SequentialSpec<java.util.List<Object>> QUEUE = Specifications.queue();

    /** A counter, initially 0: {@code inc() -> new value}, {@code get() -> value}. */
    static final SequentialSpec<Integer> COUNTER = SequentialSpec.of(0, (n, op) -> switch (op.name()) {
        case "inc" -> Transition.returns(n + 1, n + 1);
        case "get" -> Transition.returns(n, n);
        default -> throw new IllegalArgumentException("a counter has no operation " + op.name());
    });

    /**
     * A key-value store whose {@code put(k, v)} returns nothing (unlike {@link Specifications#map()}), so that
     * overlapping puts leave the search free to order them; {@code get(k)} returns the value or {@code null}.
     * Written as a model class, so the tests run {@link ModelSpec} too.
     */
    record KeyValueModel(HashMap<Integer, Integer> entries) {
        KeyValueModel() {
            this(new HashMap<>());
        }

        KeyValueModel copy() {
            return new KeyValueModel(new HashMap<>(entries));
        }

        void put(int key, int value) {
            entries.put(key, value);
        }

        Integer get(int key) {
            return entries.get(key);
        }

        int size() {
            return entries.size();
        }
    }

    /** The key-value store, checked whole. */
    static final SequentialSpec<KeyValueModel> MAP = ModelSpec.of(KeyValueModel::new, KeyValueModel::copy);

    /** The key-value store, checked key by key. */
    static final SequentialSpec<KeyValueModel> KEYED_MAP = MAP.partitionedBy(op -> op.arg(0));
}
