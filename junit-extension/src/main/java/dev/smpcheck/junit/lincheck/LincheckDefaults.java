package dev.smpcheck.junit.lincheck;

import dev.smpcheck.run.Defaults;
import org.apiguardian.api.API;

/**
 * Every default and limit of {@link LincheckTest}, in one place.
 *
 * <p>Lincheck's own defaults (100 scenarios of up to 10,000 invocations, 5 operations per thread plus 5 before and 5
 * after) suit a dedicated run; these are sized for a unit-test suite on a small machine. On a trivial counter, measured
 * on a 2-core machine, the model checker completes about 5,000–10,000 invocations per second and stress mode about
 * 6,000–24,000, so the defaults cost at most a few seconds per test and usually far less: the model checker stops a
 * scenario early once it has explored every interleaving.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class LincheckDefaults {
    private LincheckDefaults() {}

    /** Parallel threads, as many as {@code @SmpTest}'s default CPUs. */
    public static final int THREADS = Defaults.CPUS;

    /** The most threads: one per simulated CPU, as for {@code @SmpTest(cpus)}. */
    public static final int MAX_THREADS = Defaults.MAX_CPUS;

    /** Operations each thread runs in the parallel part; enough for most two-operation races. */
    public static final int ACTORS_PER_THREAD = 3;

    /** Operations run sequentially before the parallel part, to start scenarios from varied states. */
    public static final int ACTORS_BEFORE = 2;

    /** Operations run sequentially after the parallel part, to observe the state it left. */
    public static final int ACTORS_AFTER = 2;

    /** Scenarios (random operation mixes) to generate and check. */
    public static final int ITERATIONS = 20;

    /** The most invocations (interleavings, or stress runs) per scenario. */
    public static final int INVOCATIONS = 1_000;
}
