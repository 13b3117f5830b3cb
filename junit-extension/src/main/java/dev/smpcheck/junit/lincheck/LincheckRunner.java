package dev.smpcheck.junit.lincheck;

import dev.smpcheck.check.Violation;
import java.util.Optional;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.CTestConfiguration;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuarantee;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.util.LoggingLevel;

/**
 * Runs one Lincheck check for a {@link LincheckConfig}. With {@link CountingVerifier} and {@link RuntimeGuarantees} it
 * is all the code that calls Lincheck's Kotlin-shaped API (self-typed option builders, Kotlin function types), so none
 * of it reaches users.
 */
final class LincheckRunner {
    /**
     * Lincheck already runs one check at a time per JVM; holding this around the whole check as well keeps the
     * invocation count of one check from mixing with another's under JUnit's parallel execution.
     */
    private static final Object ONE_CHECK_AT_A_TIME = new Object();

    private LincheckRunner() {}

    /**
     * @param config what to check, never {@code null}
     * @param loader the test's class loader, where AssertJ would come from
     * @return what Lincheck found
     * @throws IllegalStateException when Lincheck itself crashed (its report is in the message)
     */
    static LincheckOutcome run(LincheckConfig config, ClassLoader loader) {
        synchronized (ONE_CHECK_AT_A_TIME) {
            return check(config, loader);
        }
    }

    private static LincheckOutcome check(LincheckConfig config, ClassLoader loader) {
        Options<?, ?> options = config.mode() == LincheckTest.Mode.STRESS
                ? budget(new StressOptions(), config)
                : modelChecking(config);
        CountingVerifier.reset();
        long start = System.nanoTime();
        AssertJEquals assertJ = AssertJEquals.relax(loader);
        try {
            options.check(config.operations());
            return new LincheckOutcome(null, "", null, CountingVerifier.count(), System.nanoTime() - start);
        } catch (LincheckAssertionError e) {
            long elapsed = System.nanoTime() - start;
            String report = e.getMessage().strip();
            Optional<Violation> kind = FailureKinds.classify(report);
            if (kind.isEmpty()) {
                throw new IllegalStateException("Lincheck crashed while checking " + config.testId() + "; this is not "
                        + "a finding about the checked code. Lincheck's report:\n" + report, e);
            }
            return new LincheckOutcome(kind.get(), report, e, CountingVerifier.count(), elapsed);
        } finally {
            assertJ.close();
        }
    }

    private static ModelCheckingOptions modelChecking(LincheckConfig config) {
        ModelCheckingOptions options = budget(new ModelCheckingOptions(), config);
        for (ManagedStrategyGuarantee g : RuntimeGuarantees.guarantees()) {
            options = options.addGuarantee(g);
        }
        return options;
    }

    private static <O extends Options<O, C>, C extends CTestConfiguration> O budget(O options, LincheckConfig c) {
        return options.threads(c.threads())
                .actorsPerThread(c.actorsPerThread())
                .actorsBefore(c.actorsBefore())
                .actorsAfter(c.actorsAfter())
                .iterations(c.iterations())
                .invocationsPerIteration(c.invocations())
                .minimizeFailedScenario(c.minimize())
                .sequentialSpecification(c.sequentialSpecification())
                .verifier(CountingVerifier.class)
                .logLevel(LoggingLevel.WARN);
    }
}
