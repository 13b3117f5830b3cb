package dev.smpcheck.junit;

import dev.smpcheck.check.Violation;
import dev.smpcheck.instrument.Isolation;
import dev.smpcheck.run.Defaults;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a method as a concurrency test: one JUnit test that runs its body under many schedules and fails with a
 * replayable trace when one of them violates something.
 *
 * <p>A body can use the {@link dev.smpcheck.schedule.Smp} API (CPUs, controlled threads, explicit schedule points),
 * or plain Java: threads, {@code synchronized}, {@code wait/notify}, {@code java.util.concurrent} locks and atomics,
 * which the instrumentation agent puts under control (see {@link #instrument()}):
 *
 * <pre>{@code
 * @SmpTest
 * void transfersNeverOverdraw() throws InterruptedException {
 *     Account a = new Account(100);
 *     Thread t1 = new Thread(() -> a.withdraw(70));
 *     Thread t2 = new Thread(() -> a.withdraw(70));
 *     t1.start(); t2.start(); t1.join(); t2.join();
 *     assertThat(a.balance()).isNotNegative();
 * }
 * }</pre>
 *
 * <pre>{@code
 * @SmpTest(cpus = 2, schedules = 2_000)
 * void incrementsAreNotLost(Smp smp) {
 *     Counter c = new Counter();
 *     smp.onCpu(0, cpu -> c.increment());
 *     smp.onCpu(1, cpu -> c.increment());
 *     smp.afterAll(() -> assertThat(c.get()).isEqualTo(2));
 * }
 * }</pre>
 *
 * <h2>What the framework guarantees</h2>
 * <ul>
 *   <li>The method is <b>one</b> test (one Surefire testcase), however many schedules it runs.</li>
 *   <li>Every schedule gets a <b>new test instance</b>, with the class's {@code @BeforeEach} methods run before it and its
 *       {@code @AfterEach} methods after it; {@code @BeforeAll}/{@code @AfterAll} run once, as usual.</li>
 *   <li>The body runs as a controlled thread; the work it puts on CPUs ({@code smp.onCpu}) starts when it returns; its
 *       {@code smp.afterAll} checks run when every CPU and thread is done. Exactly one of them runs at a time.</li>
 *   <li>An exception or failed assertion anywhere (the body, a CPU task, an interrupt handler, a thread started with
 *       {@code smp.thread}) fails the test; so do a deadlock, a livelock and a thread stuck outside schedule points.</li>
 *   <li>The same seed (or replay token) gives the same schedules, every run.</li>
 * </ul>
 *
 * <h2>What a failure looks like</h2>
 * An {@link dev.smpcheck.check.SmpViolation} whose first line names the violation kind, the schedule, the strategy
 * and seed, and a replay token; then what was found and a per-CPU swimlane of the trace. A text and an HTML copy are
 * written under {@code target/smpcheck-reports/} (override with {@code -Dsmpcheck.reports=DIR}).
 *
 * <h2>What the test must not do</h2>
 * Start threads that smpcheck does not control: without the agent (or in classes outside {@link #instrument()}),
 * {@code new Thread(...).start()} is not controlled, and neither is a thread the JDK starts (a thread pool's worker);
 * such threads fail the test as {@link Violation#UNCONTROLLED_THREAD}. Keep state in the instance or create it in the
 * body: static state leaks from one schedule into the next, unless {@link #isolation()} keeps schedules apart.
 *
 * <h2>Replaying</h2>
 * Paste the token into {@link #replay()}, or run {@code mvn test -Dtest=Class#method -Dsmpcheck.replay=TOKEN}; the
 * property applies only to the test that recorded the token, other tests run normally.
 *
 * <h2>Sharding</h2>
 * {@code -Dsmpcheck.shard=i/n} (shards numbered from 0) runs only shard {@code i} of {@code n} of every search, so a CI
 * matrix of {@code n} jobs covers one search between them; the summary line says {@code shard i/n}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(SmpExtension.class)
public @interface SmpTest {

    /** Simulated CPUs, 1 to 64. Plain-Java tests may ignore them. */
    int cpus() default Defaults.CPUS;

    /** Schedules to run, at least 1 (an upper bound: {@code "dfs"} stops earlier when it has covered its space). */
    int schedules() default Defaults.SCHEDULES;

    /**
     * The most preemptions a schedule may take, at least 0; or -1 ({@link Defaults#UNBOUNDED}) for no bound, which
     * {@code "dfs"} (then reduced by partial-order reduction) and {@code "random"} accept.
     */
    int preemptions() default Defaults.PREEMPTIONS;

    /**
     * The search strategy: {@code "pct"} (probabilistic concurrency testing with depth {@code preemptions + 1}),
     * {@code "random"} (random walk within the preemption bound), {@code "dfs"} (every schedule with at most
     * {@code preemptions} preemptions, up to {@code schedules}; the summary says "exhausted" when it covered them all;
     * with {@code preemptions = -1} every schedule, reduced by partial-order reduction), or {@code "default"}: a
     * portfolio taking turns among PCT at depths 1 to {@code preemptions + 1} and the random walk.
     */
    String strategy() default Defaults.STRATEGY;

    /** The base seed; by default a fixed seed derived from the test's name, so runs are repeatable. */
    long seed() default Defaults.SEED_FROM_TEST_ID;

    /** A replay token printed by an earlier failure: runs exactly that schedule instead of searching. */
    String replay() default "";

    /**
     * Inverts the verdict: the test passes only if a violation of one of these kinds is found within the budget
     * (its report is still printed and written). Finding another kind, or none, fails the test. Samples use it to
     * document that a design is broken.
     */
    Violation[] expect() default {};

    /**
     * Requires a proof within the bound: the test fails unless the search covered every schedule with at most
     * {@code preemptions} preemptions (or, with {@code preemptions = -1}, every class of equivalent schedules) before
     * {@code schedules} ran out. Only {@code strategy = "dfs"} can cover a space, so any other strategy is rejected.
     * Ignored when a replay token is given, since a replay runs one schedule by design.
     */
    boolean exhaustive() default false;

    /** Schedule points after which a schedule counts as a livelock. */
    long maxSteps() default Defaults.MAX_STEPS;

    /** Milliseconds a controlled thread may run without reaching a schedule point before it is abandoned. */
    long watchdogMillis() default Defaults.WATCHDOG_MILLIS;

    /**
     * Which classes get schedule points in this test, as rules applied after the global ones of
     * {@code -Dsmpcheck.instrument}: {@code "+com.acme.pool"} adds a package or class (even one the default leaves
     * alone, such as test tooling), {@code "-com.acme.metrics"} leaves one alone, and the last rule that covers a class
     * decides. {@code {"-*"}} turns instrumentation off for this test; {@code {"-*", "+com.acme"}} instruments only
     * {@code com.acme}. The JDK and smpcheck's runtime are never instrumented; naming them is an error.
     *
     * <p>By default every class outside the JDK, smpcheck's runtime and the test tooling is instrumented, so the
     * libraries the test calls are searched too. A test with no {@code Smp} parameter drives plain Java threads and
     * needs the instrumentation agent (see {@code docs/instrumentation.md}): if it is not active and cannot attach
     * itself, the test fails at once rather than pass without exploring anything.
     */
    String[] instrument() default {};

    /**
     * Starts every schedule from the values that the static fields of the test's instrumented classes had when their
     * class initialisers finished, so that what one schedule leaves in a static field does not change the next (and
     * a replay, which runs alone in a fresh JVM, sees what the search saw). Only the fields are set back: objects they
     * refer to keep what schedules changed in them, and classes initialised before the agent was active are not reset.
     *
     * <p>Without it, a static field that one schedule writes and a later one reads before writing it is reported as a
     * warning on standard error, naming the field. The same as {@code isolation = Isolation.RESET_STATICS}; it cannot
     * be combined with another {@link #isolation()}.
     */
    boolean resetStatics() default false;

    /**
     * How schedules are kept apart from each other's static state. {@link Isolation#NONE} warns about a static field
     * that one schedule leaves for a later one; {@link Isolation#RESET_STATICS} is {@link #resetStatics()}.
     *
     * <p>{@link Isolation#CLASSES} loads the test class and the code it uses afresh for every schedule, in a class
     * loader of its own, so every static field, {@code final} or not, and the objects it refers to start from class
     * initialisation. Only the JDK, smpcheck and the test tooling (JUnit, AssertJ, ...) are shared. Each schedule
     * makes an instance of the fresh test class and runs its {@code @BeforeEach} and {@code @AfterEach} methods; the
     * instance JUnit made runs no schedule, and {@code @BeforeAll} methods run on JUnit's class, whose statics the
     * schedules do not see. The test class must be a top-level or {@code static} nested class, and the parameters of
     * its constructor, test and lifecycle methods must be of shared types (such as {@code Smp} or {@code TestInfo}).
     */
    Isolation isolation() default Isolation.NONE;
}
