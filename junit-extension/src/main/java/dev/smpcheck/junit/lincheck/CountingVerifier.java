package dev.smpcheck.junit.lincheck;

import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.verifier.LinearizabilityVerifier;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;

/**
 * Lincheck's linearizability verifier, counting the invocations it is asked about, so that a check can say how much it
 * ran (Lincheck itself does not tell).
 *
 * <p>Public only because Lincheck instantiates verifiers reflectively through a public {@code (Class)} constructor.
 * The count is static because Lincheck creates verifiers itself; that is sound because {@link LincheckRunner} runs one
 * check at a time, and the verifier runs outside the analysed code, so the model checker does not roll the count back.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CountingVerifier implements Verifier {
    private static final AtomicLong INVOCATIONS = new AtomicLong();

    private final Verifier delegate;

    /** @param sequentialSpecification the sequential model, as Lincheck passes it */
    public CountingVerifier(Class<?> sequentialSpecification) {
        this.delegate = new LinearizabilityVerifier(sequentialSpecification);
    }

    @Override
    public boolean verifyResults(ExecutionScenario scenario, ExecutionResult results) {
        INVOCATIONS.incrementAndGet();
        return delegate.verifyResults(scenario, results);
    }

    /** Starts a new count, before a check. */
    static void reset() {
        INVOCATIONS.set(0);
    }

    /** @return invocations verified since the last {@link #reset()} */
    static long count() {
        return INVOCATIONS.get();
    }
}
