package dev.smpcheck.benchmarks;

import dev.smpcheck.linearizability.Operation;
import dev.smpcheck.linearizability.SequentialSpec;
import dev.smpcheck.linearizability.Specifications;
import dev.smpcheck.linearizability.Verdict;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** The histories the benchmarks check: which object, how many threads and operations, and the expected verdict. */
public enum Workload {

    /** 10,000 operations on a map with 100 keys from 8 threads, checked key by key (P-compositionality). */
    MAP_10K_OPS_100_KEYS_8_THREADS(Specifications.map().partitionedBy(op -> op.arg(0)), 8, 10_000,
            rnd -> rnd.nextBoolean() ? HistoryGenerator.call("put", rnd.nextInt(100), rnd.nextInt(10))
                    : HistoryGenerator.call("get", rnd.nextInt(100)), Verdict.Kind.LINEARIZABLE),

    /** 300 operations on one register from 4 threads: half writes of 0..9, half reads. */
    REGISTER_300_OPS_4_THREADS(Specifications.register(0), 4, 300, Workload::registerOp,
            Verdict.Kind.LINEARIZABLE),

    /**
     * 300 operations on one FIFO queue from 4 threads: half enqueues of 0..99, half dequeues. Queues are the hard
     * case; the effort depends strongly on the seed, and some seeds exhaust the default budget (see
     * {@link QueueSweep}). The benchmarks' default seed is one that is decided.
     */
    QUEUE_300_OPS_4_THREADS(Specifications.queue(), 4, 300,
            rnd -> rnd.nextBoolean() ? HistoryGenerator.call("enq", rnd.nextInt(100)) : HistoryGenerator.call("deq"),
            Verdict.Kind.LINEARIZABLE),

    /**
     * The register history with one stale read injected (see {@link CheckerBenchmark}), so the checker must refute
     * it and shrink it to a 1-minimal counterexample.
     */
    REGISTER_300_OPS_4_THREADS_ONE_STALE_READ(Specifications.register(0), 4, 300, Workload::registerOp,
            Verdict.Kind.NOT_LINEARIZABLE);

    private final SequentialSpec<?> spec;
    private final int threads;
    private final int operations;
    private final Function<Random, Operation> draw;
    private final Verdict.Kind expected;

    Workload(SequentialSpec<?> spec, int threads, int operations, Function<Random, Operation> draw,
            Verdict.Kind expected) {
        this.spec = spec;
        this.threads = threads;
        this.operations = operations;
        this.draw = draw;
        this.expected = expected;
    }

    /** @return the specification the history is checked against */
    public SequentialSpec<?> spec() {
        return spec;
    }

    /** @return the verdict the benchmark must get */
    public Verdict.Kind expected() {
        return expected;
    }

    /**
     * @param seed the seed
     * @return the generated linearizable history (before any injected fault)
     */
    public List<Operation> generate(long seed) {
        return HistoryGenerator.generate(seed, threads, operations, spec, draw);
    }

    private static Operation registerOp(Random rnd) {
        return rnd.nextBoolean() ? HistoryGenerator.call("write", rnd.nextInt(10)) : HistoryGenerator.call("read");
    }
}
