package dev.smpcheck.junit.lincheck;

import dev.smpcheck.check.SmpViolation;
import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.Reports;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link LincheckTest} method: replaces the invocation JUnit would make with a Lincheck check of the operations
 * class and turns Lincheck's verdict into ours.
 *
 * <p>This class names no Lincheck type, so it loads without Lincheck and can say that the dependency is missing.
 */
final class LincheckExtension implements InvocationInterceptor {

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        invocation.skip();
        Method method = invocationContext.getExecutable();
        Class<?> testClass = context.getRequiredTestClass();
        String testId = testClass.getName() + "#" + method.getName();
        LincheckTest test = AnnotationSupport.findAnnotation(method, LincheckTest.class).orElseThrow();
        LincheckAvailability.require(testClass.getClassLoader(), testId);
        LincheckConfig config = LincheckConfig.from(test, testClass, testId);
        verdict(LincheckRunner.run(config, testClass.getClassLoader()), config, context);
    }

    /** The same rules as {@code @SmpTest}'s: a finding fails the test unless {@code expect} names its kind. */
    private static void verdict(LincheckOutcome outcome, LincheckConfig config, ExtensionContext context) {
        String summary = outcome.summary(config);
        System.out.println(summary);
        String expected = config.expected().stream().map(Enum::name).collect(Collectors.joining(" or "));
        Violation kind = outcome.kind();
        if (kind == null) {
            if (!expected.isEmpty()) {
                throw new AssertionError("expected " + expected + " but Lincheck found none: " + summary);
            }
            return;
        }
        // The model checker's seed is fixed, so a rerun finds the same failure; stress races real threads.
        String rerun = config.mode() == LincheckTest.Mode.STRESS
                ? "stress races real threads, so a rerun may need more invocations to hit it again"
                : "rerun the test to reproduce it (the model checker's search is deterministic)";
        String headline = String.format(Locale.ROOT, "%s found by Lincheck %s after %,d invocations; %s", kind,
                config.modeName(), outcome.invocations(), rerun);
        String body = headline + "\n\n" + outcome.report() + "\n\n" + summary;
        if (config.expected().contains(kind)) {
            Path report = Reports.writeText(context, "PASSED: found " + kind + ", as expected", body);
            System.out.println("expected " + kind + " found, as documented; report: " + report);
            System.out.println(body);
            return;
        }
        String lead = expected.isEmpty() ? "" : "expected " + expected + " but found ";
        Path report = Reports.writeText(context, "FAILED: " + lead + kind, body);
        System.out.println("violation found; report: " + report);
        throw new SmpViolation(kind, "", lead + headline + "\n\n" + outcome.report() + "\n\nReport: " + report,
                outcome.failure());
    }
}
