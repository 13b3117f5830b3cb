package dev.smpcheck.junit;

import dev.smpcheck.check.SmpViolation;
import dev.smpcheck.check.Violation;
import dev.smpcheck.instrument.Isolation;
import dev.smpcheck.instrument.TestInstrumentation;
import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.schedule.Smp;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs an {@link SmpTest} method: resolves its {@link Smp} parameter, replaces the single invocation JUnit would make
 * with a search over many schedules, and turns the search's result into a verdict.
 */
final class SmpExtension implements ParameterResolver, InvocationInterceptor {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SmpExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Smp.class
                && parameter.getDeclaringExecutable() instanceof Method m
                && AnnotationSupport.isAnnotated(m, SmpTest.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return CurrentSmp.INSTANCE;
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        invocation.skip();
        Method method = invocationContext.getExecutable();
        SmpTest test = AnnotationSupport.findAnnotation(method, SmpTest.class).orElseThrow();
        String testId = context.getRequiredTestClass().getName() + "#" + method.getName();
        SearchConfig config = SmpTestConfig.from(test, testId);
        Isolation isolation = SmpTestConfig.isolation(test, testId);
        TestInstrumentation instrumentation = SmpTestConfig.instrumentation(test, method, testId, isolation);
        Fixture fixture;
        if (isolation == Isolation.CLASSES) {
            // JUnit's own instance runs no schedule, so JUnit tears it down itself.
            fixture = new IsolatedFixture(context, method, invocationContext.getArguments(), testId);
        } else {
            TestFixture shared = new TestFixture(context, invocationContext.getTarget().orElseThrow(), method,
                    invocationContext.getArguments());
            context.getStore(NAMESPACE).put(context.getUniqueId(), shared);
            fixture = shared;
        }
        SearchResult result = new Explorer(config, System.out).explore(instrumentation.wrap(fixture));
        verdict(result, test.expect(), context);
        if (test.exhaustive() && !result.replay() && result.finding() == null && !result.exhausted()) {
            throw new AssertionError("exhaustive = true, but the budget ran out before every schedule within the bound "
                    + "was explored: raise schedules or lower preemptions; " + result.summary());
        }
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
        TestFixture fixture = context.getStore(NAMESPACE).get(context.getUniqueId(), TestFixture.class);
        if (fixture != null && fixture.firstInstanceTornDown()) {
            invocation.skip();
        } else {
            invocation.proceed();
        }
    }

    private static void verdict(SearchResult result, Violation[] expect, ExtensionContext context) {
        Set<Violation> expected = expect.length == 0 ? EnumSet.noneOf(Violation.class)
                : EnumSet.copyOf(Arrays.asList(expect));
        String expectedNames = expected.stream().map(Enum::name).collect(Collectors.joining(" or "));
        Finding finding = result.finding();
        System.out.println(result.summary());
        if (finding == null) {
            if (!expected.isEmpty()) {
                throw new AssertionError("expected " + expectedNames + " but no schedule found it: "
                        + result.summary());
            }
            return;
        }
        if (expected.contains(finding.kind())) {
            Path report = Reports.write(context, result, finding, "PASSED: found " + finding.kind()
                    + ", as expected");
            System.out.println("expected " + finding.kind() + " found, as documented; report: " + report);
            System.out.println(finding.report());
            return;
        }
        String lead = expected.isEmpty() ? "" : "expected " + expectedNames + " but found ";
        Path report = Reports.write(context, result, finding, "FAILED: " + lead + finding.kind());
        System.out.println("violation found; report: " + report);
        throw new SmpViolation(finding.kind(), finding.token(),
                lead + finding.report() + "\nReport: " + report, finding.outcome().failure());
    }
}
