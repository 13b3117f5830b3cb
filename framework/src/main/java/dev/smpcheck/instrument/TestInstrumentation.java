package dev.smpcheck.instrument;

import dev.smpcheck.run.ConfigurationException;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.schedule.ScheduleBody;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How one test uses instrumentation: its scope (the global rules, then its own) and whether the agent is active for
 * it. Front ends such as {@code @SmpTest} make one per test before its search and wrap the test's fixture with it.
 *
 * <h2>When the agent is needed</h2>
 * A test that drives <em>plain Java</em> threads (it has no {@code Smp} handle, so its concurrency can only come from
 * {@code java.lang.Thread} and friends) needs the agent: without it no thread would be controlled and the search would
 * pass without testing anything. For such a test the agent attaches itself if it was not loaded at start-up, and if
 * it cannot be active the test fails at once, saying why. A test that uses the {@code Smp} API is instrumented when
 * the agent is active, and otherwise runs on its explicit schedule points alone. A test whose rules exclude everything
 * ({@code -*}) is never instrumented.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TestInstrumentation {
    private final InstrumentScope scope;
    private final boolean active;

    private TestInstrumentation(InstrumentScope scope, boolean active) {
        this.scope = scope;
        this.active = active;
    }

    /**
     * @param testId names the test in errors
     * @param rules the test's own rules, each {@code +name} or {@code -name}; may be empty
     * @param plainJava whether the test drives plain Java threads, so that it needs the agent
     * @return how the test is instrumented
     * @throws ConfigurationException for a bad rule, naming it
     * @throws IllegalStateException when the test needs the agent and it cannot be active, saying why and what to do
     */
    public static TestInstrumentation prepare(String testId, List<String> rules, boolean plainJava) {
        InstrumentScope scope;
        try {
            scope = SmpAgent.globalScope().with(rules, "");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("instrument", "{" + String.join(", ", rules.stream()
                    .map(r -> "\"" + r + "\"").toList()) + "}", "is not valid: " + e.getMessage());
        }
        if (scope.excludesEverything()) {
            return new TestInstrumentation(scope, SmpAgent.status().active());
        }
        AgentStatus status = SmpAgent.activate(plainJava);
        if (!status.active()) {
            if (plainJava) {
                throw new IllegalStateException(testId + " starts plain Java threads, which smpcheck controls only "
                        + "through its instrumentation agent, and the agent is not active: " + status.problem()
                        + ". Add -javaagent:${dev.smpcheck:smpcheck-framework:jar} to the Surefire argLine (see "
                        + "docs/instrumentation.md). Without the agent this test would pass without exploring any "
                        + "interleaving.");
            }
            return new TestInstrumentation(scope, false);
        }
        if (!rules.isEmpty()) {
            SmpAgent.include(scope);
        }
        return new TestInstrumentation(scope, true);
    }

    /** @return whether the test's classes get schedule points */
    public boolean active() {
        return active && !scope.excludesEverything();
    }

    /** @return the test's scope */
    public InstrumentScope scope() {
        return scope;
    }

    /**
     * @param fixture the test's fixture
     * @return a fixture whose bodies first set this test's scope for their schedule (when the agent is active)
     */
    public Fixture wrap(Fixture fixture) {
        if (!active) {
            return fixture;
        }
        return new Fixture() {
            @Override
            public ScheduleBody setUp() throws Throwable {
                ScheduleBody body = fixture.setUp();
                return smp -> {
                    JvmState.useScope(scope);
                    body.run(smp);
                };
            }

            @Override
            public void tearDown() throws Throwable {
                fixture.tearDown();
            }
        };
    }
}
