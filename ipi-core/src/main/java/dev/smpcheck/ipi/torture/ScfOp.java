package dev.smpcheck.ipi.torture;

import org.apiguardian.api.API;

/**
 * The primitives the torture test mixes, after scftorture's {@code weight_*} parameters. The {@code resched} primitive
 * is left out: the model has no scheduler IPI.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ScfOp {
    /** {@code smp_call_function_single(random cpu, func, check, 0)}: the handler frees the check. */
    SINGLE("single", true, false),
    /** {@code smp_call_function_single(random cpu, func, check, 1)}: the sender checks "out", then frees. */
    SINGLE_WAIT("single_wait", true, true),
    /** A no-wait single call whose handler completes a completion the sender sleeps on. */
    SINGLE_RPC("single_rpc", true, false),
    /** {@code smp_call_function_many(cpu_online_mask, func, NULL, 0)}. */
    MANY("many", false, false),
    /** {@code smp_call_function_many(cpu_online_mask, func, check, 1)}. */
    MANY_WAIT("many_wait", false, true),
    /** {@code smp_call_function(func, NULL, 0)}. */
    ALL("all", false, false),
    /** {@code smp_call_function(func, check, 1)}. */
    ALL_WAIT("all_wait", false, true);

    private final String kernelName;
    private final boolean single;
    private final boolean waits;

    ScfOp(String kernelName, boolean single, boolean waits) {
        this.kernelName = kernelName;
        this.single = single;
        this.waits = waits;
    }

    /** @return the name of scftorture's weight parameter without {@code weight_}, such as {@code single_wait} */
    public String kernelName() {
        return kernelName;
    }

    /** @return whether the call goes to one CPU */
    boolean single() {
        return single;
    }

    /** @return whether the call waits for its function */
    boolean waits() {
        return waits;
    }

    /**
     * scftorture's default weight when no weight is given: {@code 2 * nr_cpu_ids} for the single calls, 2 for many,
     * 1 for all.
     *
     * @param nrCpus the number of CPUs
     * @return the weight
     */
    int defaultWeight(int nrCpus) {
        return single ? 2 * nrCpus : this == MANY || this == MANY_WAIT ? 2 : 1;
    }
}
