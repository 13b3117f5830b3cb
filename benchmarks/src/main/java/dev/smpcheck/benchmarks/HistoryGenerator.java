package dev.smpcheck.benchmarks;

import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.Invocation;
import dev.smpcheck.linearizability.Operation;
import dev.smpcheck.linearizability.SequentialSpec;
import dev.smpcheck.linearizability.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Makes linearizable histories with realistic overlap, deterministically from a seed, by simulating threads that use
 * an atomic object.
 *
 * <p>Each step picks a random thread and moves it one phase on: an idle thread invokes its next operation; an
 * invoked one takes effect (the operation is applied to the specification's state at that instant, its linearization
 * point) with probability 1/2, else waits; one that took effect returns with probability 1/2, else waits. So every
 * operation spends a random, geometrically distributed time before and after its linearization point, and with
 * {@code threads} threads up to that many operations overlap. The result is linearizable by construction.
 */
public final class HistoryGenerator {
    private HistoryGenerator() {}

    /** What one thread phase is: between operations, invoked but not yet effective, effective but not returned. */
    private enum Phase { IDLE, INVOKED, APPLIED }

    private static final class Worker {
        final String name;
        Phase phase = Phase.IDLE;
        Operation op;
        Invocation invocation;
        Object result;

        Worker(String name) {
            this.name = name;
        }
    }

    /**
     * @param seed the seed; the same seed gives the same history
     * @param threads how many threads, at least 1
     * @param operations how many operations in all, at least 1
     * @param spec the object's sequential specification, applied at each linearization point
     * @param next draws a thread's next operation (name and arguments; its times are ignored)
     * @param <S> the specification's state type
     * @return the operations, all completed, in invocation order
     */
    public static <S> List<Operation> generate(long seed, int threads, int operations, SequentialSpec<S> spec,
            Function<Random, Operation> next) {
        Random rnd = new Random(seed);
        List<Worker> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Worker("T" + t));
        }
        History history = new History();
        S state = spec.initialState();
        int invoked = 0;
        int returned = 0;
        while (returned < operations) {
            Worker w = workers.get(rnd.nextInt(threads));
            switch (w.phase) {
                case IDLE -> {
                    if (invoked < operations) {
                        w.op = next.apply(rnd);
                        w.invocation = history.invokeBy(w.name, w.op.name(), w.op.args().toArray());
                        w.phase = Phase.INVOKED;
                        invoked++;
                    }
                }
                case INVOKED -> {
                    if (rnd.nextBoolean()) {
                        Transition<S> t = spec.apply(state, w.op);
                        state = t.state();
                        w.result = t.result();
                        w.phase = Phase.APPLIED;
                    }
                }
                case APPLIED -> {
                    if (rnd.nextBoolean()) {
                        w.invocation.ret(w.result);
                        w.phase = Phase.IDLE;
                        returned++;
                    }
                }
            }
        }
        return history.operations();
    }

    /**
     * @param name the operation's name
     * @param args its arguments
     * @return an operation to hand to {@link #generate}: only its name and arguments count
     */
    public static Operation call(String name, Object... args) {
        return new Operation(0, "", name, List.of(args), null, null, 0, Operation.PENDING);
    }
}
