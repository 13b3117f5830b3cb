package dev.smpcheck.ipi;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The parameters of an {@link ScfTorture} run, after {@code kernel/scftorture.c}'s module parameters (ipi-spec §D.1).
 * Immutable; each {@code withX} returns a changed copy.
 *
 * <h2>Weights</h2>
 * Each primitive has a weight; an invoker picks its next primitive at random in proportion to them. As in scftorture,
 * a weight left unspecified is -1. If every weight is unspecified, the defaults are single = single_rpc = single_wait =
 * 2·nr_cpu_ids, many = many_wait = 2, all = all_wait = 1; if some are given, the unspecified ones are 0; if they all
 * come to 0 the run is refused ({@code -EINVAL} in the kernel). {@code resched_cpu} is not modelled.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScfTortureConfig {

    /** The primitives an invoker exercises, with scftorture's names. */
    public enum Primitive {
        /** {@code smp_call_function_single(random cpu, no wait)}; the handler frees the check object. */
        SINGLE("single", false),
        /** A no-wait single call whose handler completes a completion the invoker sleeps on. */
        SINGLE_RPC("single_rpc", false),
        /** {@code smp_call_function_single(random cpu, wait)}. */
        SINGLE_WAIT("single_wait", true),
        /** {@code smp_call_function_many(cpu_online_mask, no wait)}. */
        MANY("many", false),
        /** {@code smp_call_function_many(cpu_online_mask, wait)}. */
        MANY_WAIT("many_wait", true),
        /** {@code smp_call_function(no wait)}. */
        ALL("all", false),
        /** {@code smp_call_function(wait)}. */
        ALL_WAIT("all_wait", true);

        private final String parameter;
        private final boolean waits;

        Primitive(String parameter, boolean waits) {
            this.parameter = parameter;
            this.waits = waits;
        }

        /** @return scftorture's name, as in {@code weight_single_wait} */
        public String parameter() {
            return parameter;
        }

        /** @return whether the call waits for its handlers */
        public boolean waits() {
            return waits;
        }

        boolean single() {
            return this == SINGLE || this == SINGLE_RPC || this == SINGLE_WAIT;
        }
    }

    private static final ScfTortureConfig DEFAULTS = new ScfTortureConfig(new EnumMap<>(Primitive.class), 3, 0,
            Variant.V6_17, IpiOptions.defaults());

    private final EnumMap<Primitive, Integer> weights;
    private final int opsPerInvoker;
    private final int onoffCycles;
    private final Variant variant;
    private final IpiOptions options;

    private ScfTortureConfig(EnumMap<Primitive, Integer> weights, int opsPerInvoker, int onoffCycles, Variant variant,
            IpiOptions options) {
        this.weights = weights;
        this.opsPerInvoker = opsPerInvoker;
        this.onoffCycles = onoffCycles;
        this.variant = variant;
        this.options = options;
    }

    /** @return every weight unspecified (so scftorture's defaults), 3 operations per invoker, no hotplug, v6.17 */
    public static ScfTortureConfig defaults() {
        return DEFAULTS;
    }

    /**
     * @param primitive the primitive, never {@code null}
     * @param weight its weight, at least 0 ({@code weight_<primitive>=})
     * @return a copy with that weight
     */
    public ScfTortureConfig withWeight(Primitive primitive, int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("weight_" + primitive.parameter() + " must be at least 0, got "
                    + weight);
        }
        EnumMap<Primitive, Integer> next = new EnumMap<>(weights);
        next.put(Objects.requireNonNull(primitive, "primitive"), weight);
        return new ScfTortureConfig(next, opsPerInvoker, onoffCycles, variant, options);
    }

    /**
     * @param ops how many primitives each invoker runs per schedule, at least 1 (the kernel's invokers loop until
     *     stopped; a schedule must end)
     * @return a copy with that count
     */
    public ScfTortureConfig withOpsPerInvoker(int ops) {
        if (ops < 1) {
            throw new IllegalArgumentException("opsPerInvoker must be at least 1, got " + ops);
        }
        return new ScfTortureConfig(weights, ops, onoffCycles, variant, options);
    }

    /**
     * The {@code onoff_interval} analogue: a hotplug thread takes a random CPU other than CPU0 down and brings it back,
     * {@code cycles} times per schedule.
     *
     * @param cycles offline/online cycles per schedule, at least 0 (0: no hotplug)
     * @return a copy with that count
     */
    public ScfTortureConfig withOnoff(int cycles) {
        if (cycles < 0) {
            throw new IllegalArgumentException("onoff cycles must be at least 0, got " + cycles);
        }
        return new ScfTortureConfig(weights, opsPerInvoker, cycles, variant, options);
    }

    /**
     * @param variant the design to torture, never {@code null}
     * @return a copy that boots it
     */
    public ScfTortureConfig withVariant(Variant variant) {
        return new ScfTortureConfig(weights, opsPerInvoker, onoffCycles, Objects.requireNonNull(variant, "variant"),
                options);
    }

    /**
     * @param options faults and debug switches for the booted system, never {@code null}
     * @return a copy that boots with them
     */
    public ScfTortureConfig withOptions(IpiOptions options) {
        return new ScfTortureConfig(weights, opsPerInvoker, onoffCycles, variant,
                Objects.requireNonNull(options, "options"));
    }

    /** @return operations per invoker per schedule */
    public int opsPerInvoker() {
        return opsPerInvoker;
    }

    /** @return hotplug cycles per schedule */
    public int onoffCycles() {
        return onoffCycles;
    }

    /** @return the design tortured */
    public Variant variant() {
        return variant;
    }

    /** @return the boot options */
    public IpiOptions options() {
        return options;
    }

    /**
     * The weights in effect on {@code nrCpus} CPUs, by scftorture's rules (see the class documentation).
     *
     * @param nrCpus the number of CPUs
     * @return a weight for every primitive, at least one of them positive
     * @throws IllegalArgumentException when every weight comes to 0
     */
    public Map<Primitive, Integer> effectiveWeights(int nrCpus) {
        EnumMap<Primitive, Integer> effective = new EnumMap<>(Primitive.class);
        for (Primitive p : Primitive.values()) {
            if (!weights.isEmpty()) {
                effective.put(p, weights.getOrDefault(p, 0));
            } else if (p.single()) {
                effective.put(p, 2 * nrCpus);
            } else {
                effective.put(p, p == Primitive.MANY || p == Primitive.MANY_WAIT ? 2 : 1);
            }
        }
        if (effective.values().stream().allMatch(w -> w == 0)) {
            throw new IllegalArgumentException("scftorture: every weight is 0 (-EINVAL): give at least one primitive "
                    + "a positive weight");
        }
        return effective;
    }

    /** @return the parameters in scftorture's {@code name=value} style, for the end-of-test line */
    String describe(int nrCpus) {
        StringBuilder sb = new StringBuilder("nthreads=" + nrCpus + " variant=" + variant + " ops=" + opsPerInvoker
                + " onoff=" + onoffCycles);
        effectiveWeights(nrCpus).forEach((p, w) -> sb.append(" weight_").append(p.parameter()).append('=').append(w));
        return sb.toString();
    }
}
