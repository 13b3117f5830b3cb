package dev.smpcheck.benchmarks;

import dev.smpcheck.instrument.TestInstrumentation;
import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.SequentialSpec;
import dev.smpcheck.linearizability.Transition;
import dev.smpcheck.run.Defaults;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.ScheduleBody;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.verifier.LinearizabilityVerifier;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;
import org.jetbrains.lincheck.util.LoggingLevel;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lincheck 3.7 and smpcheck checking the same object on the same scenario: a correct {@link Counter} built on an
 * {@link AtomicInteger}, two threads, each calling {@code increment()} {@link #actorsPerThread} times, and every
 * execution's results checked for linearizability. JMH reports each benchmark's checks per second and, through the
 * {@link Executions} counter, the executions (Lincheck invocations, smpcheck schedules) per second.
 *
 * <h2>Why this scenario</h2>
 * The counter has a single operation, so Lincheck's scenario generator can only produce the scenario smpcheck runs:
 * both tools execute exactly the same calls on the same class. The counter is correct, so neither tool stops at a
 * failure or spends time minimizing one; each explores its whole space:
 * <ul>
 *   <li>Lincheck model checking: one scenario per check ({@code iterations(1)}, no init or post part), explored until
 *       Lincheck finds no new interleaving within its own switch bounds (the cap of 10,000 invocations is never
 *       reached);</li>
 *   <li>Lincheck stress: the scenario run {@link #STRESS_INVOCATIONS} times on real threads;</li>
 *   <li>smpcheck: an exhaustive depth-first search ({@code dfs}), once within preemption bound 2 and once unbounded,
 *       the instrumented counter's {@code incrementAndGet} calls being the schedule points, and the recorded history
 *       checked against the counter's sequential specification after every schedule.</li>
 * </ul>
 * Each check also pays its tool's fixed per-check cost (Lincheck adds and removes its class transformer each time;
 * smpcheck starts an {@link Explorer}), which a user pays per test too.
 *
 * <h2>Forks</h2>
 * JMH forks one JVM per benchmark and parameter set, so Lincheck's agent and smpcheck's never meet in one JVM. The JVM
 * options are those of the Lincheck Surefire execution; they silence the dynamic-agent warnings of JDK 21 and later
 * (smpcheck's agent attaches itself in its fork, as a test without the {@code -javaagent} argLine would).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-XX:+IgnoreUnrecognizedVMOptions", "-XX:+EnableDynamicAgentLoading",
        "-Djdk.attach.allowAttachSelf=true", "--sun-misc-unsafe-memory-access=allow", "-Xshare:off"})
@Threads(1) // both tools run one search at a time per JVM (Lincheck holds a global lock); more threads would queue
@State(Scope.Benchmark)
public class SideBySideBenchmark {

    /** Lincheck stress invocations per check. */
    static final int STRESS_INVOCATIONS = 1_000;

    /** The object both tools check: correct, with one read-modify-write operation. */
    public static class Counter {
        private final AtomicInteger value = new AtomicInteger();

        /** @return the value after the increment */
        @Operation
        public int increment() {
            return value.incrementAndGet();
        }
    }

    /** Lincheck's linearizability verifier, counting the executions Lincheck asks it about. */
    public static class CountingVerifier implements Verifier {
        static final AtomicLong EXECUTIONS = new AtomicLong();
        private final Verifier delegate;

        /** @param sequentialSpecification the class Lincheck runs sequentially to decide linearizability */
        public CountingVerifier(Class<?> sequentialSpecification) {
            delegate = new LinearizabilityVerifier(sequentialSpecification);
        }

        @Override
        public boolean verifyResults(ExecutionScenario scenario, ExecutionResult results) {
            EXECUTIONS.incrementAndGet();
            return delegate.verifyResults(scenario, results);
        }
    }

    /** Executions per iteration, which JMH reports as a rate next to the checks per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Executions {
        /** Lincheck invocations or smpcheck schedules run in this iteration. */
        public long executions;

        /** Starts each iteration's count at zero. */
        @Setup(Level.Iteration)
        public void clear() {
            executions = 0;
        }
    }

    /** The counter's sequential specification, for smpcheck's checker. */
    static final SequentialSpec<Integer> COUNTER = SequentialSpec.of(0, (n, op) -> Transition.returns(n + 1, n + 1));

    /** Operations per thread: the scenario's size. */
    @Param({"3", "5"})
    public int actorsPerThread;

    private ModelCheckingOptions modelChecking;
    private StressOptions stress;
    private SearchConfig bounded;
    private SearchConfig unbounded;
    private Fixture fixture;

    /** Builds both tools' configurations once; neither carries state from one check to the next. */
    @Setup(Level.Trial)
    public void setUp() {
        modelChecking = lincheckScenario(new ModelCheckingOptions(), 10_000);
        stress = lincheckScenario(new StressOptions(), STRESS_INVOCATIONS);
        bounded = SearchConfig.defaults("SideBySideBenchmark")
                .withStrategy("dfs")
                .withPreemptions(2)
                .withSchedules(Integer.MAX_VALUE);
        unbounded = bounded.withPreemptions(Defaults.UNBOUNDED);
        fixture = TestInstrumentation.prepare("SideBySideBenchmark", List.of(), true).wrap(Fixture.of(scenario()));
    }

    /** Either Lincheck mode, set to the one fixed scenario: the increments on two threads, nothing before or after. */
    private <O extends Options<O, ?>> O lincheckScenario(O options, int invocations) {
        return options.iterations(1)
                .invocationsPerIteration(invocations)
                .threads(2)
                .actorsPerThread(actorsPerThread)
                .actorsBefore(0)
                .actorsAfter(0)
                .minimizeFailedScenario(false)
                .verifier(CountingVerifier.class)
                .logLevel(LoggingLevel.WARN);
    }

    /** Two plain Java threads, each incrementing the counter; the history is checked when both are done. */
    private ScheduleBody scenario() {
        int n = actorsPerThread;
        return smp -> {
            Counter counter = new Counter();
            History history = new History();
            Runnable actor = () -> {
                for (int i = 0; i < n; i++) {
                    history.call("increment", counter::increment);
                }
            };
            Thread a = new Thread(actor, "T0");
            Thread b = new Thread(actor, "T1");
            a.start();
            b.start();
            a.join();
            b.join();
            history.check(COUNTER);
        };
    }

    /** One Lincheck model check of the scenario. */
    @Benchmark
    public void lincheckModelChecking(Executions counters) {
        long before = CountingVerifier.EXECUTIONS.get();
        modelChecking.check(Counter.class); // throws if Lincheck ever rejected the correct counter
        counters.executions += CountingVerifier.EXECUTIONS.get() - before;
    }

    /** One Lincheck stress check of the scenario. */
    @Benchmark
    public void lincheckStress(Executions counters) {
        long before = CountingVerifier.EXECUTIONS.get();
        stress.check(Counter.class);
        counters.executions += CountingVerifier.EXECUTIONS.get() - before;
    }

    /** One exhaustive smpcheck search of the scenario within preemption bound 2, the samples' usual setting. */
    @Benchmark
    public SearchResult smpcheckDfsBound2(Executions counters) throws Throwable {
        return exhaust(bounded, counters);
    }

    /** One exhaustive smpcheck search of the scenario with no preemption bound: every interleaving. */
    @Benchmark
    public SearchResult smpcheckDfsUnbounded(Executions counters) throws Throwable {
        return exhaust(unbounded, counters);
    }

    private SearchResult exhaust(SearchConfig search, Executions counters) throws Throwable {
        SearchResult result = new Explorer(search, null).explore(fixture);
        if (result.finding() != null || !result.exhausted()) {
            throw new IllegalStateException("the correct counter must pass an exhaustive search: " + result.summary());
        }
        counters.executions += result.schedules();
        return result;
    }
}
