package dev.smpcheck.run;

import org.apiguardian.api.API;

/**
 * Every default of a search, in one place. {@code @SmpTest}'s attribute defaults refer to these constants.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Defaults {
    private Defaults() {}

    /** Two CPUs: an idle CPU costs nothing, and plain-Java tests ignore CPUs. */
    public static final int CPUS = 2;

    /** The most CPUs a schedule may have (pending interrupts and masks are 64-bit words). */
    public static final int MAX_CPUS = 64;

    /** Schedules per test. */
    public static final int SCHEDULES = 1000;

    /** Preemptions per schedule: most concurrency bugs need at most two (CHESS, SCTBench). */
    public static final int PREEMPTIONS = 2;

    /**
     * The {@code preemptions} value meaning "no bound". Only {@code dfs} (which then searches with partial-order
     * reduction) and {@code random} accept it; PCT needs a depth.
     */
    public static final int UNBOUNDED = -1;

    /**
     * The strategy used when none is named; it stands for the best available one, today a portfolio of PCT at depths
     * {@code 1 .. preemptions + 1} and random walk ({@link dev.smpcheck.strategy.PortfolioStrategy}).
     */
    public static final String STRATEGY = "default";

    /** Schedule points after which a schedule counts as a livelock. */
    public static final long MAX_STEPS = 100_000;

    /** Wall time a controlled thread may run without reaching a schedule point before it is abandoned. */
    public static final long WATCHDOG_MILLIS = 10_000;

    /** Seed value meaning "derive the seed from the test's id", so every test has its own fixed seed. */
    public static final long SEED_FROM_TEST_ID = Long.MIN_VALUE;
}
