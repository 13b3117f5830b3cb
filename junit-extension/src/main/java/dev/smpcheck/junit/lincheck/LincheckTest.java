package dev.smpcheck.junit.lincheck;

import dev.smpcheck.check.Violation;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a method as a Lincheck check: one JUnit test that runs Lincheck on a class whose public methods carry
 * Lincheck's {@code @Operation} and fails with an {@link dev.smpcheck.check.SmpViolation} when Lincheck finds a
 * non-linearizable (or otherwise failing) execution.
 *
 * <pre>{@code
 * public class CounterLincheckTest {
 *     private final Counter counter = new Counter();      // Lincheck makes a fresh instance per invocation
 *
 *     @Operation public int increment() { return counter.increment(); }
 *     @Operation public int get() { return counter.get(); }
 *
 *     @LincheckTest                                       // model checking, 2 threads
 *     void modelChecking() {}
 *
 *     @LincheckTest(mode = LincheckTest.Mode.STRESS)
 *     void stress() {}
 * }
 * }</pre>
 *
 * <h2>What the framework guarantees</h2>
 * <ul>
 *   <li>The method is <b>one</b> test; <b>its body is not run</b> (leave it empty): Lincheck creates its own instances of
 *       the {@link #operations()} class, one per invocation, with its public no-argument constructor.</li>
 *   <li>In model-checking mode the search is deterministic (Lincheck's seed is fixed): the same annotation finds the
 *       same failure, with the same interleaving, every run. Stress mode races real threads and is not.</li>
 *   <li>smpcheck's own runtime (schedule-point bookkeeping, the engine, the instrumentation hooks) is hidden from
 *       Lincheck's model checker, so it adds no thread switches and is not rolled back; {@code Sched.awaitUntil} and the
 *       framework's locks stay visible, because outside a controlled execution they really spin.</li>
 *   <li>While the check runs, AssertJ's {@code AbstractAssert.throwUnsupportedExceptionOnEquals} is {@code false}
 *       (Lincheck calls {@code equals} on objects the checked code calls methods on; AssertJ's assertion objects throw
 *       there by default), and it is restored afterwards.</li>
 * </ul>
 *
 * <h2>What a failure looks like</h2>
 * An {@link dev.smpcheck.check.SmpViolation} whose first line names the kind and how Lincheck found it, followed by
 * Lincheck's own report unchanged: the results table and, in model-checking mode, the interleaving that leads to the
 * error. The kind is {@link Violation#NOT_LINEARIZABLE} for invalid results, {@link Violation#DEADLOCK} or
 * {@link Violation#LIVELOCK} for a hang found by the model checker, {@link Violation#TIMEOUT} for a hang found in stress
 * mode, {@link Violation#ASSERTION_FAILED} for a failed {@code @Validate} function, {@link Violation#UNCAUGHT_EXCEPTION}
 * for an exception outside any operation, and the model's own kind when an operation threw a
 * {@link dev.smpcheck.check.ViolationException} (an ipi-core oracle). Its {@code token()} is empty: Lincheck has no
 * replay token; in model-checking mode a rerun reproduces the failure. A text and an HTML copy are written under
 * {@code target/smpcheck-reports/}.
 *
 * <h2>What the test must do</h2>
 * <ul>
 *   <li>The {@link #operations()} class must be public, top-level or static nested, with a public no-argument
 *       constructor and at least one public {@code @Operation} method; violations fail before Lincheck starts.</li>
 *   <li>Keep the state under test in instance fields. Lincheck's model checker <b>rolls back static fields</b> that the
 *       checked code touches after every invocation, and stress mode does not: a static counter means different
 *       things in the two modes.</li>
 *   <li>Run these tests in their own Surefire execution (see the project's {@code docs/lincheck.md}): Lincheck
 *       instruments and retransforms classes for every check and model-checks bytecode injected by other agents
 *       (coverage, smpcheck's own), so it should not share a JVM with other tests.</li>
 * </ul>
 * Lincheck must be on the test class path ({@code org.jetbrains.lincheck:lincheck:3.7}); smpcheck declares it optional.
 * Without it the test fails with a message naming the dependency.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(LincheckExtension.class)
public @interface LincheckTest {

    /** How Lincheck explores executions. */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    enum Mode {
        /**
         * Lincheck's model checker: it runs the threads one at a time and chooses where to switch, exploring
         * interleavings with few switches first, so a failure comes with the interleaving that caused it. It sees only
         * sequentially consistent executions.
         */
        MODEL_CHECKING,

        /**
         * Real threads racing, repeated {@link #invocations()} times per scenario. It can observe effects the model
         * checker cannot (weak memory, JIT), but reports only the results table, without an interleaving, and a hang
         * only after Lincheck's fixed 30-second invocation timeout.
         */
        STRESS
    }

    /** The exploration mode; model checking by default. */
    Mode mode() default Mode.MODEL_CHECKING;

    /**
     * The class whose {@code @Operation} methods are checked; by default ({@code void.class}) the class that declares
     * the test method.
     */
    Class<?> operations() default void.class;

    /**
     * A class with the same public operation methods (name and parameter types) that defines the correct sequential
     * behaviour; by default ({@code void.class}) the {@link #operations()} class itself, run one operation at a time.
     */
    Class<?> sequentialSpecification() default void.class;

    /**
     * Threads in the parallel part, 1 to {@value LincheckDefaults#MAX_THREADS}. In a model where each Lincheck thread
     * plays one CPU, this is the number of CPUs (a parameter generated by Lincheck's {@code ThreadIdGen} tells an
     * operation which thread runs it).
     */
    int threads() default LincheckDefaults.THREADS;

    /** Operations per thread in the parallel part, at least 1. */
    int actorsPerThread() default LincheckDefaults.ACTORS_PER_THREAD;

    /** Operations run sequentially before the parallel part, at least 0. */
    int actorsBefore() default LincheckDefaults.ACTORS_BEFORE;

    /** Operations run sequentially after the parallel part, at least 0. */
    int actorsAfter() default LincheckDefaults.ACTORS_AFTER;

    /** Scenarios (random operation mixes) to check, at least 1: half of the budget. */
    int iterations() default LincheckDefaults.ITERATIONS;

    /**
     * The most invocations per scenario, at least 1: the other half of the budget. The model checker stops a scenario
     * earlier when it has explored every interleaving; stress mode always runs this many.
     */
    int invocations() default LincheckDefaults.INVOCATIONS;

    /** Whether Lincheck shrinks a failing scenario before reporting it (it re-runs candidates, which costs time). */
    boolean minimize() default true;

    /**
     * Inverts the verdict, as for {@code @SmpTest}: the test passes only if Lincheck reports one of these kinds (its
     * report is still printed and written). Finding another kind, or none, fails the test. The class description
     * lists the kinds a Lincheck failure maps to.
     */
    Violation[] expect() default {};
}
