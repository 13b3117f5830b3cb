package dev.smpcheck.benchmarks;

import dev.smpcheck.linearizability.LinearizabilityChecker;
import dev.smpcheck.linearizability.Operation;
import dev.smpcheck.linearizability.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * Shows how the checker's effort on 300-operation, 4-thread FIFO queue histories varies with the seed, for
 * {@link Workload#QUEUE_300_OPS_4_THREADS} (values 0..99, so values repeat) and with every enqueued value distinct. Every history is
 * linearizable by construction; an undecided verdict means the default state budget ran out.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.smpcheck.benchmarks.QueueSweep [seeds]}
 */
public final class QueueSweep {
    private QueueSweep() {}

    /** @param args optionally the number of seeds, from 1; 8 by default */
    public static void main(String[] args) {
        int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        System.out.println("| seed | values | verdict | search states | ms |");
        System.out.println("|---:|---|---|---:|---:|");
        for (boolean distinct : new boolean[] {false, true}) {
            for (long seed = 1; seed <= seeds; seed++) {
                int[] next = {0};
                List<Operation> ops = distinct
                        ? HistoryGenerator.generate(seed, 4, 300, Workload.QUEUE_300_OPS_4_THREADS.spec(),
                                rnd -> rnd.nextBoolean() ? HistoryGenerator.call("enq", next[0]++)
                                        : HistoryGenerator.call("deq"))
                        : Workload.QUEUE_300_OPS_4_THREADS.generate(seed);
                long start = System.nanoTime();
                Verdict v = LinearizabilityChecker.defaults().check(ops, Workload.QUEUE_300_OPS_4_THREADS.spec());
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf(Locale.ROOT, "| %d | %s | %s | %,d | %,d |%n", seed, distinct ? "distinct" : "0..99",
                        v.kind(), v.states(), millis);
            }
        }
    }
}
