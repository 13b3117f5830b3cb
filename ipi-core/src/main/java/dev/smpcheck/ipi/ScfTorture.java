package dev.smpcheck.ipi;

import dev.smpcheck.ipi.ScfTortureConfig.Primitive;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.FreeRun;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.apiguardian.api.API;

/**
 * A stress driver in the manner of {@code kernel/scftorture.c} (Paul McKenney, 2020; ipi-spec §D), run under the
 * controlled scheduler: every schedule boots an {@link IpiSystem}, puts an invoker on every CPU that makes
 * {@link ScfTortureConfig#opsPerInvoker()} randomly chosen cross-calls, optionally runs a hotplug thread, and checks
 * what scftorture checks. The random choices (primitive, target, hotplug CPU) are data choices of the search, so a
 * failure replays exactly from its token.
 *
 * <pre>{@code
 * ScfTortureResult r = ScfTorture.run(ScfTortureConfig.defaults().withOnoff(1),
 *         SearchConfig.defaults("scftorture").withCpus(3).withSchedules(500).withStrategy("random"));
 * r.lines().forEach(System.out::println);   // the stats line, then "End of test: SUCCESS: ..."
 * }</pre>
 *
 * <h2>What one operation does</h2>
 * The invoker disables preemption (or, if its CPU died meanwhile, waits until it is back, as scftorture's invoker
 * re-binds), allocates a check object for single and waiting calls, sets its fields and then its {@code in} flag, and
 * makes the call. The handler counts itself, clears {@code out} ("for multiple receivers"), counts an error if it does
 * not see {@code in} ({@code stnmie}) or, for single calls, if it runs on another CPU than targeted ({@code ste}), then
 * sets {@code out} for a waiting call (completing it for RPC) or frees a no-wait call's object. After a waiting call
 * returns, the invoker counts an error if {@code out} is not set ({@code stnmoe}, "Memory-ordering failure"). A handler
 * that meets an object already freed counts a duplicate or late run ({@code stdup}). Single calls to an offline CPU
 * count as {@code *_ofl}.
 *
 * <h2>Verdict</h2>
 * Each schedule fails on any error counter (an {@code AssertionError} naming the counters) and, before that, on any
 * violation of the model's own oracles (lost calls, early waits, list corruption ...). The search stops at the first
 * failing schedule. The counters cover the schedules up to and including the first failing one, not the replays used
 * to minimize and trace it.
 *
 * <h2>Two ways to spend a time budget</h2>
 * scftorture runs on real CPUs for a time budget. {@link #runFree} does the same on real threads, one per CPU, with
 * the engine's {@link FreeRun}: the interleavings are whatever the hardware gives, the choices come from a seeded
 * random generator per CPU, and nothing replays. {@link #runFor} runs searches for a time budget instead, so every
 * failure comes with a replay token. Counters are per CPU in a free run (each CPU counts what its invoker and its
 * handlers did) and are summed at the end.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScfTorture {
    private ScfTorture() {}

    /**
     * Runs one search.
     *
     * @param config what to torture, never {@code null}
     * @param search how to search (CPUs, schedules, strategy, seed), never {@code null}; at least 2 CPUs with hotplug
     * @return the counters, the search result and the verdict
     * @throws Throwable what the engine throws for a bad configuration
     */
    public static ScfTortureResult run(ScfTortureConfig config, SearchConfig search) throws Throwable {
        Torture torture = new Torture(config, search.cpus());
        SearchResult result = new Explorer(search, null).explore(torture);
        return new ScfTortureResult(config.describe(search.cpus()), torture.total, result.schedules(), result);
    }

    /**
     * Runs searches one after another, each with the next seed, until {@code budget} has passed or one fails: the
     * analogue of scftorture's time-bounded run.
     *
     * @param config what to torture, never {@code null}
     * @param search how each search runs, never {@code null}; its seed is the first one
     * @param budget how long to go on, positive
     * @return the counters over all searches, the last search's result and the verdict
     * @throws Throwable what the engine throws for a bad configuration
     */
    public static ScfTortureResult runFor(ScfTortureConfig config, SearchConfig search, Duration budget)
            throws Throwable {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        Torture torture = new Torture(config, search.cpus());
        long deadline = System.nanoTime() + budget.toNanos();
        long seed = search.baseSeed();
        int schedules = 0;
        SearchResult result;
        do {
            result = new Explorer(search.withSeed(seed++), null).explore(torture);
            schedules += result.schedules();
        } while (result.finding() == null && System.nanoTime() < deadline);
        return new ScfTortureResult(config.describe(search.cpus()), torture.total, schedules, result);
    }

    /**
     * Runs the torture free on real threads, one per CPU: every invoker makes calls until {@code budget} has passed.
     * A run that has not ended 10 s after that is reported as hung, with what each CPU was waiting for.
     *
     * @param config what to torture, never {@code null}; hotplug ({@code onoff}) is not supported free-running yet
     * @param nrCpus CPUs, from 2 to 64
     * @param budget how long the invokers keep calling, positive
     * @param seed seeds each CPU's choices of primitive and target
     * @return the counters and the verdict
     */
    public static ScfTortureResult runFree(ScfTortureConfig config, int nrCpus, Duration budget, long seed) {
        Objects.requireNonNull(budget, "budget");
        if (config.onoffCycles() > 0) {
            throw new IllegalArgumentException("onoff = " + config.onoffCycles() + " is not supported in a free run "
                    + "yet: hotplug runs only under the controlled scheduler (run or runFor)");
        }
        if (nrCpus < 2 || nrCpus > 64) {
            throw new IllegalArgumentException("a free scftorture run needs 2 to 64 CPUs, got " + nrCpus);
        }
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
        Torture torture = new Torture(config, nrCpus);
        ScfStats[] perCpu = new ScfStats[nrCpus];
        SplittableRandom[] random = new SplittableRandom[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            perCpu[i] = new ScfStats();
            random[i] = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        }
        long deadline = System.nanoTime() + budget.toNanos();
        torture.draw = (what, bound) -> random[Sched.currentCpu().id()].nextInt(bound);
        torture.statsOf = cpu -> perCpu[cpu];
        torture.more = (cpu, done) -> System.nanoTime() < deadline;
        FreeRun.Result free = FreeRun.run(nrCpus, budget.plusSeconds(10), smp -> torture.schedule(smp, perCpu[0]));
        ScfStats total = new ScfStats();
        for (ScfStats s : perCpu) {
            total.add(s);
        }
        return new ScfTortureResult(config.describe(nrCpus), total, free);
    }

    /** Where an invoker's random choices come from: the search's data choices, or a seeded generator per CPU. */
    @FunctionalInterface
    private interface Draw {
        int next(String what, int bound);
    }

    /** Whether an invoker goes on after {@code done} operations. */
    @FunctionalInterface
    private interface More {
        boolean test(int cpu, int done);
    }

    /**
     * The fixture of a torture run: fresh counters per schedule, added to the total once the schedule's checks ran;
     * after the first failing schedule the total is frozen, so the minimizer's and the tracer's replays do not count.
     */
    private static final class Torture implements Fixture {
        final ScfTortureConfig config;
        final Map<Primitive, Integer> weights;
        final int totalWeight;
        final ScfStats total = new ScfStats();
        private boolean accounted;
        private boolean frozen;
        /** Controlled: the search's data choices. */
        Draw draw = Sched::choose;
        /** Controlled: one counter set per schedule, shared by every CPU (one runs at a time). */
        IntFunction<ScfStats> statsOf;
        More more;

        Torture(ScfTortureConfig config, int nrCpus) {
            this.config = Objects.requireNonNull(config, "config");
            this.more = (cpu, done) -> done < config.opsPerInvoker();
            this.weights = config.effectiveWeights(nrCpus);
            this.totalWeight = weights.values().stream().mapToInt(Integer::intValue).sum();
            if (config.onoffCycles() > 0 && nrCpus < 2) {
                throw new IllegalArgumentException("scftorture with hotplug needs at least 2 CPUs: CPU0 stays online");
            }
        }

        @Override
        public ScheduleBody setUp() {
            ScfStats stats = new ScfStats();
            statsOf = cpu -> stats;
            accounted = false;
            return smp -> schedule(smp, stats);
        }

        @Override
        public void tearDown() {
            if (!accounted) {
                frozen = true; // the model's own oracles failed this schedule
            }
        }

        private void account(ScfStats stats) {
            if (!frozen) {
                total.add(stats);
            }
            accounted = true;
            frozen |= stats.errors() > 0;
        }

        private void schedule(Smp smp, ScfStats stats) {
            IpiSystem ipi = IpiSystem.boot(smp, config.variant(), config.options());
            for (int cpu = 0; cpu < smp.cpus(); cpu++) {
                smp.onCpu(cpu, me -> {
                    for (int i = 0; more.test(me.id(), i); i++) {
                        invokeOne(smp, ipi, me, statsOf.apply(me.id()));
                    }
                });
            }
            if (config.onoffCycles() > 0) {
                smp.thread("torture_onoff", () -> onoff(ipi, stats));
            }
            smp.afterAll(() -> {
                account(stats);
                if (stats.errors() > 0) {
                    throw new AssertionError(stats.line(true));
                }
            });
        }

        /** {@code scf_sel_rand}: a weighted pick, as a data choice. */
        private Primitive pick() {
            int r = draw.next("scf_sel_rand", totalWeight);
            for (Map.Entry<Primitive, Integer> e : weights.entrySet()) {
                r -= e.getValue();
                if (r < 0) {
                    return e.getKey();
                }
            }
            throw new IllegalStateException("weights changed during the run");
        }

        /** {@code scftorture_invoke_one()}. */
        private void invokeOne(Smp smp, IpiSystem ipi, Cpu me, ScfStats stats) {
            Primitive p = pick();
            if (!ipi.tryGetCpu(me)) {
                // Our CPU went offline under us: sleep until it is back, as the kernel's invoker re-binds.
                smp.awaitUntil("CPU" + me.id() + " back online", () -> ipi.cpuState(me.id()) == CpuState.ONLINE);
                return;
            }
            ScfCheck check = p.single() || p.waits() ? new ScfCheck(p) : null;
            boolean awaitRpc = false;
            try {
                awaitRpc = call(ipi, p, check, stats, draw, statsOf);
            } finally {
                ipi.putCpu(me);
            }
            if (awaitRpc) {
                smp.awaitUntil("wait_for_completion", () -> check.completed);
                checkOut(check, stats);
            }
            if (check != null && check.waits) {
                check.freed = true; // the invoker frees what the handler does not
            }
        }

        /** @return whether the call was an accepted RPC, whose completion the invoker now sleeps on */
        private static boolean call(IpiSystem ipi, Primitive p, ScfCheck check, ScfStats stats, Draw draw,
                IntFunction<ScfStats> statsOf) {
            // Handlers count into the counters of the CPU they run on.
            SmpCallFunc one = info -> handlerOne(info, statsOf.apply(Sched.currentCpu().id()));
            SmpCallFunc any = info -> handler(info, statsOf.apply(Sched.currentCpu().id()));
            if (p.single()) {
                int target = draw.next("scf target CPU", ipi.nrCpus());
                check.cpu = target;
                check.in = true; // the last store before the call
                int err = ipi.callFunctionSingle(target, one, check,
                        p == Primitive.SINGLE_WAIT);
                if (err != 0) {
                    stats.offline(p);
                    check.freed = true;
                    return false;
                }
                stats.done(p);
                if (p == Primitive.SINGLE_WAIT) {
                    checkOut(check, stats);
                }
                return p == Primitive.SINGLE_RPC;
            }
            if (check != null) {
                check.in = true;
            }
            boolean remote = ipi.cpuOnlineMask().weight() > 1;
            if (p == Primitive.MANY || p == Primitive.MANY_WAIT) {
                ipi.callFunctionMany(ipi.cpuOnlineMask(), any, check, p.waits());
            } else {
                ipi.callFunction(any, check, p.waits());
            }
            stats.done(p);
            if (check != null && remote) {
                checkOut(check, stats);
            }
            return false;
        }

        /** The "out" check after a wait: the handler's last store must be visible. */
        private static void checkOut(ScfCheck check, ScfStats stats) {
            if (!check.out) {
                stats.outErrors++; // "Memory-ordering failure"
            }
        }

        /** {@code scf_handler_1()}: the single-call handler, which also checks the CPU. */
        private static void handlerOne(Object info, ScfStats stats) {
            ScfCheck check = (ScfCheck) info;
            if (!check.freed && Sched.currentCpu().id() != check.cpu) {
                stats.wrongCpu++; // "Wanted CPU x got CPU y"
            }
            handler(info, stats);
        }

        /** {@code scf_handler()}. */
        private static void handler(Object info, ScfStats stats) {
            stats.invoked++;
            ScfCheck check = (ScfCheck) info;
            if (check == null) {
                return;
            }
            if (check.freed) {
                stats.duplicates++;
                return;
            }
            check.out = false; // for multiple receivers
            if (!check.in) {
                stats.inErrors++;
            }
            if (check.waits) {
                check.out = true;
                check.completed |= check.rpc;
            } else {
                check.freed = true;
            }
        }

        /** {@code torture_onoff()}: take a random CPU other than CPU0 down and bring it back. */
        private void onoff(IpiSystem ipi, ScfStats stats) {
            for (int i = 0; i < config.onoffCycles(); i++) {
                int cpu = 1 + draw.next("onoff CPU", ipi.nrCpus() - 1);
                if (ipi.cpuDown(cpu) == 0 && ipi.cpuState(cpu) == CpuState.OFFLINE) {
                    stats.offlines++;
                }
                ipi.cpuUp(cpu);
                stats.onlines++;
            }
        }
    }

    /**
     * {@code struct scf_check}: one call's check object. The flags are volatile because a free run shares the object
     * between real threads, as the kernel shares it between CPUs.
     */
    private static final class ScfCheck {
        final boolean waits;
        final boolean rpc;
        volatile int cpu = -1;
        volatile boolean in;
        volatile boolean out;
        volatile boolean completed;
        /** Ghost: freed (by the handler of a no-wait call, else by the invoker). */
        volatile boolean freed;

        ScfCheck(Primitive p) {
            this.rpc = p == Primitive.SINGLE_RPC;
            // An RPC's handler must not free the object either: the invoker sleeps on its completion.
            this.waits = p.waits() || rpc;
        }
    }
}
