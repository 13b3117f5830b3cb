package dev.smpcheck.junit.lincheck;

import dev.smpcheck.schedule.Sched;
import java.util.List;
import kotlin.jvm.functions.Function1;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuarantee;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;

/**
 * Which smpcheck code Lincheck's model checker must not analyse, and the Lincheck guarantees that say so.
 *
 * <p>Lincheck's model checker instruments every class it loads, ours included: each field access becomes a possible
 * thread switch, shows up in its trace, and any static state it touches is restored after every invocation. For the
 * engine's own bookkeeping that is wrong on all three counts (measured: injected hooks inflated the state space about
 * 7x and their static counters were rolled back), so it is hidden with {@code ignore()}: no switch points inside, not
 * in the trace, not rolled back.
 *
 * <p>Only code that is inert outside a controlled execution may be hidden. {@link Sched#awaitUntil} and the
 * framework's locks really spin there, waiting for another Lincheck thread; hidden, such a spin would never let that
 * thread run and the check would hang. They stay visible, so Lincheck's spin-loop detection switches threads as it
 * does for any user spin.
 */
final class RuntimeGuarantees {
    /**
     * Packages with no model state: the engine, strategies, traces, the instrumentation's hooks, and the history
     * recorder (its bookkeeping must not add interleavings to the object it records).
     */
    static final List<String> HIDDEN_PACKAGES = List.of("dev.smpcheck.run.", "dev.smpcheck.strategy.",
            "dev.smpcheck.trace.", "dev.smpcheck.instrument.", "dev.smpcheck.linearizability.");

    /** The thread-local that tells model code whether it runs under the engine; always "no" under Lincheck. */
    static final String CONTEXT = "dev.smpcheck.schedule.Context";

    /** Every method of {@link Sched} but this one is a no-op outside the engine. */
    static final String SPINNING_SCHED_METHOD = "awaitUntil";

    private RuntimeGuarantees() {}

    /** @return whether every method of the named class is hidden from the model checker */
    static boolean hidesClass(String className) {
        return className.equals(CONTEXT) || HIDDEN_PACKAGES.stream().anyMatch(className::startsWith);
    }

    /** @return whether the model checker treats a call of this method as if it had no code */
    static boolean hides(String className, String methodName) {
        return hidesClass(className)
                || className.equals(Sched.class.getName()) && !methodName.equals(SPINNING_SCHED_METHOD);
    }

    /** @return the guarantees to add to every model-checking run */
    static List<ManagedStrategyGuarantee> guarantees() {
        Function1<String, Boolean> wholeClasses = RuntimeGuarantees::hidesClass;
        Function1<String, Boolean> sched = name -> name.equals(Sched.class.getName());
        Function1<String, Boolean> inertMethods = method -> !method.equals(SPINNING_SCHED_METHOD);
        return List.of(ManagedStrategyGuaranteeKt.forClasses(wholeClasses).allMethods().ignore(),
                ManagedStrategyGuaranteeKt.forClasses(sched).methods(inertMethods).ignore());
    }
}
