package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small random histories from a simulated object: threads invoke operations, each takes effect on the specification's
 * state at a random moment before it returns, and some results are then corrupted or some operations never return.
 * So about half the histories are linearizable, with real overlap, and the rest are near misses.
 */
final class RandomHistories {
    private RandomHistories() {}

    /** Which object to simulate: the operations it draws and the wrong results it may report. */
    enum Kind { REGISTER, QUEUE, MAP }

    private static final class Worker {
        final String name;
        Invocation invocation;
        Operation op;
        Object result;
        boolean applied;
        boolean retired;

        Worker(String name) {
            this.name = name;
        }
    }

    @SuppressWarnings("unchecked")
    static <S> List<Operation> generate(long seed, Kind kind, SequentialSpec<S> spec, int maxOps) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(maxOps);
        List<Worker> workers = new ArrayList<>();
        for (int t = 0, threads = 2 + rnd.nextInt(2); t < threads; t++) {
            workers.add(new Worker("T" + t));
        }
        History history = new History();
        S state = spec.initialState();
        int started = 0;
        while (true) {
            List<Worker> able = new ArrayList<>();
            for (Worker w : workers) {
                if (!w.retired && (w.op != null || started < n)) {
                    able.add(w);
                }
            }
            if (able.isEmpty()) {
                return history.operations();
            }
            Worker w = able.get(rnd.nextInt(able.size()));
            if (w.op == null) {
                w.op = draw(rnd, kind, w.name);
                w.invocation = history.invokeBy(w.name, w.op.name(), w.op.args().toArray());
                started++;
            } else if (!w.applied) {
                if (rnd.nextInt(40) == 0) {
                    w.retired = true;                       // stopped before taking effect: pending, no effect
                } else if (rnd.nextBoolean()) {
                    Transition<S> t = spec.apply(state, w.op);
                    state = t.state();
                    w.result = t.result();
                    w.applied = true;
                }
            } else if (rnd.nextInt(40) == 0) {
                w.retired = true;                           // stopped after taking effect: pending, with effect
            } else if (rnd.nextBoolean()) {
                boolean observer = !w.op.name().equals("write") && !w.op.name().equals("enq") && !w.op.name().equals("put");
                w.invocation.ret(observer && rnd.nextInt(4) == 0 ? wrong(rnd, kind) : w.result);
                w.op = null;
                w.applied = false;
            }
        }
    }

    private static Operation draw(Random rnd, Kind kind, String thread) {
        boolean update = rnd.nextBoolean();
        return switch (kind) {
            case REGISTER -> update ? op(thread, "write", rnd.nextInt(3)) : op(thread, "read");
            case QUEUE -> update ? op(thread, "enq", 1 + rnd.nextInt(3)) : op(thread, "deq");
            case MAP -> update ? op(thread, "put", rnd.nextInt(2), rnd.nextInt(3)) : op(thread, "get", rnd.nextInt(2));
        };
    }

    private static Object wrong(Random rnd, Kind kind) {
        int v = rnd.nextInt(4);
        return switch (kind) {
            case REGISTER -> v;
            case QUEUE, MAP -> v == 3 ? null : v;
        };
    }

    private static Operation op(String thread, String name, Object... args) {
        return new Operation(0, thread, name, List.of(args), null, null, 0, Operation.PENDING);
    }
}
