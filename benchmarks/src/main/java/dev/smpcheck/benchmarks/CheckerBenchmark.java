package dev.smpcheck.benchmarks;

import dev.smpcheck.linearizability.LinearizabilityChecker;
import dev.smpcheck.linearizability.Operation;
import dev.smpcheck.linearizability.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long the linearizability checker takes to decide each {@link Workload}'s history, generated from
 * {@link #seed} by {@link HistoryGenerator}. The targets: under 1 s for the 10,000-operation map and for a
 * 300-operation single object.
 *
 * <p>The history is made once per trial, and set-up fails unless the checker gives the workload's expected verdict,
 * so a benchmark never times a wrong answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CheckerBenchmark {

    /** Which history; JMH runs every workload unless told otherwise ({@code -p workload=...}). */
    @Param
    public Workload workload;

    /** The seed of the generated history. */
    @Param("1")
    public long seed;

    private final LinearizabilityChecker checker = LinearizabilityChecker.defaults();
    private List<Operation> ops;

    /** Generates the history, injects the workload's fault if any, and checks the verdict is the expected one. */
    @Setup
    public void generate() {
        ops = workload.generate(seed);
        if (workload.expected() == Verdict.Kind.NOT_LINEARIZABLE) {
            ops = withOneStaleRead(ops);
        }
        Verdict v = check();
        if (v.kind() != workload.expected()) {
            throw new IllegalStateException(workload + " seed " + seed + ": expected " + workload.expected()
                    + " but the checker said: " + v.report());
        }
    }

    /** @return the verdict on the workload's history */
    @Benchmark
    public Verdict check() {
        return checker.check(ops, workload.spec());
    }

    /**
     * From the middle on, the first read that becomes non-linearizable when it returns an earlier read's value
     * instead of its own: a plausible stale read, which the search must refute by exhausting the orders around it.
     */
    private List<Operation> withOneStaleRead(List<Operation> history) {
        List<Operation> reads = history.stream().filter(op -> op.name().equals("read")).toList();
        for (int k = reads.size() / 2; k < reads.size(); k++) {
            Operation o = reads.get(k);
            for (int j = k - 1; j >= 0; j--) {
                List<Operation> broken = new ArrayList<>(history);
                broken.set(o.id(), new Operation(o.id(), o.thread(), o.name(), o.args(), reads.get(j).result(), null,
                        o.invokedAt(), o.returnedAt()));
                if (checker.check(broken, workload.spec()).kind() == Verdict.Kind.NOT_LINEARIZABLE) {
                    return broken;
                }
            }
        }
        throw new IllegalStateException("no read of the second half becomes a violation with an earlier read's value");
    }
}
