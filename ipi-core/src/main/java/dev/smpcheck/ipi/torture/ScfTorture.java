package dev.smpcheck.ipi.torture;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import dev.smpcheck.ipi.Errno;
import dev.smpcheck.ipi.IpiSystem;
import dev.smpcheck.ipi.SmpCallFunc;
import dev.smpcheck.ipi.Variant;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.FreeRun;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.Smp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;

/**
 * A torture test of one {@link Variant} of the cross-call model, after the kernel's {@code scftorture}: every CPU is
 * a sender that issues a weighted random mix of {@link ScfOp}s to random targets, and the handlers and senders check
 * the call contracts as they go.
 *
 * <pre>{@code
 * ScfTorture torture = ScfTorture.of(Variant.V6_17, 4);
 * ScfTorture.Report free = torture.runFree(Duration.ofSeconds(2));        // real threads, for a time budget
 * ScfTorture.Report searched = torture.search("pct", 500, 42);            // the controlled engine
 * System.out.println(searched);   // the statistics line, then "End of test: SUCCESS" or "FAILURE"
 * }</pre>
 *
 * <h2>What one operation checks</h2>
 * As scftorture: the sender fills in the call's check object and sets {@code in} last; a handler that finds
 * {@code in} clear counts {@code stnmie}; a single call's handler on a CPU other than the target counts {@code ste};
 * after a waiting call returns, {@code out} clear counts {@code stnmoe}. Beyond scftorture: a single call whose
 * handler runs twice, or after its check was released, counts {@code stdup}; an accepted no-wait single call that
 * never ran counts {@code stlost}. Under the controlled engine the first error fails the schedule at once, with the
 * matching violation kind, so the search reports a replayable trace; free-running, errors are counted and the run
 * goes on, as in the kernel. The model's own oracles (LIST_CORRUPTION, WAIT_RETURNED_EARLY, ...) stay active in both.
 *
 * <h2>Weights</h2>
 * As scftorture: with no weight given every primitive gets its default ({@code 2 * nr_cpu_ids} for the single calls,
 * 2 for many, 1 for all); once any weight is given, the others are 0. All weights 0 is an error.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScfTorture {

    /**
     * How a torture run ended.
     *
     * @param mode what ran, such as {@code pct, 500 schedules} or {@code free run, 2 s}
     * @param stats the counters (of the passing schedules, for a search)
     * @param failure what failed (a search's report with its trace, or a free run's message), or {@code null}
     * @param elapsed wall time
     */
    public record Report(String mode, ScfStats stats, String failure, Duration elapsed) {

        /** @return whether no error was counted and nothing failed */
        public boolean success() {
            return failure == null && stats.errors() == 0;
        }

        /** @return {@code End of test: SUCCESS} or {@code End of test: FAILURE}, as scftorture ends */
        public String endOfTest() {
            return "End of test: " + (success() ? "SUCCESS" : "FAILURE");
        }

        @Override
        public String toString() {
            return stats.line(true) + "\n" + mode + ", " + elapsed.toMillis() + " ms"
                    + (failure == null ? "" : "\n" + failure) + "\n" + endOfTest();
        }
    }

    /** Where a sender's random decisions come from: the search's data choices, or a seeded generator. */
    @FunctionalInterface
    private interface Draw {
        int next(String what, int bound);
    }

    private static final int MAX_OPS_PER_CPU = 1_000;

    private final Variant variant;
    private final int nrCpus;
    private final int opsPerCpu;
    private final Map<ScfOp, Integer> weights;

    private ScfTorture(Variant variant, int nrCpus, int opsPerCpu, Map<ScfOp, Integer> weights) {
        this.variant = variant;
        this.nrCpus = nrCpus;
        this.opsPerCpu = opsPerCpu;
        this.weights = weights;
    }

    /**
     * @param variant the design to torture, never {@code null}
     * @param nrCpus CPUs, from 2 to 64; every one is a sender
     * @return a torture with default weights and 2 operations per CPU in each searched schedule
     */
    public static ScfTorture of(Variant variant, int nrCpus) {
        Objects.requireNonNull(variant, "variant");
        if (nrCpus < 2 || nrCpus > 64) {
            throw new IllegalArgumentException("scftorture needs 2 to 64 CPUs, got " + nrCpus);
        }
        return new ScfTorture(variant, nrCpus, 2, new EnumMap<>(ScfOp.class));
    }

    /**
     * @param op the primitive
     * @param weight its weight, 0 or more (scftorture's {@code weight_<op>})
     * @return a copy with that weight; primitives given no weight get 0
     */
    public ScfTorture withWeight(ScfOp op, int weight) {
        Objects.requireNonNull(op, "op");
        if (weight < 0) {
            throw new IllegalArgumentException("weight_" + op.kernelName() + " = " + weight
                    + " is out of range: weights are 0 or more");
        }
        Map<ScfOp, Integer> copy = new EnumMap<>(ScfOp.class);
        copy.putAll(weights);
        copy.put(op, weight);
        return new ScfTorture(variant, nrCpus, opsPerCpu, copy);
    }

    /**
     * @param ops operations each CPU issues in one searched schedule, from 1 to 1,000 (free runs go on until their
     *     time budget is spent)
     * @return a copy with that number
     */
    public ScfTorture withOpsPerCpu(int ops) {
        if (ops < 1 || ops > MAX_OPS_PER_CPU) {
            throw new IllegalArgumentException("opsPerCpu = " + ops + " is out of range: 1 to " + MAX_OPS_PER_CPU);
        }
        return new ScfTorture(variant, nrCpus, ops, weights);
    }

    /** @return each primitive's effective weight, by scftorture's rule */
    public Map<ScfOp, Integer> effectiveWeights() {
        Map<ScfOp, Integer> effective = new EnumMap<>(ScfOp.class);
        for (ScfOp op : ScfOp.values()) {
            effective.put(op, weights.isEmpty() ? op.defaultWeight(nrCpus) : weights.getOrDefault(op, 0));
        }
        if (effective.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("every scftorture weight is 0 (scftorture fails with -EINVAL): give at "
                    + "least one primitive a positive weight");
        }
        return effective;
    }

    /**
     * One schedule of the torture, for the controlled engine (an {@code @SmpTest} body or an {@link Explorer}):
     * boots the variant, puts {@link #withOpsPerCpu ops-per-CPU} operations on every CPU, and checks at the end that
     * no accepted call was lost. The search's data choices pick the operations and targets.
     *
     * @return the body; each schedule counts into fresh statistics
     */
    public ScheduleBody body() {
        return smp -> setUp(smp, new ScfStats(nrCpus), null, Sched::choose);
    }

    /**
     * Searches the torture with the controlled engine.
     *
     * @param strategy {@code pct}, {@code random} or {@code default}
     * @param schedules the budget, at least 1
     * @param seed the search's seed
     * @return the report; its statistics count the schedules that passed before any failure
     */
    public Report search(String strategy, int schedules, long seed) {
        SearchConfig config = SearchConfig.defaults("scftorture/" + variant + "/" + nrCpus + "cpus/" + opsPerCpu)
                .withCpus(nrCpus).withSchedules(schedules).withStrategy(strategy).withSeed(seed);
        effectiveWeights();
        List<ScfStats> passed = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        SearchResult result;
        try {
            result = new Explorer(config, null).explore(Fixture.of(smp -> {
                ScfStats stats = new ScfStats(nrCpus);
                setUp(smp, stats, null, Sched::choose);
                smp.afterAll(() -> passed.add(stats));
            }));
        } catch (Throwable t) {
            throw new IllegalStateException("the torture search could not run: " + t, t);
        }
        Finding finding = result.finding();
        // Only the search's own schedules count; replays that minimize a failure come after it.
        int counted = finding == null ? passed.size() : Math.min(passed.size(), finding.schedule());
        ScfStats totals = new ScfStats(nrCpus);
        for (ScfStats s : passed.subList(0, counted)) {
            totals.add(s);
        }
        return new Report(result.summary(), totals, finding == null ? null : finding.report(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Runs the torture free on real threads, one per CPU, each issuing operations until {@code budget} is spent; a
     * run that has not ended {@code budget + 10 s} after its start is reported as hung, with what each CPU waited for.
     *
     * @param budget how long the senders keep sending, positive
     * @param seed seeds each CPU's choice of operations and targets
     * @return the report
     */
    public Report runFree(Duration budget, long seed) {
        Objects.requireNonNull(budget, "budget");
        effectiveWeights();
        ScfStats stats = new ScfStats(nrCpus);
        long end = System.nanoTime() + budget.toNanos();
        FreeRun.Result r = FreeRun.run(nrCpus, budget.plusSeconds(10),
                smp -> setUp(smp, stats, end, perCpuRandom(seed)));
        String failure = r.completed() ? null
                : r.message().startsWith(r.kind().name()) ? r.message() : r.kind() + ": " + r.message();
        return new Report("free run on " + nrCpus + " real threads, " + budget.toMillis() + " ms, "
                + r.interrupts() + " interrupts", stats, failure, r.elapsed());
    }

    private Draw perCpuRandom(long seed) {
        SplittableRandom[] random = new SplittableRandom[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            random[i] = new SplittableRandom(seed * 31 + i);
        }
        return (what, bound) -> random[Sched.currentCpu().id()].nextInt(bound);
    }

    /**
     * @param endNanos {@code null}: each CPU issues {@link #opsPerCpu} operations; else each issues operations until
     *     this {@link System#nanoTime()}
     */
    private void setUp(Smp smp, ScfStats stats, Long endNanos, Draw draw) {
        IpiSystem ipi = IpiSystem.boot(smp, variant);
        Map<ScfOp, Integer> effective = effectiveWeights();
        List<ScfCheck> noWaitSingles = Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < nrCpus; c++) {
            smp.onCpu(c, cpu -> {
                for (int i = 0; endNanos == null ? i < opsPerCpu : System.nanoTime() < endNanos; i++) {
                    invokeOne(ipi, cpu, pick(effective, draw), draw, stats, noWaitSingles);
                }
            });
        }
        smp.afterAll(() -> {
            for (ScfCheck check : noWaitSingles) {
                if (check.runs.get() == 0) {
                    report(stats, stats.lost, Violation.LOST_CALL, "accepted " + check + " never ran");
                }
            }
        });
    }

    private static ScfOp pick(Map<ScfOp, Integer> weights, Draw draw) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int x = draw.next("scf_sel_rand", total);
        for (Map.Entry<ScfOp, Integer> e : weights.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        throw new AssertionError("the draw is below the total weight");
    }

    /** scftorture_invoke_one: one call, with the checks around it. */
    private void invokeOne(IpiSystem ipi, Cpu cpu, ScfOp op, Draw draw, ScfStats stats, List<ScfCheck> noWaitSingles) {
        int target = op.single() ? draw.next("target CPU", nrCpus) : -1;
        // scftorture allocates a check for single calls and for every wait; the model's allocation does not fail.
        ScfCheck check = null;
        if (op.single() || op.waits()) {
            check = new ScfCheck(target, op.waits(), op == ScfOp.SINGLE_RPC, "CPU" + cpu.id());
            // The sender's initialising stores come first and "in" last, with a compiler barrier between.
            Sched.point("scfc_in = true", check);
            check.in = true;
        }
        ScfCheck info = check;
        SmpCallFunc handler = arg -> handle((ScfCheck) arg, op.single(), stats);
        cpu.preemptDisable();
        int err = 0;
        switch (op) {
            case SINGLE, SINGLE_WAIT, SINGLE_RPC -> err = ipi.callFunctionSingle(target, handler, info, op.waits());
            case MANY, MANY_WAIT -> ipi.callFunctionMany(ipi.cpuOnlineMask(), handler, info, op.waits());
            case ALL, ALL_WAIT -> ipi.callFunction(handler, info, op.waits());
        }
        cpu.preemptEnable();
        if (err == -Errno.ENXIO) {
            stats.calledOffline(op);
            return;
        }
        if (err != 0) {
            throw new IllegalStateException(op.kernelName() + " to CPU" + target + " returned " + Errno.name(err));
        }
        stats.called(op);
        if (info == null) {
            return;
        }
        if (op == ScfOp.SINGLE) {
            noWaitSingles.add(info);
        } else if (op == ScfOp.SINGLE_RPC) {
            Sched.awaitUntil("wait_for_completion " + info, info, () -> info.completed);
            info.freed = true;
        } else {
            // scftorture checks "out" after a single wait, or a many/all wait when another CPU was there to call.
            if ((op.single() || ipi.cpuOnlineMask().weight() > 1) && !info.out) {
                report(stats, stats.outErrors, Violation.WAIT_RETURNED_EARLY, "Memory-ordering failure: "
                        + op.kernelName() + " returned before its function set scfc_out (" + info + ")");
            }
            info.freed = true;
        }
    }

    /** scf_handler / scf_handler_1. */
    private static void handle(ScfCheck check, boolean single, ScfStats stats) {
        Cpu me = Sched.currentCpu();
        stats.invokedOn(me.id());
        if (check == null) {
            return;
        }
        if (check.freed) {
            report(stats, stats.duplicates, Violation.USE_AFTER_FREE, "CPU" + me.id() + " ran a call whose "
                    + check + " was already released");
            return;
        }
        if (check.waits) {
            // For multiple receivers: the last one to finish sets it again.
            check.out = false;
        }
        if (!check.in) {
            report(stats, stats.inErrors, Violation.LOST_UPDATE, "CPU" + me.id() + " ran " + check
                    + " before seeing scfc_in");
        }
        if (single && check.cpu != me.id()) {
            report(stats, stats.wrongCpu, Violation.WRONG_CPU, "Wanted CPU" + check.cpu + " got CPU" + me.id());
        }
        if (single && check.runs.incrementAndGet() > 1) {
            report(stats, stats.duplicates, Violation.USE_AFTER_FREE, check + " ran " + check.runs.get() + " times");
        }
        Sched.point("scf_handler body", check);
        if (check.waits) {
            check.out = true;
        } else if (check.rpc) {
            check.completed = true;
        } else {
            // A no-wait single call's check is released by its handler.
            check.freed = true;
        }
    }

    /**
     * Counts an error; under the controlled engine also fails the schedule at once, so the search reports a trace.
     * Free-running, the kernel's way is kept: count, warn and go on.
     */
    private static void report(ScfStats stats, AtomicLong counter, Violation kind, String what) {
        stats.error(counter, what);
        Sched.warn(what);
        if (Sched.isControlled()) {
            throw new ViolationException(kind, "scftorture: " + what);
        }
    }

    @Override
    public String toString() {
        return "scftorture of " + variant + " on " + nrCpus + " CPUs, weights " + effectiveWeights();
    }
}
